import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  FORGET_CLICKS_MS,
  isReplayingLateKey,
  KeyOrder,
  replayHeld,
  SETTLE_MS,
  shifted,
  typedEdit,
  watchKeyOrder,
  type TypedKey,
} from './keyOrder';

const key = (k: string, mods: Partial<TypedKey> = {}): TypedKey => ({
  key: k,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});

describe('what a key does to a field', () => {
  // value with the caret (or selection) marked by [ ], key, multiline → expected, or null.
  const cases: Array<[string, string, boolean, string | null]> = [
    ['Lee[]', 'x', false, 'Leex[]'],
    ['L[]ee', ' ', false, 'L []ee'],
    ['[Lee]', 'K', false, 'K[]'],
    ['Lee[]', 'Backspace', false, 'Le[]'],
    ['[]Lee', 'Backspace', false, '[]Lee'],
    ['L[ee]', 'Backspace', false, 'L[]'],
    ['L[]ee', 'Delete', false, 'L[]e'],
    ['Lee[]', 'Delete', false, 'Lee[]'],
    ['one[]', 'Enter', true, 'one\n[]'],
    ['one[]', 'Enter', false, null],
    ['Lee[]', 'Shift', false, null],
    ['Lee[]', 'ArrowLeft', false, null],
    ['Lee[]', '😀', false, 'Lee😀[]'],
  ];
  it.each(cases)('%s + %s (multiline %s) → %s', (marked, k, multiline, expected) => {
    const start = marked.indexOf('[');
    const end = marked.indexOf(']') - 1;
    const value = marked.replace('[', '').replace(']', '');
    const edit = typedEdit(value, start, end, key(k), multiline);
    if (expected === null) return expect(edit).toBeNull();
    expect(edit).not.toBeNull();
    const shown = edit ? edit.value.slice(0, edit.caret) + '[]' + edit.value.slice(edit.caret) : '';
    expect(shown).toBe(expected);
  });

  it('leaves shortcuts and composition alone', () => {
    expect(typedEdit('a', 1, 1, key('z', { ctrlKey: true }), false)).toBeNull();
    expect(typedEdit('a', 1, 1, key('n', { altKey: true }), false)).toBeNull();
    expect(typedEdit('a', 1, 1, key('e', { isComposing: true }), false)).toBeNull();
  });

  it('moves positions after the edit with the text', () => {
    const insert = typedEdit('abcdef', 2, 2, key('X'), false);
    expect(insert).not.toBeNull();
    if (!insert) return;
    expect([0, 2, 3, 6].map((at) => shifted(at, insert))).toEqual([0, 3, 4, 7]);
    const back = typedEdit('abcdef', 3, 3, key('Backspace'), false);
    if (!back) throw new Error('no edit');
    expect([1, 2, 3, 5].map((at) => shifted(at, back))).toEqual([1, 2, 2, 4]);
  });
});

function field(value = '') {
  return {
    value,
    selectionStart: value.length as number | null,
    selectionEnd: value.length as number | null,
    isConnected: true,
    setSelectionRange(start: number, end: number) {
      this.selectionStart = start;
      this.selectionEnd = end;
    },
    dispatchEvent: () => true,
  };
}

describe('keys and the clicks that overtake them', () => {
  it('sends keys stamped before the latest click to the caret the click found', () => {
    let clock = 0;
    const order = new KeyOrder(() => clock);
    const headline = field('Lee');
    order.pointerDown(100, { field: headline, start: 3, end: 3, multiline: false });
    clock = 150;
    expect(order.keyIn(90)).toMatchObject({ field: headline, start: 3 });
    expect(order.isLate(90)).toBe(true);
    expect(order.keyIn(120)).toBeNull();
    expect(order.isLate(120)).toBe(false);
  });

  it('lets keys through when the click found no text caret, or its field is gone', () => {
    let clock = 0;
    const order = new KeyOrder(() => clock);
    order.pointerDown(100, null);
    expect(order.keyIn(90)).toBeNull();
    const gone = { ...field('x'), isConnected: false };
    clock = 1000;
    order.pointerDown(2000, { field: gone, start: 0, end: 0, multiline: false });
    expect(order.keyIn(1990)).toBeNull();
  });

  it('keeps the first click of a quick double click as where late keys go', () => {
    let clock = 0;
    const order = new KeyOrder(() => clock);
    const headline = field('Lee');
    const summary = field('Seoul');
    order.pointerDown(100, { field: headline, start: 3, end: 3, multiline: false });
    clock = 110;
    order.keyIn(95);
    clock = 130;
    order.pointerDown(180, { field: summary, start: 1, end: 1, multiline: true });
    expect(order.keyIn(97)?.field).toBe(headline);
  });

  it('sends keys typed between two clicks to where the first click put the caret', () => {
    let clock = 0;
    const order = new KeyOrder(() => clock);
    const headline = field('Lee');
    const summary = field('Seoul');
    // Typing in the headline, a click into the summary, typing there, a
    // click on a link: both clicks reach the page before any of those keys.
    order.pointerDown(200, { field: headline, start: 3, end: 3, multiline: false });
    clock = 10;
    order.pointerDown(300, { field: summary, start: 5, end: 5, multiline: true });
    expect(order.keyIn(150)?.field).toBe(headline);
    expect(order.keyIn(250)?.field).toBe(summary);
    expect(order.isLate(260)).toBe(true);
    expect(order.keyIn(350)).toBeNull();
    expect(order.isLate(260)).toBe(false);
  });

  it('forgets clicks made long ago', () => {
    let clock = 0;
    const order = new KeyOrder(() => clock);
    order.pointerDown(200, { field: field('Lee'), start: 3, end: 3, multiline: false });
    clock = FORGET_CLICKS_MS;
    expect(order.isLate(100)).toBe(true);
    expect(order.keyIn(100)).toBeNull();
    expect(order.isLate(100)).toBe(false);
  });
});

describe('waiting for keys on their way', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves at once when no key came in lately, and after a quiet moment otherwise', async () => {
    vi.useFakeTimers();
    let clock = 1000;
    const order = new KeyOrder(() => clock);
    await order.settled();
    order.keyIn(990);
    let done = false;
    void order.settled().then(() => (done = true));
    clock += SETTLE_MS / 2;
    await vi.advanceTimersByTimeAsync(SETTLE_MS / 2);
    order.keyIn(clock);
    clock += SETTLE_MS - 1;
    await vi.advanceTimersByTimeAsync(SETTLE_MS - 1);
    expect(done).toBe(false);
    clock += 1;
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it('knows every key typed before a moment is in once a key typed after it comes, however fast the typing', async () => {
    vi.useFakeTimers();
    let clock = 1000;
    const order = new KeyOrder(() => clock);
    order.keyIn(500);
    let done = false;
    void order.settledBefore(600).then(() => (done = true));
    order.keyIn(550);
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(false);
    clock += 10;
    order.keyIn(650);
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });
});

describe('keys typed while a new brief opens', () => {
  function stamped<E extends Event>(event: E, at: number): E {
    Object.defineProperty(event, 'timeStamp', { value: at });
    return event;
  }
  const press = (target: Element, k: string, at: number, mods: KeyboardEventInit = {}) => {
    const down = stamped(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...mods }), at);
    target.dispatchEvent(down);
    return down;
  };

  it('go to the new headline, Tab moving on to the next part, and not to the brief left', () => {
    document.body.innerHTML = '<textarea id="old"></textarea>';
    const old = document.querySelector<HTMLTextAreaElement>('#old');
    if (!old) throw new Error('no field');
    old.value = 'Old words';
    const order = new KeyOrder(() => 0);
    const stop = watchKeyOrder(window, order);
    old.focus();
    old.setSelectionRange(9, 9);
    // Ctrl+N at 100; the typist goes straight on.
    const held = order.holdKeysAfter(100);
    expect(press(old, 'x', 90).defaultPrevented).toBe(false);
    const typed = [...'Lee'].map((k, i) => press(old, k, 110 + i));
    press(old, 'Tab', 120);
    press(old, 'I', 121, { shiftKey: true });
    press(old, 'z', 122, { ctrlKey: true });
    expect(typed.every((down) => down.defaultPrevented)).toBe(true);
    expect(old.value).toBe('Old words');
    const up = stamped(new KeyboardEvent('keyup', { key: 'e', bubbles: true, cancelable: true }), 112);
    old.dispatchEvent(up);
    expect(up.defaultPrevented).toBe(true);

    // The new brief is on screen, its headline has the caret.
    document.body.innerHTML =
      '<textarea id="headline" data-one-line></textarea><button id="skip" tabindex="-1">x</button><textarea id="summary"></textarea>';
    const headline = document.querySelector<HTMLTextAreaElement>('#headline');
    const summary = document.querySelector<HTMLTextAreaElement>('#summary');
    if (!headline || !summary) throw new Error('no fields');
    const inputs: string[] = [];
    headline.addEventListener('input', () => inputs.push(headline.value));
    headline.focus();
    const keys = held();
    expect(keys.map((k) => k.key)).toEqual(['L', 'e', 'e', 'Tab', 'I']);
    replayHeld(document, keys);
    expect(headline.value).toBe('Lee');
    expect(inputs).toEqual(['L', 'Le', 'Lee']);
    expect(summary.value).toBe('I');
    expect(document.activeElement).toBe(summary);

    // Once the hold is over, keys are the page's again.
    expect(press(summary, 'y', 130).defaultPrevented).toBe(false);
    expect(order.isHeld(130)).toBe(false);
    stop();
  });
});

describe('watching the window', () => {
  function stamped<E extends Event>(event: E, at: number): E {
    Object.defineProperty(event, 'timeStamp', { value: at });
    return event;
  }

  it('types a late key into the field it was typed in and keeps it from the clicked one', () => {
    document.body.innerHTML = '<textarea id="a" data-one-line></textarea><textarea id="b"></textarea><button id="c">Go</button>';
    const a = document.querySelector<HTMLTextAreaElement>('#a');
    const b = document.querySelector<HTMLTextAreaElement>('#b');
    if (!a || !b) throw new Error('no fields');
    a.value = 'Lee meets';
    b.value = 'Body';
    let now = 0;
    const order = new KeyOrder(() => now);
    const stop = watchKeyOrder(window, order);
    const inputs: string[] = [];
    a.addEventListener('input', () => inputs.push(a.value));
    b.addEventListener('keydown', () => inputs.push('b saw a key'));

    a.focus();
    a.setSelectionRange(9, 9);
    b.dispatchEvent(stamped(new MouseEvent('mousedown', { bubbles: true }), 100));
    b.focus();
    b.setSelectionRange(2, 2);
    now = 110;
    for (const [k, at] of [[' ', 80], ['X', 90], ['i', 95]] as const) {
      const down = stamped(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }), at);
      b.dispatchEvent(down);
      expect(down.defaultPrevented).toBe(true);
    }
    expect(a.value).toBe('Lee meets Xi');
    expect(inputs).toEqual(['Lee meets ', 'Lee meets X', 'Lee meets Xi']);
    expect(b.value).toBe('Body');
    expect([b.selectionStart, b.selectionEnd]).toEqual([2, 2]);

    // A late Enter in a one-line field is dropped, not sent to the clicked field.
    const enter = stamped(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }), 97);
    b.dispatchEvent(enter);
    expect(enter.defaultPrevented).toBe(true);
    expect(a.value).toBe('Lee meets Xi');

    // A late Space released on a button does not press it.
    const up = stamped(new KeyboardEvent('keyup', { key: ' ', bubbles: true, cancelable: true }), 85);
    document.querySelector('#c')?.dispatchEvent(up);
    expect(up.defaultPrevented).toBe(true);

    // Keys typed after the click are the clicked field's.
    const after = stamped(new KeyboardEvent('keydown', { key: 'y', bubbles: true, cancelable: true }), 120);
    b.dispatchEvent(after);
    expect(after.defaultPrevented).toBe(false);
    expect(inputs.at(-1)).toBe('b saw a key');
    stop();
  });

  it('says while a late key is replayed, so what the click brought is not taken as past', () => {
    document.body.innerHTML = '<textarea id="a"></textarea><a id="link" href="https://example.org">x</a>';
    const a = document.querySelector<HTMLTextAreaElement>('#a');
    if (!a) throw new Error('no field');
    let now = 0;
    const order = new KeyOrder(() => now);
    const stop = watchKeyOrder(window, order);
    const seen: boolean[] = [];
    a.addEventListener('input', () => seen.push(isReplayingLateKey()));
    a.focus();
    a.setSelectionRange(0, 0);
    document.querySelector('#link')?.dispatchEvent(stamped(new MouseEvent('mousedown', { bubbles: true }), 100));
    now = 110;
    document.body.dispatchEvent(stamped(new KeyboardEvent('keydown', { key: 'q', bubbles: true, cancelable: true }), 90));
    expect(a.value).toBe('q');
    expect(seen).toEqual([true]);
    expect(isReplayingLateKey()).toBe(false);
    stop();
  });

  it('moves the clicked caret along when late keys go into the same field', () => {
    document.body.innerHTML = '<textarea id="a"></textarea>';
    const a = document.querySelector<HTMLTextAreaElement>('#a');
    if (!a) throw new Error('no field');
    a.value = 'Seoul said. Beijing said.';
    const order = new KeyOrder(() => 0);
    const stop = watchKeyOrder(window, order);
    a.focus();
    a.setSelectionRange(11, 11);
    a.dispatchEvent(stamped(new MouseEvent('mousedown', { bubbles: true }), 100));
    a.setSelectionRange(25, 25);
    a.dispatchEvent(stamped(new KeyboardEvent('keydown', { key: '!', bubbles: true, cancelable: true }), 90));
    expect(a.value).toBe('Seoul said.! Beijing said.');
    expect(a.selectionStart).toBe(26);
    stop();
  });
});
