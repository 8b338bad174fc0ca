import { describe, expect, it } from 'vitest';
import type { BriefContent } from './bindings';
import { LIMITS, sizeProblem } from './limits';

function brief(parts: Partial<BriefContent> = {}): BriefContent {
  return {
    headline: 'Lee meets Xi',
    summary: '',
    why_it_matters: '',
    key_developments: [],
    report: [],
    context: '',
    byline: null,
    tags: [],
    ...parts,
  };
}

describe('sizeProblem', () => {
  // (what, brief, the store's words)
  const cases: Array<[string, BriefContent, string | null]> = [
    ['a brief within limits', brief({ summary: 'x'.repeat(100_000) }), null],
    ['a headline at the limit, in code points', brief({ headline: '한'.repeat(LIMITS.lineChars) }), null],
    ['a long headline', brief({ headline: 'x'.repeat(2001) }), 'headline is 2001 characters long; the limit is 2000'],
    ['a two-line headline', brief({ headline: 'a\nb' }), 'headline must be one line, but it contains a line break'],
    ['a long bullet', brief({ key_developments: ['ok', 'y'.repeat(2500)] }), 'key development 2 is 2500 characters long; the limit is 2000'],
    ['too many bullets', brief({ key_developments: Array(201).fill('b') }), 'key developments has 201 entries; the limit is 200'],
    ['too many sections', brief({ report: Array(201).fill({ heading: 'h', body: '' }) }), 'full report has 201 entries; the limit is 200'],
    ['a long section heading', brief({ report: [{ heading: 'h'.repeat(2001), body: '' }] }), 'heading of report section 1 is 2001 characters long; the limit is 2000'],
    ['an empty tag', brief({ tags: ['asia', ' '] }), 'tag 2 is empty'],
    ['a long tag', brief({ tags: ['t'.repeat(101)] }), 'tag 1 is 101 characters long; the limit is 100'],
    ['too large a brief', brief({ summary: 'é'.repeat(4_200_000) }), 'brief is 8400012 bytes; the limit is 8388608'],
  ];
  it.each(cases)('%s', (_what, content, problem) => {
    expect(sizeProblem(content)).toBe(problem === null ? null : `the brief cannot be saved: ${problem}`);
  });
  it('has cases', () => expect(cases.length).toBeGreaterThan(10));
});
