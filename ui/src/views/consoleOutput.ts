// The console's output element, appended to imperatively. Complete lines go
// into blocks of about BLOCK_CHARS characters and the unfinished last line
// into a tail block. A full block never changes again (but for the
// scrollback's trim); once it is older than the newest LAID_OUT_BLOCKS it is
// marked `content-visibility: auto`, so the browser skips laying out and
// painting it while it is off screen: a flood of thousands of lines costs the
// layout of the few blocks at the end, not of everything that arrived. Text
// beyond twice the scrollback (MAX_CONSOLE_CHARS) is dropped from the front,
// down to the scrollback, in whole lines.
import { keepLast, MAX_CONSOLE_CHARS } from '../models/console';

/** Characters a block takes before the next one starts (it ends at a line end, so it may hold a little more). */
export const BLOCK_CHARS = 4096;
/**
 * Full blocks at the end that are always laid out. With the open block and
 * the tail they hold more text than a console shows, so the view at the end
 * never rests on an estimated size (which would throw off autoscroll).
 */
export const LAID_OUT_BLOCKS = 2;

export class ConsoleOutput {
  private readonly tail: HTMLElement;
  /** The newest block of complete lines while it is not full (laid out as usual), or null. */
  private open: Text | null = null;
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
    this.open = null;
    this.chars = 0;
    this.pre.replaceChildren(this.tail);
  }

  append(text: string): void {
    const combined = (this.tail.textContent ?? '') + text;
    const cut = combined.lastIndexOf('\n') + 1;
    if (cut > 0) {
      this.addLines(combined.slice(0, cut));
      if (this.chars > 2 * this.maxChars) this.trim();
    }
    this.tail.textContent = combined.slice(cut);
  }

  /** `lines` (ending in a newline) into the open block, then into new blocks of BLOCK_CHARS. */
  private addLines(lines: string): void {
    this.chars += lines.length;
    for (let start = 0; start < lines.length; ) {
      const open = this.open ?? this.newBlock();
      const room = BLOCK_CHARS - open.length;
      // Up to the end of the line that fills the block (the last character of `lines` is a newline).
      const end = start + room >= lines.length ? lines.length : lines.indexOf('\n', start + room - 1) + 1;
      open.appendData(lines.slice(start, end));
      if (open.length >= BLOCK_CHARS) this.seal();
      start = end;
    }
  }

  private newBlock(): Text {
    const block = this.pre.ownerDocument.createElement('div');
    const text = this.pre.ownerDocument.createTextNode('');
    block.append(text);
    this.pre.insertBefore(block, this.tail);
    this.open = text;
    return text;
  }

  /** The open block is full; the full block LAID_OUT_BLOCKS before it may now be skipped while off screen. */
  private seal(): void {
    let block: Element | null = this.open!.parentElement;
    this.open = null;
    for (let i = 0; i < LAID_OUT_BLOCKS && block; i++) block = block.previousElementSibling;
    if (block) skipOffScreen(block as HTMLElement);
  }

  /** Drop whole lines from the front until the blocks hold the scrollback. */
  private trim(): void {
    let excess = this.chars - this.maxChars;
    for (let oldest = this.pre.firstElementChild as HTMLElement; excess > 0 && oldest !== this.tail; ) {
      const next = oldest.nextElementSibling as HTMLElement;
      const text = oldest.textContent ?? '';
      // Blocks end at a line end, so the cut keeps whole lines (perhaps none).
      const kept = text.length > excess ? keepLast(text, text.length - excess) : '';
      this.chars -= text.length - kept.length;
      excess -= text.length;
      if (kept === '') {
        if (this.open?.parentElement === oldest) this.open = null;
        oldest.remove();
      } else {
        oldest.firstChild!.textContent = kept;
        if (oldest.style.contentVisibility) skipOffScreen(oldest); // its estimated size changed
      }
      oldest = next;
    }
  }
}

/**
 * Let the browser skip `block` while it is off screen, sized meanwhile as one
 * line-height per line (exact unless lines wrap; once shown, the browser
 * remembers its real size).
 */
function skipOffScreen(block: HTMLElement): void {
  let lines = 0;
  const text = block.textContent ?? '';
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  block.style.contentVisibility = 'auto';
  block.style.containIntrinsicBlockSize = `auto ${lines}lh`;
}
