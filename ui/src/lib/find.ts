// Find and replace across every part of the open brief. Pure: the editor
// shows the current match, App records a replace-all as one undo step.

import { cloneBrief, fieldsOf, setField, type EditableBrief, type FieldName } from './brief';

export interface FindOptions {
  matchCase: boolean;
  wholeWord: boolean;
}

export interface Match {
  field: FieldName;
  label: string;
  start: number;
  end: number;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function pattern(query: string, options: FindOptions): RegExp | null {
  if (query === '') return null;
  // Whole word: not preceded or followed by a letter, digit or apostrophe
  // inside a word, in any script.
  const body = options.wholeWord ? `(?<![\\p{L}\\p{N}_])${escape(query)}(?![\\p{L}\\p{N}_])` : escape(query);
  return new RegExp(body, options.matchCase ? 'gu' : 'giu');
}

/** Every match, in the order the parts appear. */
export function findMatches(brief: EditableBrief, query: string, options: FindOptions): Match[] {
  const re = pattern(query, options);
  if (!re) return [];
  const matches: Match[] = [];
  for (const { field, label, text } of fieldsOf(brief)) {
    for (const found of text.matchAll(re)) {
      const start = found.index ?? 0;
      matches.push({ field, label, start, end: start + found[0].length });
    }
  }
  return matches;
}

/** The brief with one match replaced, or null when the match is stale. */
export function replaceOne(brief: EditableBrief, match: Match, replacement: string): EditableBrief | null {
  const field = fieldsOf(brief).find((f) => f.field === match.field);
  if (!field || match.end > field.text.length) return null;
  const next = cloneBrief(brief);
  setField(next, match.field, field.text.slice(0, match.start) + replacement + field.text.slice(match.end));
  return next;
}

/** The brief with every match replaced, and how many were. */
export function replaceAll(
  brief: EditableBrief,
  query: string,
  replacement: string,
  options: FindOptions,
): { brief: EditableBrief; count: number } {
  const re = pattern(query, options);
  if (!re) return { brief, count: 0 };
  const next = cloneBrief(brief);
  let count = 0;
  for (const { field, text } of fieldsOf(brief)) {
    // A function, so `$&` in the replacement is kept literally.
    const replaced = text.replace(re, () => {
      count++;
      return replacement;
    });
    if (replaced !== text) setField(next, field, replaced);
  }
  return { brief: next, count };
}

/**
 * The words around a match, to show which one it is: up to `reach`
 * characters each side, cut at a space, with an ellipsis where cut.
 */
export function matchContext(
  brief: EditableBrief,
  match: Match,
  reach = 30,
): { before: string; found: string; after: string } | null {
  const text = fieldsOf(brief).find((f) => f.field === match.field)?.text;
  if (text === undefined || match.end > text.length) return null;
  let from = Math.max(0, match.start - reach);
  let to = Math.min(text.length, match.end + reach);
  if (from > 0) from = text.indexOf(' ', from) + 1 || from;
  if (from > match.start) from = match.start;
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    to = space > match.end ? space : to;
  }
  const oneLine = (s: string) => s.replace(/\s+/g, ' ');
  return {
    before: (from > 0 ? '…' : '') + oneLine(text.slice(from, match.start)),
    found: oneLine(text.slice(match.start, match.end)),
    after: oneLine(text.slice(match.end, to)) + (to < text.length ? '…' : ''),
  };
}

/** The match to show after `current` when moving `step` (±1), wrapping around. */
export function nextIndex(count: number, current: number, step: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return step === 1 ? 0 : count - 1;
  return (current + step + count) % count;
}
