// One batching rule for every place the UI hands items across a thread in
// bulk: the socket worker posting frames to the page, and the playground's
// Pyodide worker posting hero messages and output. The first item after a
// quiet spell goes at once (a click's reply is not held back); a stream that
// keeps coming goes every `maxAgeMs`, or sooner once `maxItems` or `maxSize` wait.
//
// A timer drives the stream while the thread is free. A thread that can be
// kept busy for long (Python in Pyodide, where timers do not fire while a
// loop runs) also passes `now`, so the age is checked on each add as well.

export interface BatchTimers {
  setTimeout(run: () => void, ms: number): unknown;
}

export interface BatcherOptions<T> {
  readonly maxAgeMs: number;
  readonly maxItems?: number;
  /** Send at once when the waiting items reach this size (by `sizeOf`): a task's work stays short. */
  readonly maxSize?: number;
  /** What an item counts for in `pendingSize` and in `send`'s size (default 0). */
  readonly sizeOf?: (item: T) => number;
  readonly timers?: BatchTimers;
  /** A clock, for threads whose timers may not fire while they work. */
  readonly now?: () => number;
}

export class Batcher<T> {
  private items: T[] = [];
  private size = 0;
  private lastSent = -Infinity;
  private ticking = false;
  private readonly maxItems: number;
  private readonly maxSize: number;
  private readonly sizeOf: (item: T) => number;
  private readonly timers: BatchTimers;

  constructor(
    private readonly send: (items: T[], size: number) => void,
    private readonly options: BatcherOptions<T>,
  ) {
    this.maxItems = options.maxItems ?? Infinity;
    this.maxSize = options.maxSize ?? Infinity;
    this.sizeOf = options.sizeOf ?? (() => 0);
    this.timers = options.timers ?? globalThis;
  }

  /** Total size of the items not yet sent. */
  get pendingSize(): number {
    return this.size;
  }

  add(item: T): void {
    this.items.push(item);
    this.size += this.sizeOf(item);
    if (!this.ticking) {
      this.ticking = true;
      this.flush();
      this.timers.setTimeout(this.tick, this.options.maxAgeMs);
      return;
    }
    const now = this.options.now;
    if (this.items.length >= this.maxItems || this.size >= this.maxSize || (now !== undefined && now() - this.lastSent >= this.options.maxAgeMs)) this.flush();
  }

  /** Send what waits now. */
  flush(): void {
    if (this.items.length === 0) return;
    const items = this.items;
    const size = this.size;
    this.items = [];
    this.size = 0;
    this.lastSent = this.options.now?.() ?? 0;
    this.send(items, size);
  }

  /** Forget what waits, unsent. */
  clear(): void {
    this.items = [];
    this.size = 0;
  }

  // Keep going while items come; stop once a tick finds nothing.
  private readonly tick = (): void => {
    if (this.items.length === 0) {
      this.ticking = false;
      return;
    }
    this.flush();
    this.timers.setTimeout(this.tick, this.options.maxAgeMs);
  };
}
