// Reordering a keyed list by Alt+↑/↓, by buttons and by drag and drop: the
// behaviour BulletList and ReportSections share.

import { move, type Keyed } from './brief';

export interface Reorder {
  /** Moves the item at `from` to `to`, keeping focus on it. */
  move(from: number, to: number): void;
  /** Handles Alt+↑/Alt+↓; says whether the key was used. */
  keydown(event: KeyboardEvent, index: number): boolean;
  dragstart(event: DragEvent, index: number): void;
  drop(event: DragEvent, index: number): void;
}

export function reorderable<T>(list: {
  items: () => Keyed<T>[];
  replace: (items: Keyed<T>[]) => void;
  onchange: () => void;
  /** Puts focus back on the item with `key` once the DOM has caught up. */
  focus: (key: number | undefined) => void;
}): Reorder {
  let dragFrom: number | null = null;
  const reorder: Reorder = {
    move(from, to) {
      const items = list.items();
      if (to < 0 || to >= items.length || from === to) return;
      const key = items[from]?.key;
      list.replace(move(items, from, to));
      list.onchange();
      list.focus(key);
    },
    keydown(event, index) {
      if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return false;
      event.preventDefault();
      reorder.move(index, event.key === 'ArrowUp' ? index - 1 : index + 1);
      return true;
    },
    dragstart(event, index) {
      dragFrom = index;
      event.dataTransfer?.setData('text/plain', String(index));
    },
    drop(event, index) {
      event.preventDefault();
      if (dragFrom !== null) reorder.move(dragFrom, index);
      dragFrom = null;
    },
  };
  return reorder;
}
