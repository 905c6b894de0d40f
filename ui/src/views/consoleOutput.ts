// The console's output element, appended to imperatively. Complete lines go
// into a new block per call and the unfinished last line into a tail block,
// so the browser lays out only what is new (O(new text), not O(whole log));
// past MAX_BLOCKS the oldest half is merged into one block.

/** Blocks kept before the oldest are merged, so a long-running log stays a few hundred elements. */
export const MAX_BLOCKS = 256;

export class ConsoleOutput {
  private readonly tail: HTMLElement;

  constructor(private readonly pre: HTMLElement) {
    this.tail = pre.ownerDocument.createElement('div');
    this.clear();
  }

  clear(): void {
    this.tail.textContent = '';
    this.pre.replaceChildren(this.tail);
  }

  append(text: string): void {
    const combined = (this.tail.textContent ?? '') + text;
    const cut = combined.lastIndexOf('\n') + 1;
    if (cut > 0) {
      const block = this.pre.ownerDocument.createElement('div');
      block.textContent = combined.slice(0, cut);
      this.pre.insertBefore(block, this.tail);
      if (this.pre.childElementCount > MAX_BLOCKS) this.mergeOldest();
    }
    this.tail.textContent = combined.slice(cut);
  }

  private mergeOldest(): void {
    const oldest = Array.from(this.pre.children).slice(0, MAX_BLOCKS / 2);
    const merged = this.pre.ownerDocument.createElement('div');
    merged.textContent = oldest.map((block) => block.textContent).join('');
    this.pre.insertBefore(merged, oldest[0]!);
    for (const block of oldest) block.remove();
  }
}
