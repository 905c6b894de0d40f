// The shared framing and content policy (relay/src/response-headers.ts) in a
// real Chromium: a page of another origin cannot frame the UI, and the UI and
// the playground work under the Content-Security-Policy without violations.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { CONTENT_SECURITY_POLICY } from '@sidekick/relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, runExample, statusPart, useLocalSuite } from '../src/index.js';

const suite = useLocalSuite();

/** A page of another origin (another port) that frames whatever `?src=` names. */
let foreign: Server;
let foreignUrl: string;

beforeAll(async () => {
  foreign = createServer((req, res) => {
    const src = new URL(req.url ?? '/', 'http://foreign.invalid').searchParams.get('src') ?? '';
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>foreign</title><iframe id="victim" src="${src.replace(/"/g, '')}" width="800" height="600"></iframe>`);
  });
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise((resolve) => foreign.close(resolve));
});

/** Collects CSP violations the page reports (the event) and the console errors that name the policy. */
async function watchPolicy(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  await page.exposeFunction('reportViolation', (text: string) => problems.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportViolation(text: string): void }).reportViolation(`${event.violatedDirective}: ${event.blockedURI}`);
    });
  });
  return problems;
}

describe('framing and content policy', () => {
  it('a page of another origin cannot frame the UI', async () => {
    const page = await suite.stage.open(suite.browser, 'about:blank');
    const refusals: string[] = [];
    page.on('console', (message) => refusals.push(message.text()));
    await page.goto(`${foreignUrl}?src=${encodeURIComponent(`${suite.server.url}/`)}`);
    const frame = () => page.frames().find((f) => f !== page.mainFrame());
    // Chromium shows its error page in place of a document that refuses to be framed.
    await eventually('the framed UI to be blocked', async () => frame()?.url() ?? '', (url) => url.startsWith('chrome-error://'));
    await eventually('the refusal in the console', async () => refusals.join('\n'), (text) => /frame-ancestors 'self'/.test(text));
    expect(await frame()!.locator('[data-sk-status]').count()).toBe(0);
  });

  it('the UI sends the policy, shows a running program and gets no policy violation', async () => {
    const page = await suite.browser.newPage();
    const problems = await watchPolicy(page);
    const response = await page.goto(`${suite.server.url}/`);
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(response?.headers()['x-frame-options']).toBe('SAMEORIGIN');
    await eventually('the panel to connect', () => statusPart(page, 'connection').textContent(), (t) => t === 'Connected');
    suite.stage.track(runExample('form', { port: suite.server.port }));
    await eventually('the hero to be online', () => statusPart(page, 'hero').textContent(), (t) => t === 'Hero online');
    // Markdown (sanitised HTML in the page) and a round trip through the relay.
    await page.getByPlaceholder('Ada Lovelace').fill('Ada');
    await page.getByPlaceholder('Ada Lovelace').press('Enter');
    await eventually('the greeting', () => page.getByText('Hello, Ada.').count(), (n) => n === 1);
    await page.getByRole('button', { name: 'Send' }).click();
    await eventually('the Markdown reminder', () => page.locator('.sk-markdown strong').last().textContent(), (t) => t === 'both');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the playground loads Pyodide, runs an example and gets no policy violation', { timeout: 150_000 }, async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1700, height: 1000 } });
    const problems = await watchPolicy(page);
    const response = await page.goto(`${suite.server.url}/playground?example=grid_painter&run`);
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    await eventually('the grid painter', () => page.locator('.pg-panel [data-sk-id="grid-1"]').count(), (n) => n === 1, 90_000);
    expect(problems).toEqual([]);
    await page.close();
  });
});
