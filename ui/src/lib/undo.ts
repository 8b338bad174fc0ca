// The app's own undo: WebKitGTK keeps none, and the brief's structure
// (bullets, sections, a restore, a replace-all) is not one text field's.
//
// A history of whole snapshots of the open brief's editable state. Typing
// into one field is grouped into one step until a pause, another field or a
// structural edit; every structural edit is a step of its own. Snapshots are
// cheap next to the brief (a 5,000-word brief is ~30 KB) and make every
// step trivially exact.

/** Where the caret was, so undo can put the person back where they were. */
export interface Caret {
  field: string;
  start: number;
  end: number;
}

export interface Step<T> {
  state: T;
  caret: Caret | null;
}

/** How a change joins the history. */
export interface ChangeKind {
  /** Typing in `field`: joins the step before if that was typing in the same field, recently. */
  typing?: string;
  caret?: Caret | null;
}

/** Typing pauses longer than this start a new step. */
export const TYPING_PAUSE_MS = 1000;
/** Steps kept per brief. */
export const MAX_STEPS = 500;

export class UndoHistory<T> {
  private past: Step<T>[] = [];
  private future: Step<T>[] = [];
  private present: Step<T>;
  private typingIn: string | null = null;
  private typedAt = -Infinity;

  constructor(
    initial: T,
    private readonly clone: (state: T) => T,
    private readonly now: () => number = () => Date.now(),
    /**
     * Brings the present snapshot up to date with typing in one field
     * (false when it cannot): a keystroke then copies one field, not the
     * whole state. Without it every change is a whole copy.
     */
    private readonly typedInto?: (snapshot: T, live: T, field: string) => boolean,
  ) {
    this.present = { state: clone(initial), caret: null };
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** Records `state` as the result of one change. */
  record(state: T, kind: ChangeKind = {}): void {
    const at = this.now();
    const joins = kind.typing !== undefined && kind.typing === this.typingIn && at - this.typedAt < TYPING_PAUSE_MS;
    if (!joins) {
      this.past.push(this.present);
      if (this.past.length > MAX_STEPS) this.past.shift();
    }
    // Within a burst of typing the present is this history's own (undo and
    // redo hand out copies), so it can be brought up to date in place:
    // only the field typed in differs.
    const patched = joins && kind.typing !== undefined && this.typedInto?.(this.present.state, state, kind.typing);
    this.present = { state: patched ? this.present.state : this.clone(state), caret: kind.caret ?? null };
    this.future = [];
    this.typingIn = kind.typing ?? null;
    this.typedAt = at;
  }

  /**
   * Replaces the present without a step: for changes that are not the
   * person's edits (a save from elsewhere that was reloaded).
   */
  reset(state: T): void {
    this.present = { state: this.clone(state), caret: null };
    this.typingIn = null;
  }

  /**
   * Others' changes arrived (the desk's words followed or merged): the
   * present becomes `state`, and every step back and forward is carried
   * over by `carry`, so an undo takes back only the person's own edits,
   * never words that came from someone else. Steps that no longer change
   * anything (`same` as the one after them) are dropped: an undo always
   * does something.
   */
  follow(state: T, carry: (snapshot: T) => T, same: (a: T, b: T) => boolean): void {
    const present = { state: this.clone(state), caret: null };
    const carried = (steps: Step<T>[]) => steps.map((step) => ({ ...step, state: carry(step.state) }));
    const past = carried(this.past);
    this.past = past.filter((step, i) => !same(step.state, (past[i + 1] ?? present).state));
    const future = carried(this.future);
    // Redo takes the last first: each step's state before it is the one after it.
    this.future = future.filter((step, i) => !same(step.state, (future[i + 1] ?? present).state));
    this.present = present;
    this.typingIn = null;
  }

  /** Ends the current typing group, so the next keystroke starts a step. */
  seal(): void {
    this.typingIn = null;
  }

  /**
   * Steps back. Returns the state to show and where the undone change was
   * made, or null when there is nothing to undo.
   */
  undo(): { state: T; caret: Caret | null } | null {
    const previous = this.past.pop();
    if (!previous) return null;
    const undone = this.present;
    this.future.push(undone);
    this.present = previous;
    this.typingIn = null;
    return { state: this.clone(previous.state), caret: undone.caret };
  }

  redo(): { state: T; caret: Caret | null } | null {
    const next = this.future.pop();
    if (!next) return null;
    this.past.push(this.present);
    this.present = next;
    this.typingIn = null;
    return { state: this.clone(next.state), caret: next.caret };
  }
}

/** One history per brief, kept while the app runs. */
export class UndoBook<T> {
  private histories = new Map<string, UndoHistory<T>>();

  constructor(
    private readonly clone: (state: T) => T,
    private readonly now: () => number = () => Date.now(),
    private readonly typedInto?: (snapshot: T, live: T, field: string) => boolean,
  ) {}

  /** The brief's history; a brief opened for the first time starts at `state`. */
  open(id: string, state: T): UndoHistory<T> {
    let history = this.histories.get(id);
    if (!history) {
      history = new UndoHistory(state, this.clone, this.now, this.typedInto);
      this.histories.set(id, history);
    } else {
      // Reopened: what was stored meanwhile is the present; the steps
      // before it are still there to go back to.
      history.reset(state);
    }
    return history;
  }

  forget(id: string): void {
    this.histories.delete(id);
  }
}
