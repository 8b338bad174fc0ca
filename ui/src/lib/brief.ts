// The editor's model of a brief, and the pure operations on it.
//
// Bullets and report sections carry a `key` so Svelte's keyed lists keep the
// DOM node (and the caret) with the item when it moves.

import type { BriefContent, ReportSection } from './bindings';

export interface Keyed<T> {
  key: number;
  value: T;
}

export interface EditableBrief {
  headline: string;
  summary: string;
  why_it_matters: string;
  key_developments: Keyed<string>[];
  report: Keyed<ReportSection>[];
  context: string;
  byline: string | null;
  tags: string[];
}

let nextKey = 1;
function keyed<T>(value: T): Keyed<T> {
  return { key: nextKey++, value };
}

export function toEditable(content: BriefContent): EditableBrief {
  return {
    ...content,
    key_developments: content.key_developments.map(keyed),
    report: content.report.map((section) => keyed({ ...section })),
    tags: [...content.tags],
  };
}

/** Joins the lines of `text` with single spaces: for one-line parts. */
export function oneLine(text: string): string {
  return text.replace(/[ \t]*[\r\n]+[ \t]*/g, ' ');
}

export function toContent(brief: EditableBrief): BriefContent {
  return {
    headline: oneLine(brief.headline),
    summary: brief.summary,
    why_it_matters: brief.why_it_matters,
    key_developments: brief.key_developments.map((b) => oneLine(b.value)),
    report: brief.report.map((s) => ({ heading: oneLine(s.value.heading), body: s.value.body })),
    context: brief.context,
    byline: brief.byline,
    tags: [...brief.tags],
  };
}

/** Moves the item at `from` to index `to` (both clamped); returns a new list. */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  const result = [...list];
  if (from < 0 || from >= list.length) return result;
  const target = Math.max(0, Math.min(list.length - 1, to));
  const [item] = result.splice(from, 1);
  result.splice(target, 0, item as T);
  return result;
}

/** Inserts `value` after index `at` (-1 inserts first); returns the new list and the new index. */
export function insertAfter<T>(list: readonly Keyed<T>[], at: number, value: T): [Keyed<T>[], number] {
  const index = Math.max(0, Math.min(list.length, at + 1));
  const result = [...list];
  result.splice(index, 0, keyed(value));
  return [result, index];
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

export function emptySection(): ReportSection {
  return { heading: '', body: '' };
}
