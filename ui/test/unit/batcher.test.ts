// The one batching helper (transport/batcher.ts) shared by the socket worker
// and the playground: leading edge, a timer while a stream lasts, and, for a
// thread whose timers may not fire (Pyodide running Python), the age and
// count checked on each add.
import { describe, expect, it } from 'vitest';
import { Batcher } from '../../src/transport/batcher';

function setup(options: { maxItems?: number; withClock?: boolean } = {}) {
  const sent: Array<[string[], number]> = [];
  const timers: Array<() => void> = [];
  let clock = 0;
  const batcher = new Batcher<string>((items, size) => sent.push([items, size]), {
    maxAgeMs: 10,
    maxItems: options.maxItems,
    sizeOf: (item) => item.length,
    timers: { setTimeout: (run) => timers.push(run) },
    now: options.withClock ? () => clock : undefined,
  });
  const fire = () => timers.splice(0).forEach((run) => run());
  return { batcher, sent, fire, advance: (ms: number) => (clock += ms) };
}

describe('Batcher', () => {
  it('sends the first item at once, then the stream on each tick, and stops ticking when quiet', () => {
    const { batcher, sent, fire } = setup();
    batcher.add('a');
    batcher.add('bb');
    batcher.add('c');
    expect(sent).toEqual([[['a'], 1]]);
    expect(batcher.pendingSize).toBe(3);
    fire();
    expect(sent.at(-1)).toEqual([['bb', 'c'], 3]);
    fire(); // nothing came: quiet again
    batcher.add('d');
    expect(sent.at(-1)).toEqual([['d'], 1]);
  });

  it('sends a full batch at once, and an old one on the next add when timers cannot fire', () => {
    const { batcher, sent, advance } = setup({ maxItems: 3, withClock: true });
    batcher.add('a');
    batcher.add('b');
    batcher.add('c');
    batcher.add('d');
    expect(sent.map(([items]) => items)).toEqual([['a'], ['b', 'c', 'd']]);
    batcher.add('e');
    advance(10); // a busy thread: no timer ran
    batcher.add('f');
    expect(sent.at(-1)).toEqual([['e', 'f'], 2]);
  });

  it('sends at once when the waiting items reach maxSize', () => {
    const sent: string[][] = [];
    const batcher = new Batcher<string>((items) => sent.push(items), { maxAgeMs: 10, maxSize: 4, sizeOf: (item) => item.length, timers: { setTimeout: () => 0 } });
    batcher.add('a'); // leading edge
    batcher.add('bb');
    expect(sent).toEqual([['a']]);
    batcher.add('cc'); // 4 waiting: out without the timer
    expect(sent).toEqual([['a'], ['bb', 'cc']]);
  });

  it('drops what waits on clear', () => {
    const { batcher, sent, fire } = setup();
    batcher.add('a');
    batcher.add('b');
    batcher.clear();
    fire();
    expect(sent).toEqual([[['a'], 1]]);
    expect(batcher.pendingSize).toBe(0);
  });
});
