// Real parts for browser tests and the UI benchmark: the local Sidekick
// server (its CLI, serving the built UI), Debian's Chromium, and a scripted
// hero speaking the protocol over a `ws` socket.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { launchChromium, repoRoot, type ServeProcess, startSidekickServe } from '@sidekick/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import { uiBuildProblem } from '../../../scripts/ui-build.mjs';

// The server and Chromium come from the shared test plumbing.
export { launchChromium, repoRoot, startSidekickServe as startServer };
export type RunningServer = ServeProcess;

/** Per browser test: a busy machine (2 cores shared by parallel runs) can take longer than vitest's 5 s default to open a page. Never a measure of speed. */
export const BROWSER_TEST_TIMEOUT_MS = 60_000;

/**
 * The server and a production UI build must be there (`npm test` builds both
 * first). Never built from here: a build started under vitest would inherit
 * NODE_ENV=test, and several test files would build at once.
 */
export function ensureBuilt(): void {
  if (!existsSync(join(repoRoot, 'server', 'dist', 'src', 'cli.js'))) {
    throw new Error('the server is not built: run `npm run build` at the repository root');
  }
  const problem = uiBuildProblem();
  if (problem) throw new Error(problem);
}

/** What a browser test file shares: one `sidekick serve` serving the built UI, and one Chromium. */
export interface BrowserParts {
  server: RunningServer;
  browser: Browser;
}

/** Starts the parts before the file's tests and stops them after (registers beforeAll/afterAll). */
export function useServerAndBrowser(): BrowserParts {
  const parts = {} as BrowserParts;
  beforeAll(async () => {
    ensureBuilt();
    parts.server = await startSidekickServe();
    parts.browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await parts.browser?.close();
    await parts.server?.stop();
  });
  return parts;
}

export type PanelSession = { hero: ScriptedHero; page: Page; session: string };

/**
 * Opens a hero in a fresh session and the panel page for it, both online
 * (`keep` adds heroes made another way); the heroes are closed after the file's tests.
 */
export function panelSessions(parts: BrowserParts, prefix: string) {
  const heroes: ScriptedHero[] = [];
  let count = 0;
  afterAll(async () => {
    await Promise.all(heroes.map((h) => h.close()));
  });
  const keep = (hero: ScriptedHero) => heroes.push(hero);
  const open = async (deviceScaleFactor = 1): Promise<PanelSession> => {
    const session = `${prefix}-${process.pid}-${++count}`;
    const hero = await ScriptedHero.connect(parts.server.url, session);
    keep(hero);
    const page = await parts.browser.newPage({ deviceScaleFactor });
    page.on('pageerror', (error) => console.error('[page error]', error));
    await page.goto(`${parts.server.url}/session/${session}`);
    await hero.sidekickOnline();
    await page.getByText('Hero online').waitFor();
    hero.send(msg.clearAll());
    return { hero, page, session };
  };
  return { open, keep };
}

export const isEvent = (src: string) => (m: Message) => m.type === 'event' && m.src === src;
export const isError = (src: string) => (m: Message) => m.type === 'error' && m.src === src;

export type Message = Record<string, unknown> & { type?: string; component?: string; src?: string; payload?: Record<string, unknown> };

/** A scripted hero: announces itself, records what it receives, lets a test wait for messages. */
export class ScriptedHero {
  readonly received: Message[] = [];
  private waiters: { test: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  readonly peerId = `hero-test-${Math.random().toString(16).slice(2)}`;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as Message;
      this.received.push(message);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(message)) return true;
        w.resolve(message);
        return false;
      });
    });
  }

  /** Connect to `serverUrl` (session `session`, or the default session when null) and announce. */
  static async connect(serverUrl: string, session: string | null): Promise<ScriptedHero> {
    const wsUrl = `${serverUrl.replace(/^http/, 'ws')}/${session === null ? '' : `?session=${session}`}`;
    const socket = new WebSocket(wsUrl);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const hero = new ScriptedHero(socket);
    hero.announce('online');
    return hero;
  }

  announce(status: 'online' | 'offline'): void {
    this.send({ id: 0, component: 'system', type: 'announce', payload: { peerId: this.peerId, role: 'hero', status, version: 'test', timestamp: Date.now() } });
  }

  send(message: object): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Send many messages as fast as the socket takes them. */
  sendAll(messages: readonly object[]): void {
    for (const message of messages) this.socket.send(JSON.stringify(message));
  }

  /** The first message (already received or future) matching `test`. */
  waitFor(test: (m: Message) => boolean, what: string, timeoutMs = 10_000): Promise<Message> {
    const seen = this.received.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`hero: no ${what} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        test,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  /** Wait for the next message matching `test` that arrives after this call. */
  next(test: (m: Message) => boolean, what: string, timeoutMs = 10_000): Promise<Message> {
    const start = this.received.length;
    return this.waitFor((m) => this.received.indexOf(m) >= start && test(m), what, timeoutMs);
  }

  sidekickOnline(): Promise<Message> {
    return this.waitFor((m) => m.type === 'announce' && m.payload?.role === 'sidekick' && m.payload?.status === 'online', 'sidekick online announce');
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.readyState === WebSocket.CLOSED) return resolve();
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

export const msg = {
  spawn: (component: string, target: string, payload: Record<string, unknown> = {}) => ({ id: 0, component, type: 'spawn', target, payload }),
  update: (component: string, target: string, action: string, options: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
    id: 0,
    component,
    type: 'update',
    target,
    payload: { action, options, ...extra },
  }),
  remove: (component: string, target: string) => ({ id: 0, component, type: 'remove', target }),
  clearAll: () => ({ id: 0, component: 'global', type: 'clearAll' }),
};

export interface PanelPageOptions {
  viewport?: { width: number; height: number };
  deviceScaleFactor?: number;
  colorScheme?: 'light' | 'dark';
  /** Query string for the panel page, e.g. '?theme=dark'. */
  query?: string;
}

/** A scripted hero in a fresh session and the panel page for it, both online and cleared. */
export async function openPanelSession(browser: Browser, serverUrl: string, session: string, options: PanelPageOptions = {}) {
  const hero = await ScriptedHero.connect(serverUrl, session);
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 720 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error));
  await page.goto(`${serverUrl}/session/${session}${options.query ?? ''}`);
  await hero.sidekickOnline();
  await page.getByText('Hero online').waitFor();
  hero.send(msg.clearAll());
  const close = async () => {
    await context.close();
    await hero.close();
  };
  return { hero, page, close };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Run axe-core (every rule it runs by default) in the page; one readable line per violating node. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) does not refuse it.
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(n.target)}: ${n.failureSummary ?? ''}`));
}
