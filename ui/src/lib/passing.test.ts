import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PASSING_NOTICE_MS, PassingNotice } from './passing';

describe('a notice about others’ changes', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('passes by itself, and only if it still shows', () => {
    let shown: string | null = 'Merged ana’s changes to the summary.';
    const passing = new PassingNotice((text) => {
      if (shown === text) shown = null;
    });
    passing.shown(shown);
    vi.advanceTimersByTime(PASSING_NOTICE_MS - 1);
    expect(shown).toBe('Merged ana’s changes to the summary.');
    vi.advanceTimersByTime(1);
    expect(shown).toBeNull();

    // Replaced by the journalist's own notice: that one stays.
    shown = 'This brief now shows the desk’s changes.';
    passing.shown(shown);
    shown = 'Saved version 3.';
    vi.advanceTimersByTime(PASSING_NOTICE_MS);
    expect(shown).toBe('Saved version 3.');
  });

  it('keeps only the newest one’s time', () => {
    const cleared: string[] = [];
    const passing = new PassingNotice((text) => cleared.push(text));
    passing.shown('first', 1000);
    vi.advanceTimersByTime(900);
    passing.shown('second', 1000);
    vi.advanceTimersByTime(900);
    expect(cleared).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(cleared).toEqual(['second']);
    passing.shown('third', 1000);
    passing.stop();
    vi.advanceTimersByTime(5000);
    expect(cleared).toEqual(['second']);
  });
});
