// Decisions about the open brief that App.svelte wires but does not make.

import type { SaveState } from './autosave';

/**
 * Whether closing the window goes ahead. A close that would lose unsaved
 * words is refused with the reason; asking again closes anyway — but only
 * for the same failure: a save that fails anew after one that worked arms
 * the refusal again.
 */
export class CloseGuard {
  private failure = 0;
  private refusedFor = -1;
  private failing = false;

  /** Follows the save indicator. */
  saw(state: SaveState): void {
    const failed = state.kind === 'error' || state.kind === 'conflict' || state.kind === 'gone';
    if (failed && !this.failing) this.failure++;
    if (state.kind === 'saved') this.failing = false;
    else if (failed) this.failing = true;
  }

  /** Called on a close request, with whether every word is stored. */
  allows(stored: boolean): boolean {
    if (stored) return true;
    if (this.refusedFor === this.failure) return true;
    this.refusedFor = this.failure;
    return false;
  }
}
