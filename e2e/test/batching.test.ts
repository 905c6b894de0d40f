// Issue 17: batch frames are negotiated, never forced. Our Python hero floods
// a grid through `sidekick serve` to the real UI in Chromium while a plain
// `ws` peer that announces itself as a UI without `acceptsBatch` watches the
// same session: that peer receives only single-message frames, all of them,
// and the page shows the same grid. Once it leaves, the hero batches.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { cellColor, component, eventually, fixturesDir, gridSnapshot, hexColor, near, runPython, useLocalSuite } from '../src/index.js';

const suite = useLocalSuite();

interface Watcher {
  readonly frames: string[];
  close(): Promise<void>;
}

/** A UI peer over a plain socket that records every frame; it says acceptsBatch only when asked to. */
async function watcher(url: string, acceptsBatch: boolean): Promise<Watcher> {
  const ws = new WebSocket(url);
  const frames: string[] = [];
  ws.on('message', (data) => frames.push(String(data)));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const payload = { peerId: `watcher-${randomUUID()}`, role: 'sidekick', status: 'online', version: 'e2e', timestamp: Date.now(), ...(acceptsBatch ? { acceptsBatch } : {}) };
  ws.send(JSON.stringify({ id: 0, component: 'system', type: 'announce', payload }));
  return {
    frames,
    close: () =>
      new Promise((resolve) => {
        ws.once('close', resolve);
        ws.send(JSON.stringify({ id: 0, component: 'system', type: 'announce', payload: { ...payload, status: 'offline', timestamp: Date.now() } }));
        ws.close();
      }),
  };
}

const isBatch = (frame: string): boolean => (JSON.parse(frame) as { type?: unknown }).type === 'batch';
/** How many cells were set to `color` in these frames, batched or not. */
const setColors = (frames: string[], color: string): number => frames.reduce((sum, f) => sum + f.split(`"color":"${color}"`).length - 1, 0);

/** The frames from the last clearAll on: what a UI shows. */
function sinceClear(frames: string[]): string[] {
  let last = 0;
  frames.forEach((f, i) => {
    if (f.includes('"type":"clearAll"')) last = i;
  });
  return frames.slice(last);
}

describe('batch frames (issue 17)', () => {
  it('a UI that does not announce acceptsBatch gets only single frames; the page shows the same grid; batches follow once it leaves', async () => {
    const session = `batch-${randomUUID()}`;
    const wsUrl = `ws://127.0.0.1:${suite.server.port}/?session=${session}`;
    const page = await suite.stage.open(suite.browser, `${suite.server.url}/session/${session}`);
    const plain = await watcher(wsUrl, false);
    suite.stage.track(runPython('flood hero', [join(fixturesDir, 'batching', 'flood.py')], { SIDEKICK_URL: wsUrl }));

    const red = hexColor('#e53935');
    await eventually('the last red cell in the page', () => gridSnapshot(page, 'grid-1'), (s) => near(cellColor(s, 59, 49), red) && near(cellColor(s, 0, 0), red));
    // Each UI's arrival sends the state to every UI (after a clearAll), so the
    // plain peer's picture is what came after the last clearAll it received.
    await eventually('the first flood at the plain peer', () => Promise.resolve(sinceClear(plain.frames).some((f) => f.includes('done #e53935'))), Boolean);
    expect(plain.frames.filter(isBatch)).toEqual([]);
    expect(setColors(sinceClear(plain.frames), '#e53935')).toBe(3000);

    await plain.close();
    const spy = await watcher(wsUrl, true); // every UI online now accepts batches
    await eventually('the replay at the batch-taking peer', () => Promise.resolve(spy.frames.some((f) => f.includes('"again"'))), Boolean);
    await component(page, 'button-1').click();
    await eventually('the second flood at the batch-taking peer', () => Promise.resolve(spy.frames.some((f) => f.includes('done #1e88e5'))), Boolean);
    expect(setColors(spy.frames, '#1e88e5')).toBe(3000);
    expect(spy.frames.filter(isBatch).length).toBeGreaterThan(0);
    const blue = hexColor('#1e88e5');
    await eventually('the last blue cell in the page', () => gridSnapshot(page, 'grid-1'), (s) => near(cellColor(s, 59, 49), blue) && near(cellColor(s, 0, 0), blue));
    await spy.close();
  });
});
