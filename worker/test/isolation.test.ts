// 500 sessions x 2 peers open at once: every frame reaches exactly the other
// peer of its own session, and nothing crosses between sessions.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Client, announce } from './harness/client.js';
import { type WorkerHost, startWorker } from './harness/worker-host.js';

const SESSIONS = 500;
const MESSAGES = 5;
/** Connections opened at a time (the client side, not a limit of the worker). */
const BATCH = 50;

let host: WorkerHost;

beforeAll(async () => {
  host = await startWorker();
});

afterAll(async () => {
  await host?.close();
});

interface Pair {
  id: string;
  hero: Client;
  ui: Client;
}

async function inBatches<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += BATCH) {
    results.push(...(await Promise.all(items.slice(i, i + BATCH).map(run))));
  }
  return results;
}

const frame = (session: string, from: string, n: number): string =>
  JSON.stringify({ id: 0, component: 'label', type: 'update', target: `${session}/${from}/${n}` });

/** Reads frames until `last` and returns everything read, `last` included. */
async function readUntil(client: Client, last: string): Promise<string[]> {
  const seen: string[] = [];
  for (;;) {
    const text = await client.next(20_000);
    seen.push(text);
    if (text === last) return seen;
  }
}

it(`keeps ${SESSIONS} concurrent sessions apart`, { timeout: 120_000 }, async () => {
  const ids = Array.from({ length: SESSIONS }, (_, i) => `iso-${i}-${Math.random().toString(36).slice(2)}`);
  const pairs = await inBatches(ids, async (id): Promise<Pair> => {
    const hero = await Client.open(host.wsUrl(id));
    hero.send(announce(`hero-${id}`, 'hero'));
    const ui = await Client.open(host.wsUrl(id));
    ui.send(announce(`ui-${id}`, 'sidekick'));
    return { id, hero, ui };
  });

  // Everyone sends at once; each side then reads up to its partner's last frame.
  for (const { id, hero, ui } of pairs) {
    for (let n = 0; n < MESSAGES; n++) {
      hero.send(frame(id, 'hero', n));
      ui.send(frame(id, 'ui', n));
    }
  }
  const received = await Promise.all(
    pairs.map(async ({ id, hero, ui }) => ({
      id,
      byUi: await readUntil(ui, frame(id, 'hero', MESSAGES - 1)),
      byHero: await readUntil(hero, frame(id, 'ui', MESSAGES - 1)),
    })),
  );

  for (const { id, byUi, byHero } of received) {
    const heroFrames = Array.from({ length: MESSAGES }, (_, n) => frame(id, 'hero', n));
    const uiFrames = Array.from({ length: MESSAGES }, (_, n) => frame(id, 'ui', n));
    // The UI joined second: it hears the hero's online announce (as the
    // peer list, or forwarded if the hero's announce was still in flight).
    expect(byUi.map((t) => JSON.parse(t) as { payload?: { peerId?: string } })[0]?.payload?.peerId).toBe(`hero-${id}`);
    expect(byUi.slice(1)).toEqual(heroFrames);
    expect(JSON.parse(byHero[0]!)).toMatchObject({ payload: { peerId: `ui-${id}`, status: 'online' } });
    expect(byHero.slice(1)).toEqual(uiFrames);
  }

  await inBatches(pairs, async ({ hero, ui }) => {
    await hero.close();
    await ui.close();
  });
  // Anything that crossed sessions would have arrived by now, after the closes.
  for (const { hero, ui, id } of pairs) {
    expect(hero.pending()).toEqual([]);
    expect(ui.pending().map((t) => JSON.parse(t) as { payload?: { peerId?: string } })).toEqual([
      expect.objectContaining({ payload: expect.objectContaining({ peerId: `hero-${id}`, status: 'offline' }) as unknown }),
    ]);
  }
});
