// Coalesces items sent from the worker to the page. Python can keep the worker
// busy for a long time (a loop that never yields), and timers do not fire then,
// so the decision to send is also taken on each add: the first item after a
// quiet spell goes at once, later ones at most every `maxAgeMs` (or when
// `maxItems` pile up), and a timer sends the rest once the worker is free.
export class Batcher<T> {
  private items: T[] = [];
  private lastSent = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: (items: T[]) => void,
    private readonly maxAgeMs: number,
    private readonly maxItems: number,
  ) {}

  add(item: T): void {
    this.items.push(item);
    if (this.items.length >= this.maxItems || performance.now() - this.lastSent >= this.maxAgeMs) this.flush();
    else if (this.timer === null) this.timer = setTimeout(() => this.flush(), 0);
  }

  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.items.length === 0) return;
    const items = this.items;
    this.items = [];
    this.lastSent = performance.now();
    this.send(items);
  }
}
