import { describe, expect, it } from 'vitest';
import type { BriefConflicts, BriefPart, DeskBrief } from './bindings';
import { conflictSentence, deskMark, lockedSentence, onDeskSentence, partTitle, sideLabels, theirs, viewSentence } from './conflicts';

const unchanged = { changed: false, spans: [] };
const conflicts = (author: string | null, ...parts: BriefPart[]): BriefConflicts => ({
  theirs_author: author,
  on_desk: null,
  parts: parts.map((part) => ({ part, ours: unchanged, theirs: unchanged })),
});

describe('the conflict view', () => {
  it('names each part as the editor does, counting from one', () => {
    const names = (
      [
        { part: 'headline' },
        { part: 'why_it_matters' },
        { part: 'bullet', index: 1 },
        { part: 'section', index: 0 },
        { part: 'section_heading', index: 2 },
        { part: 'report' },
        { part: 'key_developments' },
      ] as BriefPart[]
    ).map(partTitle);
    expect(names).toEqual([
      'Headline',
      'Why It Matters',
      'Key development 2',
      'Full Report, section 1',
      'Full Report, heading of section 3',
      'Full Report',
      'Key Developments',
    ]);
  });

  it('says who wrote the other side, and how many parts wait for a choice', () => {
    expect(conflictSentence(conflicts('ana', { part: 'summary' }))).toBe(
      '1 part of this brief was changed both here and by ana on the desk. Both texts are kept until you choose.',
    );
    expect(conflictSentence(conflicts(null, { part: 'summary' }, { part: 'context' }))).toBe(
      '2 parts of this brief were changed both here and on the desk. Both texts are kept until you choose.',
    );
    expect(theirs(conflicts('ana'))).toBe('ana’s');
    expect(theirs(conflicts(null))).toBe('The desk’s');
  });

  it('marks shared briefs in the library: a conflict here, then one open on the desk, else who shared it', () => {
    const shared = (author: string | null, n: number, onDesk = 0, by: string | null = null): DeskBrief => ({
      id: 'x',
      author,
      conflicts: n,
      open_on_desk: onDesk,
      on_desk_by: by,
      locked: false,
      waiting: 0,
    });
    expect(deskMark(undefined)).toBeNull();
    expect(deskMark(shared(null, 0))).toBeNull();
    expect(deskMark(shared('ana', 0))).toEqual({ text: 'by ana', conflict: false });
    expect(deskMark(shared('ana', 2))).toEqual({ text: 'Conflict', conflict: true });
    expect(deskMark(shared('ana', 0, 1))).toEqual({ text: 'Conflict on the desk', conflict: true });
    expect(onDeskSentence(shared('ana', 0, 1, 'ed'))).toBe(
      'The same words were changed here and by ed. Your text is on the desk beside theirs; ed chooses which to keep.',
    );
    expect(onDeskSentence(shared('ana', 0, 1))).toMatch(/by someone on the desk\..*; someone on the desk chooses/);
    expect(onDeskSentence(shared('ana', 1, 1))).toBeNull();
    expect(onDeskSentence(shared('ana', 0, 0))).toBeNull();
  });

  it('tells a reporter an approved brief takes no changes, and says nothing otherwise', () => {
    const brief = (locked: boolean): DeskBrief => ({
      id: 'x',
      author: 'ana',
      conflicts: 0,
      open_on_desk: 0,
      on_desk_by: null,
      locked,
      waiting: 0,
    });
    expect(lockedSentence(brief(true), 'ready')).toMatch(/^Ready: an editor approved this brief, so the desk takes no more changes to it from you\./);
    expect(lockedSentence(brief(true), 'filed')).toMatch(/^Filed: /);
    expect(lockedSentence(brief(false), 'ready')).toBeNull();
    expect(lockedSentence(undefined, 'ready')).toBeNull();
  });

  it('labels both sides by whose and where, and says who chooses when the choice is not made here', () => {
    const here = conflicts('ed', { part: 'summary' });
    expect(sideLabels(here)).toEqual({ ours: 'Yours, on this computer', theirs: 'ed’s, on the desk' });
    expect(viewSentence(here)).toMatch(/^1 part of this brief was changed both here and by ed on the desk\./);
    const mine = { ...conflicts('ana', { part: 'summary' }), on_desk: { head_author: 'ed', head_is_yours: true } };
    expect(sideLabels(mine)).toEqual({ ours: 'Yours, on the desk now', theirs: 'ana’s, kept beside it' });
    expect(viewSentence(mine)).toMatch(/^Your text reached the desk first; ana changed the same words meanwhile\..*ana chooses/);
    const third = { ...mine, on_desk: { head_author: 'mo', head_is_yours: false } };
    expect(sideLabels(third).ours).toBe('mo’s, on the desk now');
    expect(viewSentence(third)).toMatch(/^The text of mo reached the desk first; ana changed/);
  });
});
