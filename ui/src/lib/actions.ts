// The one table of actions: the native menu (Rust reads the same JSON),
// the page's keys and the shortcuts sheet all come from actions.json.

import table from './actions.json';

export interface Action {
  id: string;
  menu?: string;
  group?: number;
  label: string;
  keys: string[];
  accelerator?: string;
  /** Handled by the Rust side (quit, cut, copy, paste). */
  native?: boolean;
}

export const ACTIONS: readonly Action[] = table as Action[];

/** `Ctrl+Shift+Z` for a key event, as the table writes keys. */
export function keyName(event: Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'key'>): string {
  const parts: string[] = [];
  if (event.ctrlKey || event.metaKey) parts.push('Ctrl');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey && event.key.length !== 1) parts.push('Shift');
  else if (event.shiftKey && /[a-z]/i.test(event.key)) parts.push('Shift');
  const key = event.key.length === 1 ? event.key.toUpperCase() : event.key;
  parts.push(key);
  return parts.join('+');
}

/**
 * The page-handled action a key event triggers, if any: only actions with a
 * modifier or a function key, so typing is never taken.
 */
export function actionForKey(event: Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'key'>): Action | null {
  if (!(event.ctrlKey || event.metaKey) && !/^F\d+$/.test(event.key)) return null;
  const name = keyName(event);
  return ACTIONS.find((a) => a.menu !== undefined && !a.native && a.keys.includes(name)) ?? null;
}

/** What the shortcuts sheet lists: every action that has keys. */
export function shortcuts(): { keys: string; label: string }[] {
  return ACTIONS.filter((a) => a.keys.length > 0).map((a) => ({ keys: a.keys.join(' / '), label: a.label }));
}
