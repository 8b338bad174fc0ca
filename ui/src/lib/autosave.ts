// Debounced, ordered, conflict-aware saving of one brief's draft.
//
// Invariants:
// - at most one save is in flight, so revisions are sent in order;
// - each save names the revision the previous save returned, and after a
//   `conflict` nothing more is sent until the brief is reloaded: a stale
//   draft never silently overwrites newer work;
// - `flush()` resolves only when every change made before it is stored
//   (or has failed with a shown error).

import type { BriefContent, IpcError, SavedDraft } from './bindings';
import { isIpcError } from './api';
import { sizeProblem } from './limits';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; saved: SavedDraft }
  | { kind: 'conflict'; error: IpcError }
  /** The brief was deleted elsewhere: its words can only go into a new brief. */
  | { kind: 'gone'; error: IpcError }
  | { kind: 'error'; error: IpcError };

export type SaveDraft = (id: string, expectedRevision: number, content: BriefContent) => Promise<SavedDraft>;

export const AUTOSAVE_DELAY_MS = 300;

/**
 * However steadily someone types, what is typed is stored at least this
 * often: a crash loses no more, and the desk (which waits for the words to
 * be saved before it brings others' changes in) is never held off for long.
 */
export const AUTOSAVE_MAX_WAIT_MS = 2000;

/**
 * The latest content, or how to read it when it is sent: the editor hands
 * over a reader, so a keystroke in a long brief pays nothing for a
 * conversion only the save needs.
 */
export type Pending = BriefContent | (() => BriefContent);

/** After a failed save (locked database, full disk), how long until the words are tried again on their own. */
export const RETRY_DELAY_MS = 3000;

export class Autosave {
  private pending: Pending | null = null;
  /** When the oldest change not yet sent was made (`Date.now()`). */
  private pendingSince: number | null = null;
  private shownSaving = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private stopped = false;
  private lastFailed = false;

  constructor(
    private readonly id: string,
    private revision: number,
    private readonly save: SaveDraft,
    private readonly onState: (state: SaveState) => void,
    private readonly delayMs = AUTOSAVE_DELAY_MS,
    private readonly retryMs = RETRY_DELAY_MS,
    private readonly maxWaitMs = AUTOSAVE_MAX_WAIT_MS,
  ) {}

  /** The revision the next save will name. */
  get expectedRevision(): number {
    return this.revision;
  }

  /** Whether some change is not yet stored. */
  get dirty(): boolean {
    return this.pending !== null || this.inFlight !== null;
  }

  /** Records the latest content; it is saved `delayMs` after the last call. */
  change(content: Pending): void {
    if (this.stopped) return;
    this.pending = content;
    this.pendingSince ??= Date.now();
    // Said once per burst of typing: every state change redraws the page.
    if (!this.shownSaving) this.say({ kind: 'saving' });
    if (this.timer !== null) clearTimeout(this.timer);
    const waited = Date.now() - this.pendingSince;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        void this.flush();
      },
      Math.max(0, Math.min(this.delayMs, this.maxWaitMs - waited)),
    );
  }

  /**
   * Saves any pending change now and waits until everything is stored.
   * Resolves to whether it was: false means some change is still unsaved
   * (the save failed, or a conflict stopped saving).
   */
  async flush(): Promise<boolean> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.inFlight !== null || (this.pending !== null && !this.stopped)) {
      if (this.inFlight === null) {
        const pending = this.pending as Pending;
        const content = typeof pending === 'function' ? pending() : pending;
        this.pending = null;
        this.pendingSince = null;
        this.inFlight = this.send(content).finally(() => {
          this.inFlight = null;
        });
      }
      await this.inFlight;
      if (this.lastFailed) return false;
    }
    return this.pending === null && !this.lastFailed;
  }

  /**
   * Continues from `revision` after another save of this brief that went
   * through the app (a status change). Only call with nothing pending.
   */
  rebase(revision: number): void {
    this.revision = revision;
  }

  /** Stops saving, e.g. when another brief is opened. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async send(content: BriefContent): Promise<void> {
    this.lastFailed = false;
    // Past a limit the store would refuse it: say so now, and wait for the
    // person to change it rather than resend the same refused words.
    const problem = sizeProblem(content);
    if (problem !== null) {
      this.lastFailed = true;
      this.pending ??= content;
      this.say({ kind: 'error', error: { code: 'invalid', message: problem } });
      return;
    }
    if (!this.shownSaving) this.say({ kind: 'saving' });
    try {
      const saved = await this.save(this.id, this.revision, content);
      this.revision = saved.revision;
      if (this.pending === null) this.say({ kind: 'saved', saved });
    } catch (caught) {
      this.lastFailed = true;
      const error: IpcError = isIpcError(caught) ? caught : { code: 'unknown', message: String(caught) };
      if (error.code === 'conflict' || error.code === 'not_found') {
        // Nothing more is sent into this brief; the words stay on screen
        // for the person to reload around or keep as a new brief.
        this.stopped = true;
        this.pending = null;
        this.say({ kind: error.code === 'conflict' ? 'conflict' : 'gone', error });
      } else {
        // Keep the newest unsaved content: the next change or flush retries
        // it, and so does a timer, for a writer who has stopped typing.
        this.pending ??= content;
        this.say({ kind: 'error', error });
        // A refused brief is refused again until it changes: only failures
        // of the disk or a lock are worth retrying on their own.
        if (this.timer === null && !this.stopped && error.code !== 'invalid') {
          this.timer = setTimeout(() => {
            this.timer = null;
            void this.flush();
          }, this.retryMs);
        }
      }
    }
  }

  private say(state: SaveState) {
    this.shownSaving = state.kind === 'saving';
    this.onState(state);
  }
}
