// The limits a save must respect, checked in the page before a brief
// crosses IPC: a brief past them is refused here with the same words the
// store would use, and is not resent until it changes. The numbers are
// `Limits::DEFAULT` in briefdesk-core; a Rust test (bindings.rs) fails
// when they differ.

import type { BriefContent } from './bindings';

export const LIMITS = {
  lineChars: 2000,
  bullets: 200,
  reportSections: 200,
  tags: 50,
  tagChars: 100,
  totalBytes: 8388608,
} as const;

const encoder = new TextEncoder();

function chars(text: string): number {
  // Code points, as Rust's `chars().count()`; cheap when it cannot matter.
  return text.length <= LIMITS.lineChars ? text.length : [...text].length;
}

/** Why `content` cannot be saved, in the store's words, or null. */
export function sizeProblem(content: BriefContent): string | null {
  const line = (part: string, text: string, limit: number): string | null => {
    if (/[\n\r]/.test(text)) return `${part} must be one line, but it contains a line break`;
    const actual = chars(text);
    return actual > limit ? `${part} is ${actual} characters long; the limit is ${limit}` : null;
  };
  const count = (part: string, actual: number, limit: number): string | null =>
    actual > limit ? `${part} has ${actual} entries; the limit is ${limit}` : null;
  const checks: Array<() => string | null> = [
    () => line('headline', content.headline, LIMITS.lineChars),
    () => (content.byline == null ? null : line('byline', content.byline, LIMITS.lineChars)),
    () => count('key developments', content.key_developments.length, LIMITS.bullets),
    () => firstOf(content.key_developments.map((b, i) => () => line(`key development ${i + 1}`, b, LIMITS.lineChars))),
    () => count('full report', content.report.length, LIMITS.reportSections),
    () =>
      firstOf(
        content.report.map((s, i) => () => line(`heading of report section ${i + 1}`, s.heading, LIMITS.lineChars)),
      ),
    () => count('tags', content.tags.length, LIMITS.tags),
    () =>
      firstOf(
        content.tags.map((t, i) => () => (t.trim() === '' ? `tag ${i + 1} is empty` : line(`tag ${i + 1}`, t, LIMITS.tagChars))),
      ),
    () => {
      const texts = [
        content.headline,
        content.summary,
        content.why_it_matters,
        content.context,
        content.byline ?? '',
        ...content.key_developments,
        ...content.report.flatMap((s) => [s.heading, s.body]),
        ...content.tags,
      ];
      // UTF-8 is at most 3 bytes per UTF-16 unit: encode only when it could matter.
      const upper = texts.reduce((n, t) => n + t.length * 3, 0);
      if (upper <= LIMITS.totalBytes) return null;
      const actual = texts.reduce((n, t) => n + encoder.encode(t).length, 0);
      return actual > LIMITS.totalBytes ? `brief is ${actual} bytes; the limit is ${LIMITS.totalBytes}` : null;
    },
  ];
  const problem = firstOf(checks);
  return problem === null ? null : `the brief cannot be saved: ${problem}`;
}

function firstOf(checks: Array<() => string | null>): string | null {
  for (const check of checks) {
    const problem = check();
    if (problem !== null) return problem;
  }
  return null;
}
