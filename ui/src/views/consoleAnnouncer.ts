// What a screen reader hears of a console: new output, politely, at most once
// per interval. A flood becomes one summary ("120 new lines; last: ...")
// instead of thousands of announcements.

export const ANNOUNCE_INTERVAL_MS = 1000;
/** Longest announcement; a longer one keeps its end. */
export const ANNOUNCE_MAX_CHARS = 300;
/** Lines read out as they are; more become a count and the last line. */
const LINES_READ_IN_FULL = 3;

export class ConsoleAnnouncer {
  /** The tail of the text not yet announced (bounded: only its end is ever read). */
  private pending = '';
  private newLines = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastAt = -Infinity;

  constructor(
    private readonly region: HTMLElement,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Note new output; it is announced on the next tick of the interval. */
  add(text: string): void {
    if (!text) return;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.newLines++;
    this.pending = (this.pending + text).slice(-4 * ANNOUNCE_MAX_CHARS);
    if (this.timer !== null) return;
    const wait = Math.max(0, this.lastAt + ANNOUNCE_INTERVAL_MS - this.now());
    this.timer = setTimeout(() => this.announce(), wait);
  }

  /** The console was cleared: forget what was not announced. */
  reset(): void {
    this.pending = '';
    this.newLines = 0;
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private announce(): void {
    this.timer = null;
    this.lastAt = this.now();
    const lines = this.pending.split('\n').filter((line) => line.trim() !== '');
    const count = Math.max(this.newLines, lines.length > 0 ? 1 : 0);
    this.pending = '';
    this.newLines = 0;
    if (lines.length === 0) return;
    const text = count <= LINES_READ_IN_FULL ? lines.slice(-count).join('\n') : `${count} new lines; last: ${lines.at(-1)}`;
    this.region.textContent = text.length > ANNOUNCE_MAX_CHARS ? `…${text.slice(-ANNOUNCE_MAX_CHARS)}` : text;
  }
}
