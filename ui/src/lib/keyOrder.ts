// Keys arrive where they were typed, even when a click overtakes them.
//
// WebKitGTK hands key events to the page one at a time, each after the page
// has handled the one before, but sends mouse events on a queue of their
// own. When the page falls behind a fast typist, a click made after the
// last keys reaches the page before them, and those keys land in the part
// clicked. Every event carries the time the X server stamped on it
// (`timeStamp`, the same clock for keys and clicks), so a key stamped
// before the latest click was typed before it: it is put back into the
// field that had the caret when the click came, at that caret.
//
// Actions that take the editor away (opening another brief, a menu item,
// closing the window) first wait for the keys still on their way:
// `settled()` resolves once no key has come in for a moment, and
// `settledBefore(at)` as soon as a key typed after `at` comes in (keys come
// in order, so every key typed before it is in). An action that brings a
// new field to type in (a new brief) holds the keys typed after it began
// (`holdKeysAfter`) and hands them to that field (`replayHeld`): a typist
// who presses Ctrl+N and writes the headline at once finds it there, not
// in the brief they left.

/** A text field as this module needs it (a textarea or a text input). */
export interface TextField {
  value: string;
  selectionStart: number | null;
  selectionEnd: number | null;
  readonly isConnected: boolean;
  setSelectionRange(start: number, end: number): void;
  dispatchEvent(event: Event): boolean;
}

/** Where the caret was when a click came. */
interface Caret {
  field: TextField;
  start: number;
  end: number;
  /** Whether the field keeps line breaks (prose), or is one line. */
  multiline: boolean;
}

/** The key as typed: what it does to a field's text. */
export interface TypedKey {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  isComposing?: boolean;
}

/** A key's edit: the new value and caret, and the range `from`–`to` of the old value it replaced. */
export interface Edit {
  value: string;
  caret: number;
  from: number;
  to: number;
}

/** Where a position in the old value is after `edit`. */
export function shifted(at: number, edit: Edit): number {
  if (at >= edit.to) return at + edit.caret - edit.to;
  return at > edit.from ? edit.caret : at;
}

/**
 * What `key` does to `value` with `start`–`end` selected: the new value and
 * caret, or null for a key that does not edit text (a modifier, a
 * shortcut, a key this module leaves alone).
 */
export function typedEdit(
  value: string,
  start: number,
  end: number,
  key: TypedKey,
  multiline: boolean,
): Edit | null {
  if (key.ctrlKey || key.altKey || key.metaKey || key.isComposing) return null;
  const replace = (from: number, to: number, text: string) => ({
    value: value.slice(0, from) + text + value.slice(to),
    caret: from + text.length,
    from,
    to,
  });
  if (key.key.length === 1 || (key.key.length === 2 && /[\uD800-\uDBFF]/.test(key.key[0] ?? ''))) {
    return replace(start, end, key.key);
  }
  switch (key.key) {
    case 'Enter':
      return multiline ? replace(start, end, '\n') : null;
    case 'Backspace':
      if (start !== end) return replace(start, end, '');
      return replace(Math.max(start - 1, 0), start, '');
    case 'Delete':
      if (start !== end) return replace(start, end, '');
      return replace(start, Math.min(start + 1, value.length), '');
    default:
      return null;
  }
}

/** How long without a key before the keys on their way are taken to be in. */
export const SETTLE_MS = 120;

/** How long after a click keys typed before it may still come in. */
export const FORGET_CLICKS_MS = 5000;

export class KeyOrder {
  /**
   * Clicks that keys may still be on their way from before, oldest first:
   * each with the caret that was in place when it was handled, which is
   * where keys stamped before it and after the one before it belong.
   */
  private clicks: Array<{ at: number; caret: Caret | null; handled: number }> = [];
  private lastKeyAt = -Infinity;
  /** Each waits for a key stamped after `before`, or for a quiet moment. */
  private waiting: Array<{ before: number; resolve: () => void }> = [];
  private hold: { after: number; keys: HeldKey[] } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** A pointer went down at `at` (the event's stamp) with `caret` where the text caret was. */
  pointerDown(at: number, caret: Caret | null): void {
    this.forgetOld();
    this.clicks.push({ at, caret, handled: this.now() });
  }

  /**
   * A key came in, stamped `at`. Returns the caret it belongs at when it
   * was typed before a click handled ahead of it, or null when it belongs
   * where focus is now.
   */
  keyIn(at: number): Caret | null {
    this.lastKeyAt = this.now();
    const done = this.waiting.filter((waiter) => waiter.before < at);
    this.waiting = this.waiting.filter((waiter) => waiter.before >= at);
    for (const waiter of done) waiter.resolve();
    this.settleLater();
    this.forgetOld();
    // Keys come in the order they were typed: clicks this key was typed
    // after have no more keys on their way from before them.
    while (this.clicks.length > 0 && (this.clicks[0]?.at ?? Infinity) <= at) this.clicks.shift();
    const caret = this.clicks[0]?.caret ?? null;
    return caret && caret.field.isConnected ? caret : null;
  }

  /** No key waits in WebKit's queue for seconds: older clicks have none coming from before them. */
  private forgetOld() {
    const now = this.now();
    this.clicks = this.clicks.filter((click) => now - click.handled < FORGET_CLICKS_MS);
  }

  /** Whether a key stamped `at` was typed before a click already handled. */
  isLate(at: number): boolean {
    return this.clicks.some((click) => at < click.at);
  }

  /** Resolves once no key has come in for `SETTLE_MS`. */
  settled(): Promise<void> {
    return this.settledBefore(Infinity);
  }

  /**
   * Resolves once every key typed before `at` (an event's stamp) is in: when
   * a key typed after it comes in, or when no key has come in for `SETTLE_MS`.
   */
  settledBefore(at: number): Promise<void> {
    if (this.now() - this.lastKeyAt >= SETTLE_MS) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiting.push({ before: at, resolve });
      this.settleLater();
    });
  }

  /**
   * Holds back the keys stamped after `at` that type (text, Backspace,
   * Enter, Tab) until the returned function is called; it ends the hold and
   * gives them back in the order typed.
   */
  holdKeysAfter(at: number): () => HeldKey[] {
    const hold = { after: at, keys: [] as HeldKey[] };
    this.hold = hold;
    return () => {
      if (this.hold === hold) this.hold = null;
      return hold.keys;
    };
  }

  /** Whether a key stamped `at` falls in the hold. */
  isHeld(at: number): boolean {
    return this.hold !== null && at > this.hold.after;
  }

  /** Takes `key` into the hold when it falls in it and types; says whether it did. */
  takeHeld(at: number, key: HeldKey): boolean {
    if (!this.hold || !this.isHeld(at) || !holdable(key)) return false;
    this.hold.keys.push({ ...pick(key) });
    return true;
  }

  private settleLater() {
    if (this.waiting.length === 0) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = null;
        if (this.now() - this.lastKeyAt < SETTLE_MS) return this.settleLater();
        const waiting = this.waiting;
        this.waiting = [];
        for (const waiter of waiting) waiter.resolve();
      },
      Math.max(0, SETTLE_MS - (this.now() - this.lastKeyAt)),
    );
  }
}

/** A key held back: what `replayHeld` needs of it. */
export interface HeldKey extends TypedKey {
  shiftKey: boolean;
}

function pick(key: HeldKey): HeldKey {
  const { key: name, ctrlKey, altKey, metaKey, shiftKey, isComposing } = key;
  return { key: name, ctrlKey, altKey, metaKey, shiftKey, isComposing };
}

function holdable(key: HeldKey): boolean {
  return typedEdit('', 0, 0, key, true) !== null || (key.key === 'Tab' && !key.ctrlKey && !key.altKey && !key.metaKey);
}

/** What Tab moves through, in the page's order. */
const TABBABLE = 'input, textarea, select, button, a[href], [tabindex]';

function moveFocus(document: Document, backwards: boolean) {
  const stops = Array.from(document.querySelectorAll<HTMLElement>(TABBABLE)).filter(
    (element) =>
      element.tabIndex >= 0 &&
      !(element as HTMLButtonElement).disabled &&
      element.closest('[hidden], [inert]') === null,
  );
  const at = stops.indexOf(document.activeElement as HTMLElement);
  const next = stops[at + (backwards ? -1 : 1)];
  next?.focus();
}

/**
 * Types held keys where the caret is now, as typing there would have: each
 * edit fires the field's `input` event, and Tab moves on as Tab does.
 */
export function replayHeld(document: Document, keys: readonly HeldKey[]): void {
  for (const key of keys) {
    if (key.key === 'Tab') {
      moveFocus(document, key.shiftKey);
      continue;
    }
    const field = textFieldOf(document.activeElement);
    if (!field) continue;
    const multiline = field instanceof HTMLTextAreaElement && !field.hasAttribute('data-one-line');
    const start = field.selectionStart ?? field.value.length;
    const edit = typedEdit(field.value, start, field.selectionEnd ?? start, key, multiline);
    if (!edit) continue;
    field.value = edit.value;
    field.setSelectionRange(edit.caret, edit.caret);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

function textFieldOf(element: Element | null): (HTMLTextAreaElement | HTMLInputElement) | null {
  if (element instanceof HTMLTextAreaElement) return element;
  if (element instanceof HTMLInputElement && ['text', 'search', ''].includes(element.type)) return element;
  return null;
}

/**
 * Puts a late key's edit into the field it was typed in, as typing there
 * would have: the field's `input` event fires, so bindings, saving and
 * undo see it. The focused field's own caret is kept in place.
 */
function applyLate(caret: Caret, key: TypedKey): boolean {
  const { field } = caret;
  const edit = typedEdit(field.value, caret.start, caret.end, key, caret.multiline);
  if (!edit) return false;
  // The click may have put the caret in this same field: it moves with the
  // text typed before it.
  const focused = typeof document !== 'undefined' && (document.activeElement as unknown) === field;
  const keep = focused ? [field.selectionStart ?? 0, field.selectionEnd ?? 0] : null;
  field.value = edit.value;
  caret.start = caret.end = edit.caret;
  if (keep) field.setSelectionRange(shifted(keep[0] ?? 0, edit), shifted(keep[1] ?? 0, edit));
  else field.setSelectionRange(edit.caret, edit.caret);
  replaying = true;
  try {
    field.dispatchEvent(new Event('input', { bubbles: true }));
  } finally {
    replaying = false;
  }
  return true;
}

let replaying = false;

/**
 * Whether the edit being handled now is a key typed before a click that
 * overtook it: what the click brought (a notice, say) came after it, and
 * is not past because of it.
 */
export function isReplayingLateKey(): boolean {
  return replaying;
}

/**
 * Watches the window's clicks and keys (capture phase, ahead of every other
 * listener) and sends keys typed before a click where they were typed.
 * Returns a function that stops watching.
 */
export function watchKeyOrder(target: Window, order: KeyOrder): () => void {
  const onpointerdown = (event: MouseEvent) => {
    const field = textFieldOf(target.document.activeElement);
    order.pointerDown(
      event.timeStamp,
      field
        ? {
            field,
            start: field.selectionStart ?? field.value.length,
            end: field.selectionEnd ?? field.value.length,
            multiline: field instanceof HTMLTextAreaElement && !field.hasAttribute('data-one-line'),
          }
        : null,
    );
  };
  const onkeydown = (event: KeyboardEvent) => {
    const caret = order.keyIn(event.timeStamp);
    if (!caret) {
      if (order.takeHeld(event.timeStamp, event)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
      return;
    }
    // The key was typed before the click: wherever focus is now, it edits
    // the field it was typed in, or does nothing here.
    if (applyLate(caret, event) || typedEdit('', 0, 0, event, true) !== null) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  };
  const onkeyup = (event: KeyboardEvent) => {
    // A late or held Space released on a clicked button must not press it.
    const late = order.isLate(event.timeStamp) || order.isHeld(event.timeStamp);
    if (late && typedEdit('', 0, 0, event, true) !== null) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  };
  target.addEventListener('mousedown', onpointerdown, true);
  target.addEventListener('keydown', onkeydown, true);
  target.addEventListener('keyup', onkeyup, true);
  return () => {
    target.removeEventListener('mousedown', onpointerdown, true);
    target.removeEventListener('keydown', onkeydown, true);
    target.removeEventListener('keyup', onkeyup, true);
  };
}
