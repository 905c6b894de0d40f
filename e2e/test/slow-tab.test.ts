// Issue 14 "the tab bounds itself": a tab whose main thread stops (paused in
// the debugger, as a tab busy in a long task would be) while a real hero
// floods it. The socket worker must stop reading once the page has not taken
// MAX_UNREAD_BYTES (the relay sees the tab go), the page must then receive no
// more than that backlog, and once the page runs again it reconnects and the
// hero's replay shows exactly the hero's state.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellsColored, component, eventually, fixturesDir, gridSnapshot, runPython, statusPart, useLocalSuite } from '../src/index.js';

const suite = useLocalSuite();
/** The socket worker's bound (ui/src/transport/socketWorkerCore.ts MAX_UNREAD_BYTES). */
const MAX_UNREAD_BYTES = 8 * 1024 * 1024;

/** Counts what the socket worker hands the page (installed before the page's own scripts run). */
function countFrames(): void {
  const counts = { bytes: 0, closes: [] as { code: number; atBytes: number }[] };
  (window as unknown as { skFrames: typeof counts }).skFrames = counts;
  const Base = window.Worker;
  window.Worker = class extends Base {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      this.addEventListener('message', (event: MessageEvent) => {
        const data = event.data as { kind?: string; bytes?: number; code?: number };
        if (data.kind === 'incoming') counts.bytes += data.bytes ?? 0;
        if (data.kind === 'close') counts.closes.push({ code: data.code ?? 0, atBytes: counts.bytes });
      });
    }
  };
}

type Counts = { bytes: number; closes: { code: number; atBytes: number }[] };

describe('a tab that cannot keep up', () => {
  it('stops reading, holds a bounded backlog, then reconnects and shows the hero state again', async () => {
    const session = `slow-tab-${process.pid}`;
    const page = await suite.stage.open(suite.browser, 'about:blank');
    await page.addInitScript(countFrames);
    await page.goto(`${suite.server.url}/session/${session}`);
    await eventually('the panel to connect', () => statusPart(page, 'connection').textContent(), (t) => t === 'Connected');

    const hero = suite.stage.track(
      runPython('flood hero', [join(fixturesDir, 'flood_hero.py')], { SIDEKICK_URL: `ws://127.0.0.1:${suite.server.port}/?session=${session}` }),
    );
    await hero.waitForOutput(/^ready$/m, 60_000);
    await eventually('the hero label', () => component(page, 'label-1').textContent(), (t) => t === 'waiting');
    const before = await page.evaluate(() => (window as unknown as { skFrames: Counts }).skFrames.bytes);

    // Stop the page's main thread: it pauses at the next script it runs (the next batch from the worker).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Debugger.enable');
    await cdp.send('Debugger.pause');
    const serverLogBefore = suite.server.process.output.length;
    hero.child.stdin?.write('go\n');
    // The worker stops reading: the relay sees this tab leave with the worker's close code.
    const left = new RegExp(`disconnected from session ${session} \\(code 4000\\)`);
    await eventually('the tab to stop reading', async () => suite.server.process.output.slice(serverLogBefore), (log) => left.test(log), 120_000);
    hero.child.stdin?.write('stop\n');
    await hero.waitForOutput(/^final after \d+ rounds$/m, 60_000);
    await cdp.send('Debugger.resume');
    await cdp.send('Debugger.disable');

    // Back: the hero's final state, rebuilt by its replay, and nothing else.
    await eventually('the final label', () => component(page, 'label-1').textContent(), (t) => t === 'final state', 60_000);
    await eventually('the hero online again', () => statusPart(page, 'hero').textContent(), (t) => t === 'Hero online');
    const checkerboard: [number, number][] = [];
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) if ((x + y) % 2 === 0) checkerboard.push([x, y]);
    await eventually(
      'the final grid',
      () => gridSnapshot(page, 'grid-1'),
      (shot) => JSON.stringify(cellsColored(shot, '#2e7d32')) === JSON.stringify(checkerboard),
    );
    expect(await statusPart(page, 'connection').textContent()).toBe('Connected');
    expect(await page.locator('.sk-failed, [data-sk-notes]').count()).toBe(0);
    expect(await page.locator('[data-sk-id]').count()).toBe(3); // root, label, grid

    // While it was stopped, the page was handed at most the worker's bound (plus the batch that crossed it).
    const counts = await page.evaluate(() => (window as unknown as { skFrames: Counts }).skFrames);
    const fellBehind = counts.closes.find((close) => close.code === 4000);
    expect(fellBehind, JSON.stringify(counts.closes)).toBeDefined();
    const backlog = fellBehind!.atBytes - before;
    expect(backlog).toBeGreaterThan(0);
    expect(backlog).toBeLessThanOrEqual(MAX_UNREAD_BYTES);
  }, 300_000);
});
