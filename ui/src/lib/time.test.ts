import { describe, expect, it } from 'vitest';
import { editedAgo } from './time';

const now = new Date('2026-11-29T12:00:00Z');
const ago = (ms: number) => editedAgo(new Date(now.getTime() - ms).toISOString(), now);

describe('editedAgo', () => {
  it('says "just now" for the last minute', () => {
    expect(ago(0)).toBe('edited just now');
    expect(ago(59_000)).toBe('edited just now');
  });

  it('counts minutes, hours and days with correct plurals', () => {
    expect(ago(60_000)).toBe('edited 1 minute ago');
    expect(ago(5 * 60_000)).toBe('edited 5 minutes ago');
    expect(ago(3_600_000)).toBe('edited 1 hour ago');
    expect(ago(30 * 3_600_000)).toBe('edited yesterday');
    expect(ago(3 * 86_400_000)).toBe('edited 3 days ago');
  });

  it('gives a date for older edits and survives a bad timestamp', () => {
    expect(ago(30 * 86_400_000)).toMatch(/^edited .*2026/);
    expect(editedAgo('not a time', now)).toBe('edited at an unknown time');
  });
});
