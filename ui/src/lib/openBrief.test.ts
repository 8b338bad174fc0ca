import { describe, expect, it } from 'vitest';
import { CloseGuard } from './openBrief';

const failed = { kind: 'error', error: { code: 'locked', message: 'locked' } } as const;
const saved = { kind: 'saved', saved: { revision: 2, updated_at: '' } } as const;

describe('close guard', () => {
  it('closes when every word is stored', () => {
    expect(new CloseGuard().allows(true)).toBe(true);
  });

  it('refuses once per failure, and again for a later failure', () => {
    const guard = new CloseGuard();
    guard.saw(failed);
    guard.saw(failed); // a retry failing again is the same failure
    expect(guard.allows(false)).toBe(false);
    expect(guard.allows(false)).toBe(true);
    guard.saw(saved);
    guard.saw(failed);
    expect(guard.allows(false)).toBe(false);
    expect(guard.allows(false)).toBe(true);
  });
});
