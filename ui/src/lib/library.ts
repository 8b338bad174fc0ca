// The library's model: keeping the list in step with saves without
// re-reading it, in the order the person chose.
//
// Invariant: nothing here, nor any change to the list, decides which brief
// is open. Only the person opening another brief does (App's `open`).

import type { BriefSummary, LibraryFilter, LibrarySort, SavedDraft, Status } from './bindings';

/** SQLite's NOCASE: ASCII letters folded, everything else as it is. */
function nocase(a: string): string {
  return a.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function byHeadline(a: BriefSummary, b: BriefSummary): number {
  const x = nocase(a.headline);
  const y = nocase(b.headline);
  if (x !== y) return x < y ? -1 : 1;
  return a.updated_at < b.updated_at ? 1 : a.updated_at > b.updated_at ? -1 : 0;
}

/** The list after brief `id` was saved: updated, and where `sort` puts it now. */
export function applySave(
  list: readonly BriefSummary[],
  id: string,
  headline: string,
  saved: SavedDraft,
  sort: LibrarySort = 'last_edited',
): BriefSummary[] {
  const entry = list.find((b) => b.id === id);
  if (!entry) return [...list];
  const updated = { ...entry, headline, revision: saved.revision, updated_at: saved.updated_at };
  const others = list.filter((b) => b.id !== id);
  if (sort === 'last_edited') return [updated, ...others];
  const at = others.findIndex((b) => byHeadline(updated, b) <= 0);
  return at < 0 ? [...others, updated] : [...others.slice(0, at), updated, ...others.slice(at)];
}

/** Whether a brief belongs in the list as filtered. */
export function matchesFilter(brief: { status: Status; tags: string[] }, filter: LibraryFilter): boolean {
  return (filter.status === null || brief.status === filter.status) && (filter.tag === null || brief.tags.includes(filter.tag));
}

export const STATUS_LABELS: Record<Status, string> = {
  draft: 'Draft',
  in_review: 'In review',
  ready: 'Ready',
  filed: 'Filed',
};

/**
 * Whether a click on a library entry is a person choosing it: the press
 * must have begun on that entry. WebKitGTK delivers the release that closes
 * a filter's drop-down menu to whatever lies under the pointer, which would
 * otherwise open the brief under the menu.
 */
export class PressedEntry {
  private pressed: string | null = null;

  press(id: string): void {
    this.pressed = id;
  }

  /** Call on click; true when this click opens `id`. */
  clicked(id: string, detail: number): boolean {
    // A keyboard "click" (Enter, Space) has detail 0 and no press.
    const chosen = detail === 0 || this.pressed === id;
    this.pressed = null;
    return chosen;
  }
}
