import { describe, expect, it } from 'vitest';
import type { BriefSummary } from './bindings';
import { applySave, PressedEntry } from './library';

const entry = (id: string, headline: string): BriefSummary => ({
  id,
  headline,
  status: 'draft',
  tags: [],
  updated_at: '2026-11-29T10:00:00Z',
  revision: 1,
});

describe('applySave', () => {
  it('updates the saved brief and moves it to the top', () => {
    const list = [entry('a', 'A'), entry('b', 'B'), entry('c', 'C')];
    const next = applySave(list, 'c', 'C, edited', { revision: 4, updated_at: '2026-11-29T11:00:00Z' });
    expect(next.map((b) => b.headline)).toEqual(['C, edited', 'A', 'B']);
    expect(next[0]).toMatchObject({ revision: 4, updated_at: '2026-11-29T11:00:00Z' });
    expect(list[2]!.headline).toBe('C');
  });

  it('leaves the list alone for an unknown id', () => {
    const list = [entry('a', 'A')];
    expect(applySave(list, 'zzz', 'X', { revision: 2, updated_at: '' })).toEqual(list);
  });
});

describe('applySave sorted by headline', () => {
  it('keeps the list sorted after a save renames a brief', () => {
    const list = [entry('a', 'Alpha'), entry('b', 'beta'), entry('c', 'Gamma')];
    const next = applySave(list, 'a', 'Zulu', { revision: 2, updated_at: '2026-11-29T11:00:00Z' }, 'headline');
    expect(next.map((b) => b.headline)).toEqual(['beta', 'Gamma', 'Zulu']);
    const back = applySave(next, 'a', 'Delta', { revision: 3, updated_at: '2026-11-29T12:00:00Z' }, 'headline');
    expect(back.map((b) => b.headline)).toEqual(['beta', 'Delta', 'Gamma']);
  });
});

describe('PressedEntry', () => {
  it('opens an entry only on a click that began on it', () => {
    const pressed = new PressedEntry();
    // The release that closes a filter menu lands on an entry: no press.
    expect(pressed.clicked('b', 1)).toBe(false);
    pressed.press('a');
    expect(pressed.clicked('b', 1)).toBe(false);
    pressed.press('a');
    expect(pressed.clicked('a', 1)).toBe(true);
    // Enter or Space on a focused entry.
    expect(pressed.clicked('c', 0)).toBe(true);
  });
});
