// Keeping the library list in step with saves without re-reading it.

import type { BriefSummary, SavedDraft, Status } from './bindings';

/** The list after brief `id` was saved: updated, and moved to the top. */
export function applySave(
  list: readonly BriefSummary[],
  id: string,
  headline: string,
  saved: SavedDraft,
): BriefSummary[] {
  const entry = list.find((b) => b.id === id);
  if (!entry) return [...list];
  const updated = { ...entry, headline, revision: saved.revision, updated_at: saved.updated_at };
  return [updated, ...list.filter((b) => b.id !== id)];
}

export const STATUS_LABELS: Record<Status, string> = {
  draft: 'Draft',
  in_review: 'In review',
  ready: 'Ready',
  filed: 'Filed',
};
