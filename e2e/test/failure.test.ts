// Clear failure, end to end: when the server dies under a running example,
// the script says what happened and exits, and the open tab says it lost the
// connection; when nobody opens the UI, the script gives up with advice.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, launchBrowser, runExample, Stage, startServer, statusPart } from '../src/index.js';

let browser: Browser;
const stage = new Stage();

beforeAll(async () => {
  browser = await launchBrowser();
});

afterEach(async (context) => {
  await stage.cleanup(context.task.result?.state === 'fail' ? context.task.name : undefined);
});

afterAll(async () => {
  await browser?.close();
});

describe('failures a user can understand', () => {
  it('the server is killed while game_of_life runs and stays down: the script exits with a clear message, the tab shows it', async () => {
    const server = await startServer();
    stage.track(server.process);
    const page = await stage.open(browser, `${server.url}/`);
    await eventually('the panel to connect', () => statusPart(page, 'connection').textContent(), (t) => t === 'Connected');
    // Past a short reconnect window (the default is a minute; reconnect.test.ts has the rest).
    const script = stage.track(runExample('game_of_life', { port: server.port, env: { SIDEKICK_RECONNECT_TIMEOUT: '2' } }));
    await eventually('the hero to be online', () => statusPart(page, 'hero').textContent(), (t) => t === 'Hero online');

    // Kill, not Ctrl+C: no goodbye from the server.
    server.process.child.kill('SIGKILL');
    const exit = await script.waitForExit(30_000);
    expect(exit.code).not.toBe(0);
    // The program's own session (docs/server.md, Sessions) is part of the address.
    expect(script.output).toMatch(/SidekickDisconnectedError: The connection to ws:\/\/127\.0\.0\.1:\d+\/\?session=[A-Za-z0-9_-]{22,} was lost/);
    expect(script.output).toContain('Check that the Sidekick server is still running');
    await eventually('the tab to notice', () => statusPart(page, 'connection').textContent(), (t) => t !== 'Connected');
  });

  it('nobody opens the UI: the script stops waiting after SIDEKICK_UI_TIMEOUT and says where to look', async () => {
    const server = await startServer();
    stage.track(server.process);
    const script = stage.track(runExample('guess_number', { port: server.port, env: { SIDEKICK_UI_TIMEOUT: '2' } }));
    const exit = await script.waitForExit(30_000);
    expect(exit.code).not.toBe(0);
    expect(script.output).toContain('No Sidekick UI connected within 2 s');
    expect(script.output).toContain(`Open http://127.0.0.1:${server.port}`);
  });
});
