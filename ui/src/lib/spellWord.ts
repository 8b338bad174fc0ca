// The word a person right-clicked, for the context menu's "Add to
// Dictionary" (WebKitGTK's own "Learn Spelling" stays greyed out, so the
// Rust shell adds the word itself and asks the page which word it was).

/** Letters, marks, digits and the apostrophes and hyphens inside a word. */
const WORD_CHAR = /[\p{L}\p{M}\p{N}'’-]/u;

/** The word at `offset` in `text` (the caret, after a right-click), or ''. */
export function wordAt(text: string, offset: number): string {
  let start = Math.max(0, Math.min(offset, text.length));
  let end = start;
  while (start > 0 && WORD_CHAR.test(text[start - 1] ?? '')) start--;
  while (end < text.length && WORD_CHAR.test(text[end] ?? '')) end++;
  // Apostrophes and hyphens only count inside a word.
  return text.slice(start, end).replace(/^['’-]+|['’-]+$/gu, '');
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
