import { describe, expect, it } from 'vitest';
import type { BriefContent } from './bindings';
import {
  carryOthersChanges,
  caretAfter,
  copyField,
  emptySection,
  followed,
  getField,
  insertAfter,
  isBlank,
  move,
  partKey,
  pastedBullets,
  removeAt,
  sameWords,
  setField,
  toContent,
  toEditable,
} from './brief';

const emptyContent = (): BriefContent => ({
  headline: '',
  summary: '',
  why_it_matters: '',
  key_developments: [],
  report: [],
  context: '',
  byline: null,
  tags: [],
});

const content: BriefContent = {
  headline: 'South Korea’s President Lee Jae Myung to Reset Relations',
  summary: 'Lee is in Beijing.',
  why_it_matters: 'First visit since 2019.',
  key_developments: ['one', 'two', 'three'],
  report: [
    { heading: 'Diplomatic Engagement', body: 'a' },
    { heading: 'Security Concerns', body: 'b' },
  ],
  context: 'Yoon era.',
  byline: null,
  tags: ['asia'],
};

describe('editable brief', () => {
  it('round-trips content unchanged', () => {
    expect(toContent(toEditable(content))).toEqual(content);
  });

  it('keeps one-line parts on one line, whatever was pasted', () => {
    const editable = toEditable(content);
    editable.headline = 'Lee in Beijing\r\nfor talks';
    editable.key_developments[0]!.value = 'one \n two';
    editable.report[0]!.value.heading = 'A\nB';
    editable.report[0]!.value.body = 'para one\n\npara two';
    const saved = toContent(editable);
    expect(saved.headline).toBe('Lee in Beijing for talks');
    expect(saved.key_developments[0]).toBe('one two');
    expect(saved.report[0]).toEqual({ heading: 'A B', body: 'para one\n\npara two' });
  });

  it('gives every bullet and section its own key', () => {
    const editable = toEditable(content);
    const keys = [...editable.key_developments, ...editable.report].map((item) => item.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('does not share arrays with the content it came from', () => {
    const editable = toEditable(content);
    editable.tags += ', extra';
    editable.report[0]!.value.heading = 'Changed';
    expect(content.tags).toEqual(['asia']);
    expect(content.report[0]!.heading).toBe('Diplomatic Engagement');
  });
});

describe('bullet reorder', () => {
  it('moves a bullet up one place', () => {
    expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
  });

  it('moves a bullet down, and to either end', () => {
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(move(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
  });

  it('clamps targets past the ends and ignores a missing source', () => {
    expect(move(['a', 'b'], 0, 9)).toEqual(['b', 'a']);
    expect(move(['a', 'b'], 1, -3)).toEqual(['b', 'a']);
    expect(move(['a', 'b'], 5, 0)).toEqual(['a', 'b']);
  });

  it('keeps the key with the moved bullet', () => {
    const bullets = toEditable(content).key_developments;
    const moved = move(bullets, 2, 0);
    expect(moved.map((b) => b.value)).toEqual(['three', 'one', 'two']);
    expect(moved[0]!.key).toBe(bullets[2]!.key);
  });

  it('does not change the list it was given', () => {
    const list = ['a', 'b', 'c'];
    move(list, 0, 2);
    expect(list).toEqual(['a', 'b', 'c']);
  });
});

describe('report sections', () => {
  it('adds an empty section at the end', () => {
    const sections = toEditable(content).report;
    const [next, index] = insertAfter(sections, sections.length - 1, emptySection());
    expect(index).toBe(2);
    expect(next.map((s) => s.value.heading)).toEqual(['Diplomatic Engagement', 'Security Concerns', '']);
  });

  it('adds a first section to an empty report', () => {
    const [next, index] = insertAfter([], -1, emptySection());
    expect(index).toBe(0);
    expect(next).toHaveLength(1);
  });

  it('inserts a bullet right after the current one', () => {
    const [next, index] = insertAfter(toEditable(content).key_developments, 0, 'new');
    expect(index).toBe(1);
    expect(next.map((b) => b.value)).toEqual(['one', 'new', 'two', 'three']);
  });

  it('removes exactly the chosen section', () => {
    const sections = toEditable(content).report;
    expect(removeAt(sections, 0).map((s) => s.value.heading)).toEqual(['Security Concerns']);
    expect(removeAt(sections, 7)).toHaveLength(2);
  });
});

describe('pasted bullets', () => {
  it('makes one bullet per line, dropping the list markers of mail, Docs and Markdown', () => {
    expect(pastedBullets('- one\n* two\n+ three')).toEqual(['one', 'two', 'three']);
    expect(pastedBullets('• Lee meets Xi\r\n\r\n◦ Talks on Taiwan\n▪ K-pop')).toEqual(['Lee meets Xi', 'Talks on Taiwan', 'K-pop']);
    expect(pastedBullets('1. first\n2) second\n(3) third\na) fourth')).toEqual(['first', 'second', 'third', 'fourth']);
    expect(pastedBullets('- [ ] todo\n- [x] done')).toEqual(['todo', 'done']);
  });

  it('keeps a line that only looks like it starts with a marker', () => {
    expect(pastedBullets('-5 degrees\n2026 budget\nU.S. talks')).toEqual(['-5 degrees', '2026 budget', 'U.S. talks']);
  });

  it('is one line for a single line', () => {
    expect(pastedBullets('just one')).toEqual(['just one']);
    expect(pastedBullets('\n\n')).toEqual([]);
  });
});

describe('fields', () => {
  it('reads and writes every field by name', () => {
    const editable = toEditable(content);
    const key = editable.key_developments[1]!.key;
    const section = editable.report[0]!.key;
    expect(setField(editable, `bullet:${key}`, 'TWO')).toBe(true);
    expect(setField(editable, `heading:${section}`, 'H')).toBe(true);
    expect(setField(editable, 'byline', 'By Jane')).toBe(true);
    expect(setField(editable, 'bullet:999999', 'x')).toBe(false);
    expect(getField(editable, `bullet:${key}`)).toBe('TWO');
    expect(toContent(editable)).toMatchObject({ byline: 'By Jane', key_developments: ['one', 'TWO', 'three'] });
    expect(toContent(editable).report[0]!.heading).toBe('H');
  });

  it('knows a blank brief', () => {
    expect(isBlank(toEditable({ ...content, headline: '', summary: '', why_it_matters: '', key_developments: [], report: [], context: '', tags: [] }))).toBe(true);
    expect(isBlank(toEditable(content))).toBe(false);
  });

  it('saves tags and byline as typed', () => {
    const editable = toEditable(content);
    editable.tags = ' asia, , diplomacy, asia ';
    editable.byline = '  ';
    expect(toContent(editable)).toMatchObject({ tags: ['asia', 'diplomacy'], byline: null });
  });
});

describe('copying one field', () => {
  it('copies a part by name, and refuses one that is gone', () => {
    const content = {
      headline: 'Lee',
      summary: '',
      why_it_matters: '',
      key_developments: ['one'],
      report: [{ heading: 'Talks', body: 'Body' }],
      context: '',
      byline: null,
      tags: [],
    };
    const live = toEditable(content);
    const snapshot = structuredClone(live);
    const bullet = live.key_developments[0]?.key;
    const section = live.report[0]?.key;
    if (live.key_developments[0]) live.key_developments[0].value = 'one more';
    if (live.report[0]) live.report[0].value.body = 'Body, longer';
    expect(copyField(snapshot, live, `bullet:${bullet}`)).toBe(true);
    expect(copyField(snapshot, live, `body:${section}`)).toBe(true);
    expect(getField(snapshot, `bullet:${bullet}`)).toBe('one more');
    expect(getField(snapshot, `body:${section}`)).toBe('Body, longer');
    expect(getField(snapshot, `heading:${section}`)).toBe('Talks');
    expect(copyField(snapshot, live, 'bullet:9999')).toBe(false);
    expect(copyField(snapshot, live, 'nonsense')).toBe(false);
  });
});

describe('partKey', () => {
  it('names each part the core names, as the editor marks it', () => {
    const cases: Array<[import('./bindings').BriefPart, string]> = [
      [{ part: 'headline' }, 'headline'],
      [{ part: 'why_it_matters' }, 'why_it_matters'],
      [{ part: 'bullet', index: 2 }, 'bullet:2'],
      [{ part: 'section', index: 0 }, 'section:0'],
      [{ part: 'brief' }, 'brief'],
    ];
    expect(cases.length).toBeGreaterThan(0);
    for (const [part, key] of cases) expect(partKey(part)).toBe(key);
  });
});

describe('following the desk in the open brief', () => {
  it('keeps the caret after words nobody else touched, and at the end of a change it was inside', () => {
    const before = 'Ferry owners met on Tuesday.';
    // Someone changed "Ferry" to "Bus": a caret after "Tuesday" stays after it.
    const after = 'Bus owners met on Tuesday.';
    expect(caretAfter(before, after, before.indexOf('.'))).toBe(after.indexOf('.'));
    // Someone added to the end: a caret earlier stays put.
    expect(caretAfter(before, `${before} More.`, 5)).toBe(5);
    // Inside the changed words: the end of what replaced them.
    expect(caretAfter('a bcd e', 'a XY e', 3)).toBe(4);
    expect(caretAfter('', 'new', 0)).toBe(0);
  });

  it('keeps bullets and sections the same fields by position', () => {
    const model = toEditable({ ...emptyContent(), key_developments: ['One', 'Two'] });
    const next = followed(model, { ...emptyContent(), key_developments: ['One', 'Two, changed', 'Three'] });
    expect(next.key_developments.map((b) => b.value)).toEqual(['One', 'Two, changed', 'Three']);
    expect(next.key_developments[0]?.key).toBe(model.key_developments[0]?.key);
    expect(next.key_developments[1]?.key).toBe(model.key_developments[1]?.key);
    expect(new Set(next.key_developments.map((b) => b.key)).size).toBe(3);
  });
});

describe('undo after the desk’s words arrived', () => {
  it('carries the parts someone else changed into an older snapshot, and only those', () => {
    const older = toEditable(content);
    const mine = { ...toEditable(content), why_it_matters: 'First visit since 2019. Commuters gain.' };
    const merged = followed(mine, { ...content, why_it_matters: mine.why_it_matters, summary: 'Lee is in Beijing. Work starts soon.' });
    const carry = carryOthersChanges(mine, merged);
    const carried = carry(older);
    expect(carried.summary).toBe('Lee is in Beijing. Work starts soon.');
    expect(carried.why_it_matters).toBe('First visit since 2019.');
    expect(carried.key_developments.map((b) => b.value)).toEqual(['one', 'two', 'three']);
    expect(carried).not.toBe(older);
    expect(older.summary).toBe('Lee is in Beijing.');
    expect(sameWords(carried, older)).toBe(false);
    expect(sameWords(carry(merged), merged)).toBe(true);
  });

  it('carries a changed bullet list whole', () => {
    const before = toEditable(content);
    const after = followed(before, { ...content, key_developments: ['one', 'two (edited)', 'three'] });
    const carried = carryOthersChanges(before, after)(toEditable({ ...content, key_developments: ['one'] }));
    expect(carried.key_developments.map((b) => b.value)).toEqual(['one', 'two (edited)', 'three']);
  });
});
