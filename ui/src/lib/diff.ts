// Reading a comparison: the text of one side of a change.

import type { TextChange } from './bindings';

/** The text as it was in the older version. */
export function oldText(change: TextChange): string {
  return change.spans.filter((s) => s.kind !== 'added').map((s) => s.text).join('');
}

/** The text as it is in the newer version. */
export function newText(change: TextChange): string {
  return change.spans.filter((s) => s.kind !== 'removed').map((s) => s.text).join('');
}
