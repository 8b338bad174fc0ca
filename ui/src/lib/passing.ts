// A notice about others' changes (the desk's words followed, merged, a
// conflict closed elsewhere) passes by itself: the journalist did nothing,
// and a sentence left standing over their work reads as something to do.
// Notices about what they did themselves stay until they write on.

/** Long enough to read twice, then out of the way. */
export const PASSING_NOTICE_MS = 10_000;

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
