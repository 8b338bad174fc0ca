import { describe, expect, it } from 'vitest';
import { deskLabel } from './desk';

describe('deskLabel', () => {
  it('says nothing when no desk is connected', () => {
    expect(deskLabel({ kind: 'not_connected' })).toBeNull();
  });

  it('counts the changes waiting offline and gives the reason', () => {
    const label = deskLabel({ kind: 'offline', desk: 'news', waiting: 12, reason: 'cannot reach the server' });
    expect(label?.text).toBe('Offline — 12 changes waiting');
    expect(label?.detail).toContain('cannot reach the server');
    expect(label?.tone).toBe('warning');
    expect(deskLabel({ kind: 'offline', desk: 'news', waiting: 1, reason: 'x' })?.text).toBe('Offline — 1 change waiting');
    expect(deskLabel({ kind: 'offline', desk: 'news', waiting: 0, reason: 'x' })?.text).toBe('Offline');
  });

  it('names synced, syncing and conflicts as a journalist would', () => {
    expect(deskLabel({ kind: 'synced', desk: 'news' })?.text).toBe('Synced');
    expect(deskLabel({ kind: 'syncing', desk: 'news' })?.text).toBe('Syncing…');
    expect(deskLabel({ kind: 'conflict', desk: 'news', briefs: 1, waiting: 0 })?.text).toBe('Conflict in 1 brief');
    expect(deskLabel({ kind: 'conflict', desk: 'news', briefs: 3, waiting: 0 })?.text).toBe('Conflict in 3 briefs');
  });
});
