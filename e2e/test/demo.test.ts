// `npm run demo` (scripts/demo.mjs) as a newcomer meets it: it bootstraps,
// starts the server, prints the UI address, and the game of life shows up in
// the browser; Ctrl+C (SIGINT to its process group, as a terminal sends it)
// stops everything. The port comes from SIDEKICK_DEMO_PORT, never 5163.
import { portAnswers } from '@sidekick/testing';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cellsColored,
  component,
  eventually,
  freePort,
  gridSnapshot,
  launchBrowser,
  ManagedProcess,
  openPanel,
  repoRoot,
  statusPart,
} from '../src/index.js';

let browser: Browser;
let demo: ManagedProcess | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await demo?.stop();
  await browser?.close();
});

describe('npm run demo', () => {
  it('shows the game of life in the browser, and Ctrl+C stops everything', { timeout: 240_000 }, async () => {
    const port = await freePort();
    demo = new ManagedProcess('npm run demo', process.execPath, [join(repoRoot, 'scripts', 'demo.mjs')], {
      cwd: repoRoot,
      env: { SIDEKICK_DEMO_PORT: String(port), DISPLAY: '', WAYLAND_DISPLAY: '' },
    });
    // The bootstrap may build first; the address comes after that.
    const [, url] = await demo.waitForOutput(/Sidekick UI: (http:\/\/127\.0\.0\.1:\d+\/)/, 180_000);
    expect(url).toBe(`http://127.0.0.1:${port}/`);

    const page = await openPanel(browser, url!);
    await eventually('the hero to be online', () => statusPart(page, 'hero').textContent(), (t) => t === 'Hero online');
    await eventually('the game to run', () => component(page, 'label-1').textContent(), (t) => /^Generation ([3-9]|\d\d+) \(running\)$/.test(t ?? ''));
    const shot = await gridSnapshot(page, 'grid-1');
    expect(cellsColored(shot, '#2e7d32').length).toBeGreaterThanOrEqual(5);
    await page.close();

    demo.interrupt();
    const exit = await demo.waitForExit(30_000);
    expect(exit.code).toBe(0);
    expect(demo.output).toContain('Sidekick demo stopped.');
    expect(await portAnswers(port)).toBe(false);
  });
});
