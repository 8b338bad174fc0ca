import { describe, expect, it } from 'vitest';
import { toEditable } from './brief';
import { findMatches, matchContext, nextIndex, replaceAll, replaceOne } from './find';

const brief = () =>
  toEditable({
    headline: 'Lee meets Xi in Beijing',
    summary: 'Lee Jae Myung is in Beijing. LEE said so.',
    why_it_matters: 'Sleeper issue.',
    key_developments: ['Lee meets Xi', 'Talks on Beijing’s role'],
    report: [{ heading: 'Lee’s plan', body: 'Beijing welcomed Lee.' }],
    context: 'Before Lee, Yoon.',
    byline: 'By Lee Kim',
    tags: ['lee'],
  });

describe('find', () => {
  it('finds across every part, in order, ignoring case by default', () => {
    const matches = findMatches(brief(), 'lee', { matchCase: false, wholeWord: false });
    expect(matches.map((m) => m.label)).toEqual([
      'Headline',
      'Byline',
      'Summary',
      'Summary',
      'Why It Matters',
      'Key development 1',
      'Heading of report section 1',
      'Report section 1',
      'Context & Previous Events',
    ]);
    expect(matches[0]).toMatchObject({ field: 'headline', start: 0, end: 3 });
  });

  it('matches case and whole words when asked', () => {
    const b = brief();
    expect(findMatches(b, 'LEE', { matchCase: true, wholeWord: false })).toHaveLength(1);
    const whole = findMatches(b, 'lee', { matchCase: false, wholeWord: true });
    expect(whole.some((m) => m.field === 'why_it_matters')).toBe(false);
    expect(whole).toHaveLength(8);
  });

  it('takes the query literally', () => {
    const b = brief();
    b.summary = 'Cost: $5 (approx.) * 2';
    expect(findMatches(b, '$5 (approx.) *', { matchCase: false, wholeWord: false })).toHaveLength(1);
    expect(findMatches(b, '', { matchCase: false, wholeWord: false })).toEqual([]);
  });

  it('replaces one match, or all of them, without touching the original', () => {
    const b = brief();
    const options = { matchCase: true, wholeWord: true };
    const [first] = findMatches(b, 'Beijing', options);
    const one = replaceOne(b, first!, 'Peking');
    expect(one?.headline).toBe('Lee meets Xi in Peking');
    expect(b.headline).toBe('Lee meets Xi in Beijing');
    const all = replaceAll(b, 'Beijing', '$& City', options);
    expect(all.count).toBe(4);
    expect(all.brief.summary).toBe('Lee Jae Myung is in $& City. LEE said so.');
    expect(all.brief.report[0]!.value.body).toBe('$& City welcomed Lee.');
    expect(all.brief.report[0]!.key).toBe(b.report[0]!.key);
  });

  it('does not replace a match that no longer fits its field', () => {
    const b = brief();
    expect(replaceOne(b, { field: 'headline', label: 'Headline', start: 90, end: 95 }, 'x')).toBeNull();
  });

  it('steps through matches, wrapping around', () => {
    expect(nextIndex(3, -1, 1)).toBe(0);
    expect(nextIndex(3, 2, 1)).toBe(0);
    expect(nextIndex(3, 0, -1)).toBe(2);
    expect(nextIndex(0, 0, 1)).toBe(-1);
  });
});

describe('the words around a match', () => {
  it('shows which occurrence it is, cut at spaces', () => {
    const long = toEditable({
      headline: 'Barrier',
      summary: 'The council approved the flood barrier after a decade of debate, and the barrier\nwill rise by 2031 along the harbour front.',
      why_it_matters: '',
      key_developments: [],
      report: [],
      context: '',
      byline: null,
      tags: [],
    });
    const matches = findMatches(long, 'barrier', { matchCase: false, wholeWord: true });
    const [first, second] = matches.filter((m) => m.field === 'summary');
    if (!first || !second) throw new Error('two matches expected');
    expect(matchContext(long, first)).toEqual({
      before: '…council approved the flood ',
      found: 'barrier',
      after: ' after a decade of debate, and…',
    });
    expect(matchContext(long, second)).toEqual({
      before: '…a decade of debate, and the ',
      found: 'barrier',
      after: ' will rise by 2031 along the…',
    });
  });

  it('is null for a stale match', () => {
    expect(matchContext(brief(), { field: 'summary', label: 'Summary', start: 500, end: 503 })).toBeNull();
  });
});
