// console: `append {text}` and `clear`. The text is kept as one string (for
// a view that mounts late) plus the chunks not yet drawn, which the view
// appends to its DOM each frame: O(new text), never the whole log.
import type { Model, ModelFactory, ModelUpdate } from './model';

/**
 * Scrollback: a console keeps about its last million characters, like a
 * terminal, so a program printing in an endless loop cannot fill the tab's memory.
 */
export const MAX_CONSOLE_CHARS = 1_000_000;

/** The end of `text`, at most `max` characters, starting at a line start when there is one. */
export function keepLast(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.length - max;
  const lineStart = text.indexOf('\n', cut) + 1;
  return text.slice(lineStart > 0 ? lineStart : cut);
}

export class ConsoleModel implements Model<ModelUpdate<'console'>> {
  text: string;
  /** Text appended since the view last drained. */
  pending: string[] = [];
  /** True when the view must drop what it shows before appending `pending`. */
  reset = true;

  constructor(
    public readonly showInput: boolean,
    initial: string,
    private readonly maxChars = MAX_CONSOLE_CHARS,
  ) {
    this.text = keepLast(initial, maxChars);
    this.pending = initial ? [initial] : [];
  }

  apply(update: ModelUpdate<'console'>): void {
    switch (update.action) {
      case 'append': {
        const text = update.options.text;
        this.text += text;
        // Trimmed in steps of `maxChars`, so appends stay O(new text) on average.
        if (this.text.length > 2 * this.maxChars) this.text = keepLast(this.text, this.maxChars);
        this.pending.push(text);
        return;
      }
      case 'clear':
        this.text = '';
        this.pending = [];
        this.reset = true;
        return;
    }
  }

  /** Hand the view what it has to draw, and forget it. */
  drain(): { reset: boolean; text: string } {
    const result = { reset: this.reset, text: this.pending.join('') };
    this.pending = [];
    this.reset = false;
    return result;
  }

  /** A freshly mounted view shows everything. */
  remount(): void {
    this.pending = this.text ? [this.text] : [];
    this.reset = true;
  }
}

export const consoleFactory: ModelFactory<'console'> = {
  create: (payload) => new ConsoleModel(payload.showInput, payload.text ?? ''),
};
