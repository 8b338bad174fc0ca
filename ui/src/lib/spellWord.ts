// The word a person right-clicked, for the context menu's "Add to
// Dictionary" (WebKitGTK's own "Learn Spelling" stays greyed out, so the
// Rust shell adds the word itself and asks the page which word it was).

/**
 * Letters, marks, digits and apostrophes inside a word. Not hyphens: the
 * spell checker checks each half of "Okonkwo-Brandvold" on its own, so
 * each half is the word to add.
 */
const WORD_CHAR = /[\p{L}\p{M}\p{N}'’]/u;

/** The word at `offset` in `text` (the caret, after a right-click), or ''. */
export function wordAt(text: string, offset: number): string {
  let start = Math.max(0, Math.min(offset, text.length));
  let end = start;
  while (start > 0 && WORD_CHAR.test(text[start - 1] ?? '')) start--;
  while (end < text.length && WORD_CHAR.test(text[end] ?? '')) end++;
  // Apostrophes only count inside a word.
  return text.slice(start, end).replace(/^['’]+|['’]+$/gu, '');
}

interface SpellWindow {
  __briefdeskContextWord?: string;
  __briefdeskWordLearnt?: () => void;
}

/**
 * Remembers the word under each right-click in a text field, and clears a
 * learnt word's mark (WebKit checks the field again when spelling is
 * turned back on). Returns a function that stops.
 */
export function watchContextWord(target: Window): () => void {
  const spell = target as unknown as SpellWindow;
  let field: HTMLTextAreaElement | HTMLInputElement | null = null;
  const oncontextmenu = (event: MouseEvent) => {
    const element = event.target;
    field = element instanceof HTMLTextAreaElement || element instanceof HTMLInputElement ? element : null;
    spell.__briefdeskContextWord = field ? wordAt(field.value, field.selectionStart ?? 0) : '';
  };
  spell.__briefdeskWordLearnt = () => {
    const learnt = field;
    if (!learnt) return;
    learnt.spellcheck = false;
    requestAnimationFrame(() => (learnt.spellcheck = true));
  };
  target.addEventListener('contextmenu', oncontextmenu, true);
  return () => {
    target.removeEventListener('contextmenu', oncontextmenu, true);
    delete spell.__briefdeskWordLearnt;
  };
}

/**
 * Has WebKit check the spelling of text it did not see typed.
 *
 * WebKitGTK marks a word only as it is typed: a brief opened, or text put
 * back by undo, a restore or a replace-all, shows no marks at all. Text
 * inserted by an editing command is checked, so each field whose text is
 * new since it was last checked has its text put back in place by one
 * ("insertText" over the whole field, and a space after it deleted). Each field is done in a task of its
 * own, with focus, caret and scroll put back before the task ends, so
 * nothing the person types can land in between; the field's `input`
 * events are kept from the page (the text is the same).
 */
export class SpellingRecheck {
  private checked = new WeakMap<Element, string>();
  private queue: Array<HTMLTextAreaElement | HTMLInputElement> = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** Queues every field in `root` whose text is new since last checked. */
  run(root: ParentNode | null | undefined): void {
    if (!root) return;
    const fields = root.querySelectorAll<HTMLTextAreaElement | HTMLInputElement>('textarea[spellcheck="true"], input[spellcheck="true"]');
    for (const field of fields) {
      if (field.value !== '' && this.checked.get(field) !== field.value && !this.queue.includes(field)) this.queue.push(field);
    }
    if (this.timer === null && this.queue.length > 0) this.timer = setTimeout(() => this.next());
  }

  /** Forgets what was checked, for fields the page will make anew. */
  stop(): void {
    this.queue = [];
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private next() {
    this.timer = null;
    const field = this.queue.shift();
    if (field?.isConnected) this.check(field);
    if (this.queue.length > 0) this.timer = setTimeout(() => this.next());
  }

  private check(field: HTMLTextAreaElement | HTMLInputElement) {
    const text = field.value;
    const active = document.activeElement as HTMLElement | null;
    const selection =
      active instanceof HTMLTextAreaElement || active instanceof HTMLInputElement
        ? [active.selectionStart, active.selectionEnd, active.selectionDirection] as const
        : null;
    const scrolled: Array<[Element, number]> = [];
    for (let e: Element | null = field.parentElement; e; e = e.parentElement) scrolled.push([e, e.scrollTop]);
    const hold = (event: Event) => event.stopImmediatePropagation();
    window.addEventListener('input', hold, true);
    window.addEventListener('beforeinput', hold, true);
    try {
      field.focus({ preventScroll: true });
      field.setSelectionRange(0, text.length);
      // A word the caret ends in is left unchecked (it may still be being
      // typed): a space after the text, taken away again, ends the last word.
      document.execCommand('insertText', false, `${text} `);
      document.execCommand('delete', false);
      // Never other words: if the command changed anything, the text goes back.
      if (field.value !== text) field.value = text;
    } finally {
      window.removeEventListener('input', hold, true);
      window.removeEventListener('beforeinput', hold, true);
      if (active && active !== document.body) active.focus({ preventScroll: true });
      else field.blur();
      if (selection && (active instanceof HTMLTextAreaElement || active instanceof HTMLInputElement)) {
        active.setSelectionRange(selection[0], selection[1], selection[2] ?? undefined);
      }
      for (const [element, top] of scrolled) element.scrollTop = top;
    }
    this.checked.set(field, text);
  }
}
