import { describe, expect, it } from 'vitest';
import type { DeskChanged, DeskVersion } from './bindings';
import { deskLabel, deskVersionTitle, newsFor, restoredOnDeskNotice, trashedOnDeskNotice } from './desk';

describe('deskLabel', () => {
  it('says nothing when no desk is connected', () => {
    expect(deskLabel({ kind: 'not_connected' })).toBeNull();
  });

  it('counts the changes waiting offline and gives the reason', () => {
    const label = deskLabel({
      kind: 'offline',
      desk: 'news',
      waiting: 12,
      reason: 'cannot reach the server 127.0.0.1:5432: connection refused (os error 111)',
      why: 'The desk’s server cannot be reached',
    });
    expect(label?.text).toBe('Offline — 12 changes waiting');
    expect(label?.why).toBe('The desk’s server cannot be reached.');
    expect(label?.detail).toMatch(/^Cannot reach the server 127\.0\.0\.1:5432: connection refused \(os error 111\)\. Your work is saved/);
    expect(label?.tone).toBe('warning');
    const offline = (waiting: number) => deskLabel({ kind: 'offline', desk: 'news', waiting, reason: 'x', why: 'y' });
    expect(offline(1)?.text).toBe('Offline — 1 change waiting');
    expect(offline(0)?.text).toBe('Offline');
  });

  it('names synced, syncing and conflicts as a journalist would', () => {
    expect(deskLabel({ kind: 'synced', desk: 'news' })?.text).toBe('Synced');
    expect(deskLabel({ kind: 'syncing', desk: 'news' })?.text).toBe('Syncing…');
    expect(deskLabel({ kind: 'conflict', desk: 'news', briefs: 1, waiting: 0 })?.text).toBe('Conflict in 1 brief');
    expect(deskLabel({ kind: 'conflict', desk: 'news', briefs: 3, waiting: 0 })?.text).toBe('Conflict in 3 briefs');
  });

  it('never says Synced while the open brief’s last save failed', () => {
    const label = deskLabel({ kind: 'synced', desk: 'news' }, true);
    expect(label?.text).toBe('Not all synced');
    expect(label?.tone).toBe('warning');
    expect(label?.why).toBe('Your last changes are not saved yet.');
    expect(deskLabel({ kind: 'syncing', desk: 'news' }, true)?.text).toBe('Not all synced');
    // Offline or in conflict already says that something is not on the desk.
    expect(deskLabel({ kind: 'offline', desk: 'news', waiting: 2, reason: 'x', why: 'y' }, true)?.text).toBe(
      'Offline — 2 changes waiting',
    );
    expect(deskLabel({ kind: 'not_connected' }, true)).toBeNull();
  });
});

describe('what a sync means for the open brief', () => {
  const changed = (over: Partial<DeskChanged>): DeskChanged => ({
    briefs: ['open'],
    merged: [],
    conflicted: [],
    refused: [],
    refused_states: [],
    trashed: [],
    restored: [],
    behind: [],
    ...over,
  });

  it('is nothing when the open brief did not change', () => {
    expect(newsFor(changed({ briefs: ['other'], merged: [{ brief: 'other', text: 'Merged.' }] }), 'open')).toBeNull();
  });

  it('names what merged from whom, for the open brief only', () => {
    const news = newsFor(
      changed({
        briefs: ['open', 'other'],
        merged: [
          { brief: 'other', text: 'Merged ed’s changes to the headline.' },
          { brief: 'open', text: 'Merged ana’s changes to the summary.' },
        ],
      }),
      'open',
    );
    expect(news).toEqual({ notice: 'Merged ana’s changes to the summary.', conflicted: false, statusRefused: false });
  });

  it('leaves a conflict to the conflict bar, and says when a change of status was refused', () => {
    expect(newsFor(changed({ conflicted: ['open'] }), 'open')).toEqual({ notice: null, conflicted: true, statusRefused: false });
    const refused = newsFor(
      changed({ refused: [{ brief: 'open', text: 'The desk did not take the change of status.' }], refused_states: ['open'] }),
      'open',
    );
    expect(refused).toEqual({ notice: 'The desk did not take the change of status.', conflicted: false, statusRefused: true });
    const words = newsFor(changed({ refused: [{ brief: 'open', text: 'Kept in a copy.' }] }), 'open');
    expect(words?.statusRefused).toBe(false);
  });
});

describe('the desk\'s versions in History', () => {
  const version = (over: Partial<DeskVersion>): DeskVersion => ({
    version: 3,
    author: 'ana',
    kind: 'save',
    label: null,
    state: null,
    created_at: '2026-12-02T18:00:00Z',
    ...over,
  });

  it('gives the server\'s number, the label or what kind of save it was, and a change of status', () => {
    expect(deskVersionTitle(version({}))).toBe('Desk v3 · Saved');
    expect(deskVersionTitle(version({ kind: 'version', label: 'Sent to the desk' }))).toBe('Desk v3 · Sent to the desk');
    expect(deskVersionTitle(version({ kind: 'version' }))).toBe('Desk v3 · Saved version');
    expect(deskVersionTitle(version({ kind: 'merge', version: 4 }))).toBe('Desk v4 · Merged');
    expect(deskVersionTitle(version({ kind: 'state', version: null, state: 'ready' }))).toBe('Status: Ready');
  });
});

describe('a brief moved to the Trash on the desk while open', () => {
  it('says it is in the Trash here too, or kept for words not yet saved', () => {
    expect(trashedOnDeskNotice('Talks resume', false)).toBe(
      'Someone on the desk moved “Talks resume” to the Trash. It is in your Trash too; restore it from there to bring it back for everyone.',
    );
    expect(trashedOnDeskNotice('  ', true)).toMatch(/^Someone on the desk moved “Untitled brief” to the Trash while you were writing in it\. Your words win/);
  });
});

describe('briefs taken out of the Trash on the desk', () => {
  it('names one, counts several, and says nothing for none', () => {
    expect(restoredOnDeskNotice([])).toBeNull();
    expect(restoredOnDeskNotice(['Talks resume'])).toBe(
      'Someone on the desk took “Talks resume” out of the Trash: it is back in your library.',
    );
    expect(restoredOnDeskNotice(['A', ''])).toBe('Someone on the desk took 2 briefs out of the Trash: they are back in your library.');
  });
});
