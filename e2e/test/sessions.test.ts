// Each program gets its own session (issue #14): two programs run at once
// against one real `sidekick serve`, started as `python alpha.py` and
// `python beta.py` would be (no SIDEKICK_URL), and watched in real Chromium.
// Both programs name their components label-1 and button-1, so a panel that
// showed the other program's components, or a click that reached both, would
// show. The page at / waits for a program and goes to it; a second tab at /
// lists both; rerunning a script lands in the tab already open, and running
// the next script lands there too once the first has ended; the same script
// started twice at once gets a second session.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { component, eventually, fixturesDir, type ManagedProcess, runLocalHero, statusPart, useLocalSuite } from '../src/index.js';

const suite = useLocalSuite();
const ALPHA = `${fixturesDir}/sessions/alpha.py`;
const BETA = `${fixturesDir}/sessions/beta.py`;

interface Listing {
  sessions: { id: string; heroes: number; sidekicks: number }[];
}

function start(script: string, name: string): ManagedProcess {
  return suite.stage.track(runLocalHero(name, script, suite.server.port));
}

async function sessionOf(page: Page): Promise<string> {
  await page.waitForURL(/\/session\/[A-Za-z0-9_-]+$/);
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
}

async function labelIs(page: Page, text: string): Promise<void> {
  await eventually(`the label to read "${text}"`, () => component(page, 'label-1').textContent(), (t) => t === text);
}

/** The panel shows exactly this program's two components. */
async function showsOnly(page: Page, name: string, clicks: number): Promise<void> {
  await labelIs(page, `${name}: ${clicks} clicks`);
  expect(await component(page, 'button-1').textContent()).toBe(`click ${name}`);
  expect(await page.locator('[data-sk-id]').count()).toBe(3); // root, label-1, button-1
}

async function listing(): Promise<Listing> {
  return (await (await fetch(`${suite.server.url}/api/sessions`)).json()) as Listing;
}

describe('one server, two programs', () => {
  it('gives each program its own panel and its own clicks; a rerun lands in the open tab', async () => {
    // The page at / waits while nothing runs, then goes to the one program.
    const first = await suite.stage.open(suite.browser, `${suite.server.url}/`);
    await eventually('the panel at / to connect', () => statusPart(first, 'connection').textContent(), (t) => t === 'Connected');
    const alpha = start(ALPHA, 'alpha');
    const alphaSession = await sessionOf(first);
    await showsOnly(first, 'alpha', 0);

    // With two programs running, a new tab at / lists both; pick the other one.
    const beta = start(BETA, 'beta');
    await eventually('beta online in its own session', listing, (l) => l.sessions.filter((s) => s.heroes > 0).length === 2);
    const second = await suite.stage.open(suite.browser, `${suite.server.url}/`);
    const links = second.locator('a[data-sk-session]');
    await eventually('the list of programs', () => links.count(), (n) => n === 2);
    const ids = await links.evaluateAll((as) => as.map((a) => a.getAttribute('data-sk-session')));
    expect(ids).toContain(alphaSession);
    const betaSession = ids.find((id) => id !== alphaSession)!;
    await second.locator(`a[data-sk-session="${betaSession}"]`).click();
    expect(await sessionOf(second)).toBe(betaSession);
    await showsOnly(second, 'beta', 0);
    await showsOnly(first, 'alpha', 0);

    // A click reaches only the program whose panel it was made in.
    await component(first, 'button-1').click();
    await alpha.waitForOutput(/alpha got click 1/);
    await showsOnly(first, 'alpha', 1);
    await component(second, 'button-1').click();
    await beta.waitForOutput(/beta got click 1/);
    await showsOnly(second, 'beta', 1);
    // Had beta's click reached alpha too, it would have arrived before this one.
    await component(first, 'button-1').click();
    await alpha.waitForOutput(/alpha got click 2/);
    await showsOnly(first, 'alpha', 2);
    expect(alpha.output).not.toMatch(/click 3|beta/);
    expect(beta.output).not.toMatch(/click 2|alpha/);
    await showsOnly(second, 'beta', 1);

    // Edit and rerun: the same script joins its session again, shown in the tab already open.
    await alpha.stop();
    await eventually('alpha offline', () => statusPart(first, 'hero').textContent(), (t) => t === 'Hero offline');
    start(ALPHA, 'alpha again');
    await showsOnly(first, 'alpha', 0);
    await eventually('alpha online again', () => statusPart(first, 'hero').textContent(), (t) => t === 'Hero online');
    expect(await sessionOf(first)).toBe(alphaSession);
    await showsOnly(second, 'beta', 1);
  });

  it('gives the same script started twice at once a second session, and prints where to see it', async () => {
    const page = await suite.stage.open(suite.browser, `${suite.server.url}/`);
    start(ALPHA, 'alpha');
    const session = await sessionOf(page);
    await showsOnly(page, 'alpha', 0);
    const twin = start(ALPHA, 'alpha twin');
    const [, url, twinSession] = await twin.waitForOutput(/Open (http:\/\/127\.0\.0\.1:\d+\/session\/([A-Za-z0-9_-]+)) in a browser/);
    expect(twinSession).not.toBe(session);
    expect(url).toBe(`${suite.server.url}/session/${twinSession}`);
    const live = (await listing()).sessions.filter((s) => s.heroes > 0).map((s) => s.id);
    expect(live.sort()).toEqual([session, twinSession].sort());
    // The open tab still shows the first run only, and the twin's page shows the twin.
    await component(page, 'button-1').click();
    await eventually('the first run to count the click', () => component(page, 'label-1').textContent(), (t) => t === 'alpha: 1 clicks');
    const other = await suite.stage.open(suite.browser, url!);
    await showsOnly(other, 'alpha', 0);
    expect(twin.output).not.toMatch(/got click/);
  });

  it('moves a tab whose program has ended to the next program, which waits for a UI', async () => {
    const page = await suite.stage.open(suite.browser, `${suite.server.url}/`);
    const alpha = start(ALPHA, 'alpha');
    const alphaSession = await sessionOf(page);
    await showsOnly(page, 'alpha', 0);
    await alpha.stop();
    await eventually('alpha offline', () => statusPart(page, 'hero').textContent(), (t) => t === 'Hero offline');
    start(BETA, 'beta');
    await page.waitForURL((url) => !url.pathname.endsWith(alphaSession));
    await showsOnly(page, 'beta', 0);
    await component(page, 'button-1').click();
    await showsOnly(page, 'beta', 1);
  });
});
