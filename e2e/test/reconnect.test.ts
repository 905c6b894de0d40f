// Issue 16: programs and panels survive a relay restart. The relay (sidekick
// serve, or workerd under wrangler dev) is killed under a running program and
// started again on the same port: the program keeps running, the open tab shows
// its state again with nothing doubled, and a click reaches its callback. A relay
// that stays down past the reconnect window ends the program with the clear error.
// With no UI, a program updating a label flat out keeps its memory flat.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  component,
  consoleText,
  eventually,
  fixturesDir,
  freePort,
  launchBrowser,
  type ManagedProcess,
  runLocalHero,
  runPython,
  Stage,
  startCloudRelay,
  startServer,
  statusPart,
} from '../src/index.js';

let browser: Browser;
const stage = new Stage();
const stateDirs: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterEach(async (context) => {
  await stage.cleanup(context.task.result?.state === 'fail' ? context.task.name : undefined);
  for (const dir of stateDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

afterAll(async () => {
  await browser?.close();
});

const FIVE_LINES = 'line 0\nline 1\nline 2\nline 3\nline 4\n';
const hero = join(fixturesDir, 'reconnect_hero.py');

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  stateDirs.push(dir);
  return dir;
}

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Open the page the program printed; wait until it shows the program. */
async function openProgram(program: ManagedProcess): Promise<Page> {
  const [, url] = await program.waitForOutput(/Open (http:\/\/127\.0\.0\.1:\d+\/session\/[A-Za-z0-9_-]+)/);
  const page = await stage.open(browser, url ?? '');
  await eventually('the hero to be online', () => statusPart(page, 'hero').textContent(), (t) => t === 'Hero online');
  return page;
}

/** The whole state of reconnect_hero.py as the tab shows it, and one click that must reach it. */
async function showsStateAndCounts(page: Page, program: ManagedProcess, clicks: number): Promise<void> {
  await eventually('the tab to be back', () => statusPart(page, 'connection').textContent(), (t) => t === 'Connected');
  await eventually('the hero to be online', () => statusPart(page, 'hero').textContent(), (t) => t === 'Hero online');
  await eventually('the label', () => component(page, 'label-1').textContent(), (t) => t === `clicks: ${clicks - 1}`);
  // Exactly the program's console: a replay after a reconnect doubles nothing.
  expect(await consoleText(page, 'console-1')).toBe(FIVE_LINES);
  await eventually('input to be back', () => component(page, 'button-1').isEnabled(), (enabled) => enabled);
  await component(page, 'button-1').click();
  await program.waitForOutput(new RegExp(`clicked ${clicks}`));
  await eventually('the label', () => component(page, 'label-1').textContent(), (t) => t === `clicks: ${clicks}`);
  expect(await consoleText(page, 'console-1')).toBe(FIVE_LINES);
}

describe('the relay restarts under a running program', () => {
  it('sidekick serve is killed and started again on its port 2 s later: same state in the open tab, clicks still arrive', async () => {
    const port = await freePort();
    const first = stage.track((await startServer(port)).process);
    const program = stage.track(runLocalHero('reconnect hero', hero, port, { SIDEKICK_UI_TIMEOUT: '0' }));
    const page = await openProgram(program);
    await showsStateAndCounts(page, program, 1);

    first.child.kill('SIGKILL'); // no goodbye: as a crash or a closed laptop lid
    await program.waitForOutput(/lost the connection to the relay.*keeps running/);
    await eventually('the tab to notice', () => statusPart(page, 'connection').textContent(), (t) => t !== 'Connected');
    // The tab keeps the last state and takes no input that would be lost.
    expect(await statusPart(page, 'input').textContent()).toBe('input paused until the program is back');
    expect(await component(page, 'button-1').isDisabled()).toBe(true);
    expect(await consoleText(page, 'console-1')).toBe(FIVE_LINES);
    await sleep(2_000);
    stage.track((await startServer(port)).process);

    await program.waitForOutput(/reconnected to ws:\/\/127\.0\.0\.1/);
    await showsStateAndCounts(page, program, 2);
    expect(program.running).toBe(true);
  });

  it('the cloud relay (workerd under wrangler dev) restarts: same state in the open tab, clicks still arrive', async () => {
    const port = await freePort();
    const state = tempDir('sidekick-e2e-wrangler-');
    const relay = await startCloudRelay({ port, state });
    stage.track(relay.process);
    const program = stage.track(
      runPython('reconnect hero (cloud)', [hero], {
        SIDEKICK_URL: '',
        SIDEKICK_LOCAL_URL: `ws://127.0.0.1:${await freePort()}`, // nothing there: the cloud relay it is
        SIDEKICK_CLOUD_URL: relay.wsUrl,
        SIDEKICK_CLOUD_UI_URL: relay.httpUrl,
        SIDEKICK_STATE_DIR: tempDir('sidekick-e2e-state-'),
        SIDEKICK_UI_TIMEOUT: '0',
      }),
    );
    const page = await openProgram(program);
    await showsStateAndCounts(page, program, 1);

    await relay.process.stop(); // wrangler dev and its workerd, as a redeploy drops every socket
    await program.waitForOutput(/lost the connection to the relay/);
    stage.track((await startCloudRelay({ port, state })).process);

    await program.waitForOutput(/reconnected to ws:\/\/127\.0\.0\.1/, 60_000);
    await showsStateAndCounts(page, program, 2);
    expect(program.running).toBe(true);
  });

  it('the relay stays down past SIDEKICK_RECONNECT_TIMEOUT: the program ends with the clear error', async () => {
    const port = await freePort();
    const server = stage.track((await startServer(port)).process);
    const program = stage.track(
      runLocalHero('reconnect hero', hero, port, { SIDEKICK_UI_TIMEOUT: '0', SIDEKICK_RECONNECT_TIMEOUT: '3' }),
    );
    await openProgram(program);
    server.child.kill('SIGKILL');
    const exit = await program.waitForExit(30_000);
    expect(exit.code).not.toBe(0);
    expect(program.output).toMatch(/lost the connection to the relay .*reconnects for up to 3 s/);
    expect(program.output).toMatch(/SidekickDisconnectedError: The connection to ws:\/\/127\.0\.0\.1:\d+\/\?session=\S+ was lost/);
    expect(program.output).toContain('Check that the Sidekick server is still running');
  });
});

describe('no UI connected', () => {
  it('a label updated flat out for 20 s keeps memory flat, and the UI that then opens shows the last value', async () => {
    const port = await freePort();
    stage.track((await startServer(port)).process);
    const program = stage.track(
      runLocalHero('no-UI hero', join(fixturesDir, 'no_ui_hero.py'), port, { SIDEKICK_UI_TIMEOUT: '0' }),
    );
    // The hero prints its figures after 20 s of updates.
    const [, updates, growth] = await program.waitForOutput(/updates=(\d+) rss_growth_mb=([\d.]+)/, 60_000);
    console.log(`[reconnect] ${updates} label updates with no UI: peak RSS grew ${growth} MB`);
    expect(Number(updates)).toBeGreaterThan(100_000);
    expect(Number(growth)).toBeLessThan(50);
    const page = await openProgram(program);
    await eventually('the last value', () => component(page, 'label-1').textContent(), (t) => t === `final after ${updates} updates`);
  });
});
