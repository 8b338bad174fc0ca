import { describe, expect, it } from 'vitest';
import { MAX_STEPS, TYPING_PAUSE_MS, UndoBook, UndoHistory } from './undo';

function history(start = '') {
  let clock = 0;
  const h = new UndoHistory<string>(start, (s) => s, () => clock);
  return { h, advance: (ms: number) => (clock += ms) };
}

describe('undo history', () => {
  it('groups a burst of typing in one field into one step', () => {
    const { h, advance } = history('');
    for (const text of ['L', 'Le', 'Lee']) {
      h.record(text, { typing: 'headline' });
      advance(100);
    }
    expect(h.undo()?.state).toBe('');
    expect(h.canUndo).toBe(false);
    expect(h.redo()?.state).toBe('Lee');
  });

  it('starts a new step after a pause, in another field, or for a structural edit', () => {
    const { h, advance } = history('a');
    h.record('ab', { typing: 'summary' });
    advance(TYPING_PAUSE_MS + 1);
    h.record('abc', { typing: 'summary' });
    h.record('abcd', { typing: 'context' });
    h.record('abcde');
    h.record('abcdef', { typing: 'context' });
    const seen: string[] = [];
    for (let step = h.undo(); step; step = h.undo()) seen.push(step.state);
    expect(seen).toEqual(['abcde', 'abcd', 'abc', 'ab', 'a']);
  });

  it('says where the undone change was made', () => {
    const { h } = history('');
    h.record('x', { typing: 'bullet:3', caret: { field: 'bullet:3', start: 1, end: 1 } });
    expect(h.undo()?.caret).toEqual({ field: 'bullet:3', start: 1, end: 1 });
    expect(h.redo()?.caret?.field).toBe('bullet:3');
  });

  it('drops the redo steps when a new change is made', () => {
    const { h } = history('a');
    h.record('b');
    h.undo();
    h.record('c');
    expect(h.canRedo).toBe(false);
    expect(h.undo()?.state).toBe('a');
  });

  it('keeps at most MAX_STEPS steps', () => {
    const { h } = history('0');
    for (let i = 1; i <= MAX_STEPS + 10; i++) h.record(String(i));
    let steps = 0;
    while (h.undo()) steps++;
    expect(steps).toBe(MAX_STEPS);
  });

  it('copies states, so later edits of the live object do not change history', () => {
    const live = { text: 'one' };
    const h = new UndoHistory(live, (s) => ({ ...s }));
    live.text = 'two';
    h.record(live);
    live.text = 'three';
    expect(h.undo()?.state.text).toBe('one');
  });

  it('keeps each brief its own history while the app runs, across a reopen', () => {
    const book = new UndoBook<string>((s) => s);
    const a = book.open('a', 'A0');
    a.record('A1');
    const b = book.open('b', 'B0');
    b.record('B1');
    const again = book.open('a', 'A1 as stored');
    expect(again).toBe(a);
    expect(again.undo()?.state).toBe('A0');
    expect(book.open('b', 'B1').undo()?.state).toBe('B0');
  });

  it('has nothing to undo at the start', () => {
    const { h } = history('x');
    expect(h.undo()).toBeNull();
    expect(h.redo()).toBeNull();
  });
});

describe('undo history with typing copied field by field', () => {
  type Doc = { a: string; b: string };
  it('copies only the typed field within a burst and still undoes exactly', () => {
    let clock = 0;
    let clones = 0;
    const clone = (d: Doc) => {
      clones++;
      return { ...d };
    };
    const typedInto = (snapshot: Doc, live: Doc, field: string) => {
      if (field !== 'a' && field !== 'b') return false;
      snapshot[field] = live[field];
      return true;
    };
    const live: Doc = { a: '', b: 'x' };
    const h = new UndoHistory<Doc>(live, clone, () => clock, typedInto);
    clones = 0;
    for (const text of ['L', 'Le', 'Lee']) {
      live.a = text;
      h.record(live, { typing: 'a' });
      clock += 100;
    }
    expect(clones).toBe(1);
    live.b = 'xy';
    h.record(live, { typing: 'b' });
    expect(h.undo()?.state).toEqual({ a: 'Lee', b: 'x' });
    expect(h.undo()?.state).toEqual({ a: '', b: 'x' });
    expect(h.redo()?.state).toEqual({ a: 'Lee', b: 'x' });
  });
});

describe('others’ changes arriving', () => {
  type Doc = { mine: string; theirs: string };
  const clone = (d: Doc) => ({ ...d });
  const same = (a: Doc, b: Doc) => a.mine === b.mine && a.theirs === b.theirs;

  it('carries them into every step, so undo takes back only her own edits', () => {
    const h = new UndoHistory<Doc>({ mine: '', theirs: 'old' }, clone);
    h.record({ mine: 'One.', theirs: 'old' });
    h.record({ mine: 'One. Two.', theirs: 'old' });
    // The editor's words arrive in the part she did not touch.
    h.follow({ mine: 'One. Two.', theirs: 'new' }, (d) => ({ ...d, theirs: 'new' }), same);
    expect(h.undo()?.state).toEqual({ mine: 'One.', theirs: 'new' });
    expect(h.undo()?.state).toEqual({ mine: '', theirs: 'new' });
    expect(h.undo()).toBeNull();
    expect(h.redo()?.state).toEqual({ mine: 'One.', theirs: 'new' });
  });

  it('drops steps that no longer change anything, back and forward', () => {
    const h = new UndoHistory<Doc>({ mine: 'a', theirs: 'x' }, clone);
    h.record({ mine: 'a', theirs: 'y' }); // her change to their part
    h.record({ mine: 'b', theirs: 'y' });
    h.record({ mine: 'c', theirs: 'y' });
    h.undo(); // present b, future [c]
    h.follow({ mine: 'b', theirs: 'z' }, (d) => ({ ...d, theirs: 'z' }), same);
    // Back: a (the step that only touched their part is gone).
    expect(h.undo()?.state).toEqual({ mine: 'a', theirs: 'z' });
    expect(h.undo()).toBeNull();
    expect(h.redo()?.state).toEqual({ mine: 'b', theirs: 'z' });
    expect(h.redo()?.state).toEqual({ mine: 'c', theirs: 'z' });
    expect(h.redo()).toBeNull();
  });
});
