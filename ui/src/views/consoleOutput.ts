// The console's output element, appended to imperatively. Complete lines go
// into a new block per call and the unfinished last line into a tail block,
// so the browser lays out only what is new (O(new text), not O(whole log));
// past MAX_BLOCKS the oldest half is merged into one block, and text beyond
// the scrollback (MAX_CONSOLE_CHARS) is dropped from the front then.
import { keepLast, MAX_CONSOLE_CHARS } from '../models/console';

/** Blocks kept before the oldest are merged, so a long-running log stays a few hundred elements. */
export const MAX_BLOCKS = 256;

export class ConsoleOutput {
  private readonly tail: HTMLElement;
  /** Characters in the complete-line blocks (not the tail). */
  private chars = 0;

  constructor(
    private readonly pre: HTMLElement,
    private readonly maxChars = MAX_CONSOLE_CHARS,
  ) {
    this.tail = pre.ownerDocument.createElement('div');
    this.clear();
  }

  clear(): void {
    this.tail.textContent = '';
    this.chars = 0;
    this.pre.replaceChildren(this.tail);
  }

  append(text: string): void {
    const combined = (this.tail.textContent ?? '') + text;
    const cut = combined.lastIndexOf('\n') + 1;
    if (cut > 0) {
      const block = this.pre.ownerDocument.createElement('div');
      block.textContent = combined.slice(0, cut);
      this.chars += cut;
      this.pre.insertBefore(block, this.tail);
      // Many frames of output, or a few big ones (a burst): merge, trimming to the scrollback.
      if (this.pre.childElementCount > MAX_BLOCKS || this.chars > 2 * this.maxChars) this.mergeOldest();
    }
    this.tail.textContent = combined.slice(cut);
  }

  private mergeOldest(): void {
    // Never the tail (the last child).
    const oldest = Array.from(this.pre.children).slice(0, Math.min(MAX_BLOCKS / 2, this.pre.childElementCount - 1));
    const merged = this.pre.ownerDocument.createElement('div');
    const joined = oldest.map((block) => block.textContent).join('');
    const kept = keepLast(joined, Math.max(0, joined.length - (this.chars - this.maxChars)));
    this.chars -= joined.length - kept.length;
    merged.textContent = kept;
    this.pre.insertBefore(merged, oldest[0]!);
    for (const block of oldest) block.remove();
  }
}
