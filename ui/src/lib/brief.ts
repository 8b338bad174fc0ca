// The editor's model of a brief, and the pure operations on it.
//
// Bullets and report sections carry a `key` so Svelte's keyed lists keep the
// DOM node (and the caret) with the item when it moves. Every field has a
// name (`headline`, `bullet:12`, `body:7`, keyed by the item's key) that
// undo, find and the checks use to reach it.

import type { BriefContent, BriefPart, ReportSection } from './bindings';

export interface Keyed<T> {
  key: number;
  value: T;
}

export interface EditableBrief {
  headline: string;
  byline: string;
  summary: string;
  why_it_matters: string;
  key_developments: Keyed<string>[];
  report: Keyed<ReportSection>[];
  context: string;
  /** As typed: comma-separated. The list is what is saved. */
  tags: string;
}

let nextKey = 1;
function keyed<T>(value: T): Keyed<T> {
  return { key: nextKey++, value };
}

export function toEditable(content: BriefContent): EditableBrief {
  return {
    headline: content.headline,
    byline: content.byline ?? '',
    summary: content.summary,
    why_it_matters: content.why_it_matters,
    key_developments: content.key_developments.map(keyed),
    report: content.report.map((section) => keyed({ ...section })),
    context: content.context,
    tags: content.tags.join(', '),
  };
}

/**
 * `content` (the brief as the desk brought it) in `model`'s shape: bullets
 * and sections keep their keys by position, so the fields on screen stay
 * the same elements, and a caret in one stays in it.
 */
export function followed(model: EditableBrief, content: BriefContent): EditableBrief {
  const next = toEditable(content);
  next.key_developments = next.key_developments.map((b, i) => ({ ...b, key: model.key_developments[i]?.key ?? b.key }));
  next.report = next.report.map((s, i) => ({ ...s, key: model.report[i]?.key ?? s.key }));
  return next;
}

/**
 * Where a caret at `at` in `before` belongs in `after`: text that did not
 * change before and after it keeps its place, so a caret after a word
 * another person did not touch stays after that word.
 */
export function caretAfter(before: string, after: string, at: number): number {
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  if (at <= prefix) return at;
  if (at >= before.length - suffix) return after.length - (before.length - at);
  return after.length - suffix;
}

/** Whether two models hold the same words in every part (keys aside). */
export function sameWords(a: EditableBrief, b: EditableBrief): boolean {
  return JSON.stringify(toContent(a)) === JSON.stringify(toContent(b));
}

/**
 * For the undo history when others' changes arrive: a snapshot with every
 * part that changed between `before` and `after` as it is in `after`, the
 * rest as it was. Undo then never takes back a colleague's words; in a part
 * both changed, it goes no further back than the merge.
 */
export function carryOthersChanges(before: EditableBrief, after: EditableBrief): (snapshot: EditableBrief) => EditableBrief {
  const words = (brief: EditableBrief, part: keyof EditableBrief) =>
    JSON.stringify(part === 'key_developments' || part === 'report' ? brief[part].map((item) => item.value) : brief[part]);
  const parts = (Object.keys(after) as (keyof EditableBrief)[]).filter((part) => words(before, part) !== words(after, part));
  return (snapshot) => {
    const carried = cloneBrief(snapshot);
    const theirs = cloneBrief(after);
    for (const part of parts) Object.assign(carried, { [part]: theirs[part] });
    return carried;
  };
}

/** A deep copy, keys kept: an undo step. */
export function cloneBrief(brief: EditableBrief): EditableBrief {
  return {
    ...brief,
    key_developments: brief.key_developments.map((b) => ({ key: b.key, value: b.value })),
    report: brief.report.map((s) => ({ key: s.key, value: { ...s.value } })),
  };
}

/** Joins the lines of `text` with single spaces: for one-line parts. */
export function oneLine(text: string): string {
  return text.replace(/[ \t]*[\r\n]+[ \t]*/g, ' ');
}

/** The tags typed as one line: trimmed, empty and repeated ones dropped. */
export function parseTags(text: string): string[] {
  return text
    .split(',')
    .map((t) => t.trim())
    .filter((t, i, all) => t !== '' && all.indexOf(t) === i);
}

export function toContent(brief: EditableBrief): BriefContent {
  const byline = oneLine(brief.byline).trim();
  return {
    headline: oneLine(brief.headline),
    summary: brief.summary,
    why_it_matters: brief.why_it_matters,
    key_developments: brief.key_developments.map((b) => oneLine(b.value)),
    report: brief.report.map((s) => ({ heading: oneLine(s.value.heading), body: s.value.body })),
    context: brief.context,
    byline: byline === '' ? null : byline,
    tags: parseTags(brief.tags),
  };
}

/** Whether nothing has been written in the brief. */
export function isBlank(brief: EditableBrief): boolean {
  const content = toContent(brief);
  return (
    content.headline.trim() === '' &&
    content.summary.trim() === '' &&
    content.why_it_matters.trim() === '' &&
    content.context.trim() === '' &&
    content.byline === null &&
    content.tags.length === 0 &&
    content.key_developments.every((b) => b.trim() === '') &&
    content.report.every((s) => s.heading.trim() === '' && s.body.trim() === '')
  );
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
  return insertAllAfter(list, at, [value]);
}

/** Inserts `values` after index `at`; returns the new list and the index of the first inserted. */
export function insertAllAfter<T>(list: readonly Keyed<T>[], at: number, values: readonly T[]): [Keyed<T>[], number] {
  const index = Math.max(0, Math.min(list.length, at + 1));
  const result = [...list];
  result.splice(index, 0, ...values.map(keyed));
  return [result, index];
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

export function emptySection(): ReportSection {
  return { heading: '', body: '' };
}

// List markers people paste from mail, Docs, Word and Markdown: -, *, +, •,
// ◦, ▪, ‣, –, —, 1. 1) a) (i), and a checkbox after any of them.
const LIST_MARKER = /^\s*(?:[-*+•◦▪‣–—·]|\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})[.)])\s+(?:\[[ xX]\]\s+)?/;

/**
 * The bullets a paste into a bullet means: one per non-empty line, list
 * markers dropped. A single line is not a list (the paste goes in as it is).
 */
export function pastedBullets(text: string): string[] {
  const lines = text
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map((line) => line.replace(LIST_MARKER, '').replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
  return lines;
}

/** A field of the open brief, by name. */
export type FieldName = string;

/** Every field that holds words, in the order they appear, with a journalist's name for it. */
export function fieldsOf(brief: EditableBrief): { field: FieldName; label: string; text: string }[] {
  return [
    { field: 'headline', label: 'Headline', text: brief.headline },
    { field: 'byline', label: 'Byline', text: brief.byline },
    { field: 'summary', label: 'Summary', text: brief.summary },
    { field: 'why_it_matters', label: 'Why It Matters', text: brief.why_it_matters },
    ...brief.key_developments.map((b, i) => ({ field: `bullet:${b.key}`, label: `Key development ${i + 1}`, text: b.value })),
    ...brief.report.flatMap((s, i) => [
      { field: `heading:${s.key}`, label: `Heading of report section ${i + 1}`, text: s.value.heading },
      { field: `body:${s.key}`, label: `Report section ${i + 1}`, text: s.value.body },
    ]),
    { field: 'context', label: 'Context & Previous Events', text: brief.context },
  ];
}

/** Where one field's text lives in `brief`, or null when the field is gone. */
function slotOf(brief: EditableBrief, field: FieldName): { get(): string; set(text: string): void } | null {
  const [kind, key] = field.split(':');
  const k = Number(key);
  switch (kind) {
    case 'headline':
    case 'byline':
    case 'summary':
    case 'why_it_matters':
    case 'context':
    case 'tags':
      return { get: () => brief[kind], set: (text) => (brief[kind] = text) };
    case 'bullet': {
      const bullet = brief.key_developments.find((b) => b.key === k);
      return bullet ? { get: () => bullet.value, set: (text) => (bullet.value = text) } : null;
    }
    case 'heading':
    case 'body': {
      const section = brief.report.find((s) => s.key === k);
      return section ? { get: () => section.value[kind], set: (text) => (section.value[kind] = text) } : null;
    }
    default:
      return null;
  }
}

/** Sets the text of one field; returns whether the field exists. */
export function setField(brief: EditableBrief, field: FieldName, text: string): boolean {
  const slot = slotOf(brief, field);
  slot?.set(text);
  return slot !== null;
}

/** The text of one field, or null when it is gone. */
export function getField(brief: EditableBrief, field: FieldName): string | null {
  return slotOf(brief, field)?.get() ?? null;
}

/**
 * Copies one field's text from `live` into `snapshot`: all an undo
 * snapshot needs after a keystroke, where a whole copy of a long brief
 * would be paid on every key. False when either lacks the field.
 */
export function copyField(snapshot: EditableBrief, live: EditableBrief, field: FieldName): boolean {
  const text = getField(live, field);
  return text !== null && getField(snapshot, field) !== null && setField(snapshot, field, text);
}

/**
 * The key a part goes by in the editor (`headline`, `bullet:2`,
 * `section:0`): the one way the page turns the core's `BriefPart`, which
 * checks and validation name, into the marks and focus it draws.
 */
export function partKey(part: BriefPart): string {
  return 'index' in part ? `${part.part}:${part.index}` : part.part;
}
