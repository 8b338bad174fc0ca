import { describe, expect, it } from 'vitest';
import type { BriefSummary } from './bindings';
import { importMessage, summariseImport } from './imports';

const brief = (headline: string): BriefSummary => ({
  id: headline,
  headline,
  status: 'draft',
  tags: [],
  updated_at: '2026-11-29T10:00:00Z',
  revision: 1,
});

describe('summariseImport', () => {
  it('keeps the briefs and the reasons, in order', () => {
    const report = summariseImport([
      { file: 'a.md', brief: brief('A'), error: null },
      { file: 'b.txt', brief: null, error: '/tmp/b.txt: line 3: is binary data' },
      { file: 'c.json', brief: brief('C'), error: null },
    ]);
    expect(report.imported.map((b) => b.headline)).toEqual(['A', 'C']);
    expect(report.failures).toEqual(['/tmp/b.txt: line 3: is binary data']);
    expect(importMessage(report)).toBe('Imported 2 briefs.');
    expect(importMessage(summariseImport([{ file: 'a', brief: brief('A'), error: null }]))).toBe('Imported 1 brief.');
  });
});
