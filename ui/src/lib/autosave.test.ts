import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosave, type SaveDraft, type SaveState } from './autosave';
import type { BriefContent, SavedDraft } from './bindings';

function content(headline: string): BriefContent {
  return {
    headline,
    summary: '',
    why_it_matters: '',
    key_developments: [],
    report: [],
    context: '',
    byline: null,
    tags: [],
  };
}

/** A fake store: records each save and answers like the real one. */
function fakeStore(options: { delayMs?: number; failWith?: () => unknown } = {}) {
  let revision = 1;
  const calls: { expected: number; headline: string }[] = [];
  const save: SaveDraft = async (_id, expected, body) => {
    calls.push({ expected, headline: body.headline });
    await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 10));
    const failure = options.failWith?.();
    if (failure) throw failure;
    if (expected !== revision) throw { code: 'conflict', message: `stale revision ${expected}` };
    revision += 1;
    return { revision, updated_at: '2026-11-29T04:00:00Z' } satisfies SavedDraft;
  };
  return { save, calls, bump: () => (revision += 1) };
}

describe('autosave', () => {
  let states: SaveState['kind'][];
  const record = (state: SaveState) => states.push(state.kind);

  beforeEach(() => {
    vi.useFakeTimers();
    states = [];
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stores steady typing at least every couple of seconds, not only when it pauses', async () => {
    const store = fakeStore();
    const autosave = new Autosave('b1', 1, store.save, record, 300, 3000, 2000);
    let headline = '';
    // A key every 100 ms for 5 s: never a 300 ms pause.
    for (let i = 0; i < 50; i++) {
      headline += 'a';
      const typed = headline;
      autosave.change(() => content(typed));
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(store.calls.length).toBeGreaterThanOrEqual(2);
    expect(store.calls.length).toBeLessThanOrEqual(4);
    expect(store.calls[0]?.headline.length).toBeLessThanOrEqual(21);
    await vi.advanceTimersByTimeAsync(400);
    expect(store.calls.at(-1)?.headline).toBe('a'.repeat(50));
  });

  it('reads the content only when it sends it, and says "saving" once per burst', async () => {
    const store = fakeStore();
    const autosave = new Autosave('b1', 1, store.save, record, 300);
    let reads = 0;
    let headline = '';
    for (const typed of ['L', 'Le', 'Lee']) {
      headline = typed;
      autosave.change(() => {
        reads++;
        return content(headline);
      });
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(reads).toBe(0);
    expect(states).toEqual(['saving']);
    await vi.advanceTimersByTimeAsync(400);
    expect(reads).toBe(1);
    expect(store.calls).toEqual([{ expected: 1, headline: 'Lee' }]);
    expect(states).toEqual(['saving', 'saved']);
    autosave.change(content('Lee '));
    expect(states).toEqual(['saving', 'saved', 'saving']);
  });

  it('waits for a pause in typing, then saves only the latest text once', async () => {
    const store = fakeStore();
    const autosave = new Autosave('b1', 1, store.save, record, 300);
    autosave.change(content('L'));
    await vi.advanceTimersByTimeAsync(200);
    autosave.change(content('Le'));
    await vi.advanceTimersByTimeAsync(200);
    autosave.change(content('Lee'));
    expect(store.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(299);
    expect(store.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(20);
    expect(store.calls).toEqual([{ expected: 1, headline: 'Lee' }]);
    expect(states.at(-1)).toBe('saved');
    expect(autosave.expectedRevision).toBe(2);
  });

  it('shows Saving… from the first keystroke until the save is stored', async () => {
    const store = fakeStore({ delayMs: 100 });
    const autosave = new Autosave('b1', 1, store.save, record, 300);
    autosave.change(content('x'));
    expect(states).toEqual(['saving']);
    await vi.advanceTimersByTimeAsync(350);
    expect(states.at(-1)).toBe('saving');
    await vi.advanceTimersByTimeAsync(100);
    expect(states.at(-1)).toBe('saved');
  });

  it('flush saves at once, without waiting for the debounce', async () => {
    const store = fakeStore();
    const autosave = new Autosave('b1', 1, store.save, record, 300);
    autosave.change(content('typed just before closing'));
    const flushed = autosave.flush();
    await vi.advanceTimersByTimeAsync(10);
    expect(await flushed).toBe(true);
    expect(store.calls).toEqual([{ expected: 1, headline: 'typed just before closing' }]);
    expect(autosave.dirty).toBe(false);
    // The debounce timer was cancelled: nothing is saved twice.
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.calls).toHaveLength(1);
  });

  it('flush waits for a save in flight and then saves what was typed during it', async () => {
    const store = fakeStore({ delayMs: 100 });
    const autosave = new Autosave('b1', 1, store.save, record, 300);
    autosave.change(content('first'));
    await vi.advanceTimersByTimeAsync(320); // first save is now in flight
    autosave.change(content('second'));
    const flushed = autosave.flush();
    await vi.advanceTimersByTimeAsync(250);
    await flushed;
    // Sent one after the other, each naming the revision the last one returned.
    expect(store.calls).toEqual([
      { expected: 1, headline: 'first' },
      { expected: 2, headline: 'second' },
    ]);
    expect(states.at(-1)).toBe('saved');
  });

  it('flush with nothing pending does nothing', async () => {
    const store = fakeStore();
    const autosave = new Autosave('b1', 1, store.save, record, 300);
    expect(await autosave.flush()).toBe(true);
    expect(store.calls).toEqual([]);
    expect(states).toEqual([]);
  });

  it('stops on a conflict and never sends a stale revision again', async () => {
    const store = fakeStore();
    store.bump(); // someone else saved: the stored brief is at revision 2
    const autosave = new Autosave('b1', 1, store.save, record, 300);
    autosave.change(content('mine'));
    await vi.advanceTimersByTimeAsync(320);
    expect(states.at(-1)).toBe('conflict');
    autosave.change(content('more typing'));
    expect(await autosave.flush()).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.calls).toEqual([{ expected: 1, headline: 'mine' }]);
    expect(states.at(-1)).toBe('conflict');
  });

  it('keeps the text after a failed save and retries it on the next flush', async () => {
    let failing = true;
    const store = fakeStore({ failWith: () => (failing ? { code: 'storage', message: 'disk is full' } : null) });
    const autosave = new Autosave('b1', 1, store.save, record, 300);
    autosave.change(content('precious words'));
    await vi.advanceTimersByTimeAsync(320);
    expect(states.at(-1)).toBe('error');
    expect(autosave.dirty).toBe(true);
    const stillFailing = autosave.flush();
    await vi.advanceTimersByTimeAsync(20);
    expect(await stillFailing).toBe(false);

    failing = false;
    const flushed = autosave.flush();
    await vi.advanceTimersByTimeAsync(20);
    expect(await flushed).toBe(true);
    expect(store.calls.map((c) => c.headline)).toEqual(['precious words', 'precious words', 'precious words']);
    expect(states.at(-1)).toBe('saved');
    expect(autosave.dirty).toBe(false);
  });

  it('retries a failed save on its own once the writer has stopped typing', async () => {
    let failing = true;
    const store = fakeStore({ failWith: () => (failing ? { code: 'locked', message: 'in use' } : null) });
    const autosave = new Autosave('b1', 1, store.save, record, 300, 3000);
    autosave.change(content('typed before the lock'));
    await vi.advanceTimersByTimeAsync(320);
    expect(states.at(-1)).toBe('error');
    failing = false;
    await vi.advanceTimersByTimeAsync(3100);
    expect(states.at(-1)).toBe('saved');
    expect(autosave.dirty).toBe(false);
    expect(store.calls.map((c) => c.headline)).toEqual(['typed before the lock', 'typed before the lock']);
  });

  it('reports a thrown non-IPC value as an error, not a crash', async () => {
    const store = fakeStore({ failWith: () => new Error('boom') });
    let last: SaveState | undefined;
    const autosave = new Autosave('b1', 1, store.save, (s) => (last = s), 300);
    autosave.change(content('x'));
    await vi.advanceTimersByTimeAsync(320);
    expect(last).toEqual({ kind: 'error', error: { code: 'unknown', message: 'Error: boom' } });
  });

  it('refuses a brief past its limits in the page, and does not resend it until it changes', async () => {
    const store = fakeStore();
    let last: SaveState | undefined;
    const autosave = new Autosave('b1', 1, store.save, (s) => (last = s), 300, 3000);
    autosave.change(content('x'.repeat(2001)));
    await vi.advanceTimersByTimeAsync(320);
    expect(last).toEqual({
      kind: 'error',
      error: { code: 'invalid', message: 'the brief cannot be saved: headline is 2001 characters long; the limit is 2000' },
    });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(store.calls).toEqual([]);
    expect(autosave.dirty).toBe(true);
    autosave.change(content('x'.repeat(2000)));
    await vi.advanceTimersByTimeAsync(320);
    expect(last?.kind).toBe('saved');
    expect(store.calls.length).toBe(1);
  });

  it('does not retry a save the store refused as invalid', async () => {
    const store = fakeStore({ failWith: () => ({ code: 'invalid', message: 'the brief cannot be saved: …' }) });
    const autosave = new Autosave('b1', 1, store.save, record, 300, 3000);
    autosave.change(content('refused'));
    await vi.advanceTimersByTimeAsync(320);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(store.calls.length).toBe(1);
    expect(states.at(-1)).toBe('error');
  });
});
