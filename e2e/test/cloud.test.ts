// Cloud mode: the Worker and its Durable Object run in workerd (`wrangler dev`),
// serving the UI too. Python finds the relay through SIDEKICK_CLOUD_URL, picks
// a session, prints `<ui>/session/<id>`; that page shows the script's
// components, and two sessions side by side never see each other.
import { mkdtempSync, rmSync } from 'node:fs';
import { DEFAULT_PORT } from '@sidekick/protocol';
import { portAnswers } from '@sidekick/testing';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  cellColor,
  cellsColored,
  clickGridCell,
  type CloudRelay,
  component,
  consoleText,
  eventually,
  examplePath,
  gridSnapshot,
  hexColor,
  launchBrowser,
  near,
  runPython,
  Stage,
  startCloudRelay,
  statusPart,
  typeInConsole,
} from '../src/index.js';

let relay: CloudRelay;
let browser: Browser;
const stage = new Stage();
const stateDirs: string[] = [];

beforeAll(async () => {
  // The library prefers a local server on 5163 to any cloud relay (python-api.md).
  if (await portAnswers(DEFAULT_PORT)) {
    throw new Error(`Port ${DEFAULT_PORT} is in use: stop the local Sidekick server there, or the scripts would connect to it instead of the cloud relay.`);
  }
  relay = await startCloudRelay();
  browser = await launchBrowser();
}, 120_000);

afterEach(async (context) => {
  await stage.cleanup(context.task.result?.state === 'fail' ? context.task.name : undefined);
  for (const dir of stateDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

afterAll(async () => {
  await browser?.close();
  if (process.env.SIDEKICK_E2E_VERBOSE) console.log(relay?.process.output);
  await relay?.stop();
});

/** Run an example the way a course would: no local server, only the cloud entry configured. */
function runInCloud(example: string) {
  // Each "user" has their own remembered session id.
  const stateDir = mkdtempSync(join(tmpdir(), 'sidekick-e2e-state-'));
  stateDirs.push(stateDir);
  return stage.track(
    runPython(`cloud ${example}`, [examplePath(example)], {
      SIDEKICK_URL: '',
      SIDEKICK_CLOUD_URL: relay.wsUrl,
      SIDEKICK_CLOUD_UI_URL: relay.httpUrl,
      SIDEKICK_STATE_DIR: stateDir,
    }),
  );
}

const UI_LINK = /Open (http:\/\/127\.0\.0\.1:\d+\/session\/([A-Za-z0-9_-]+)) /;

describe('cloud mode through the worker in workerd', () => {
  it('each script prints its session page; each page shows only its own script, and interaction works', async () => {
    const life = runInCloud('game_of_life');
    const guess = runInCloud('guess_number');
    const [, lifeUrl, lifeSession] = await life.waitForOutput(UI_LINK, 30_000);
    const [, guessUrl, guessSession] = await guess.waitForOutput(UI_LINK, 30_000);
    expect(lifeUrl?.startsWith(`${relay.httpUrl}/session/`)).toBe(true);
    expect(lifeSession).not.toBe(guessSession);
    // At least 128 bits of randomness, base64url: 22 characters or more.
    expect(lifeSession!.length).toBeGreaterThanOrEqual(22);

    const lifePage = await stage.open(browser, lifeUrl!);
    const guessPage = await stage.open(browser, guessUrl!);
    for (const page of [lifePage, guessPage]) {
      await eventually('the hero to be online', () => statusPart(page, 'hero').textContent(), (t) => t === 'Hero online');
    }
    expect(await statusPart(lifePage, 'session').textContent()).toContain(lifeSession);

    // Each page shows its own components, and only those.
    await eventually('the game running', () => component(lifePage, 'label-1').textContent(), (t) => /Generation \d+ \(running\)/.test(t ?? ''));
    await eventually('the question', () => consoleText(guessPage, 'console-1'), (t) => t.includes("I'm thinking of a number"));
    expect(await lifePage.locator('.sk-console').count()).toBe(0);
    expect(await guessPage.locator('[data-sk-id="grid-1"]').count()).toBe(0);
    expect(await guessPage.locator('.sk-button').count()).toBe(0);

    // Interaction through the Durable Object, both ways.
    await component(lifePage, 'button-2').click(); // Stop
    await component(lifePage, 'button-3').click(); // Clear
    await eventually('an empty board', () => gridSnapshot(lifePage, 'grid-1'), (s) => cellsColored(s, '#2e7d32').length === 0);
    await clickGridCell(lifePage, 'grid-1', 4, 4);
    await eventually('the clicked cell', () => gridSnapshot(lifePage, 'grid-1'), (s) => near(cellColor(s, 4, 4), hexColor('#2e7d32')));
    await typeInConsole(guessPage, 'console-1', '50');
    await eventually('the answer', () => consoleText(guessPage, 'console-1'), (t) => /> 50\n(50 is too (low|high)\.|Yes, it is 50!)/.test(t));

    // A reloaded cloud page gets its state back from the hero too.
    await lifePage.reload();
    await eventually('the cell after a reload', () => gridSnapshot(lifePage, 'grid-1'), (s) => JSON.stringify(cellsColored(s, '#2e7d32')) === '[[4,4]]');
    // The other session saw none of it.
    expect(await guessPage.locator('[data-sk-id="grid-1"]').count()).toBe(0);
  });

  it('a page for a session with no script stays empty while other sessions are busy', async () => {
    const life = runInCloud('game_of_life');
    const [, lifeUrl] = await life.waitForOutput(UI_LINK, 30_000);
    const lifePage = await stage.open(browser, lifeUrl!);
    await eventually('the hero to be online', () => statusPart(lifePage, 'hero').textContent(), (t) => t === 'Hero online');
    const stranger = await stage.open(browser, `${relay.httpUrl}/session/nobody-runs-anything-here-0123`);
    await eventually('the stranger to connect', () => statusPart(stranger, 'connection').textContent(), (t) => t === 'Connected');
    await eventually('the game running', () => component(lifePage, 'label-1').textContent(), (t) => /Generation ([3-9]|\d\d+) /.test(t ?? ''));
    expect(await statusPart(stranger, 'hero').textContent()).toBe('Hero offline');
    expect(await stranger.locator('[data-sk-id]').count()).toBe(1); // only the empty root column
  });
});
