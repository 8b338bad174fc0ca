// Notices pass by themselves: a sentence left standing over the work reads
// as something still to do. One about others' changes (the desk's words
// followed, merged, a conflict closed elsewhere) goes sooner than one about
// what the journalist did (exported, saved a version), which may hold a
// path to read; either goes at once when they write on.

/** About others' changes: long enough to read twice, then out of the way. */
export const PASSING_NOTICE_MS = 10_000;

/** About what she did herself. */
export const OWN_NOTICE_MS = 20_000;

/** Clears a notice once its time is up, unless another took its place first. */
export class PassingNotice {
  #timer: ReturnType<typeof setTimeout> | null = null;

  /** `clear(text)` is called when `text`'s time is up; it clears only if `text` still shows. */
  constructor(private readonly clear: (text: string) => void) {}

  /** `text` was just shown: it passes after `ms`, and an earlier one's timer is dropped. */
  shown(text: string, ms: number = PASSING_NOTICE_MS): void {
    this.stop();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.clear(text);
    }, ms);
  }

  stop(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
