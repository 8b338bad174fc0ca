import { describe, expect, it } from 'vitest';
import type { BriefSummary } from './bindings';
import { applySave } from './library';

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
