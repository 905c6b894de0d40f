// Debian's Chromium driven through a minimal DevTools (CDP) client that only
// navigates and evaluates. The UI benchmark measures pages this way rather
// than with Playwright: Playwright enables the DevTools Network domain on
// every page, so Chromium reports each WebSocket frame to it, and that halves
// the frames per second a page can receive (about 20k/s instead of 45k/s on
// a 2-core machine). A learner's browser has no such observer attached.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';

interface CdpReply {
  id?: number;
  result?: Record<string, unknown>;
  error?: { message: string };
}

/** One DevTools connection (the browser's or a page's): numbered calls, matched replies. */
class CdpConnection {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (result: Record<string, unknown>) => void; reject: (error: Error) => void }>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const reply = JSON.parse(String(data)) as CdpReply;
      const waiter = reply.id === undefined ? undefined : this.pending.get(reply.id);
      if (!waiter) return; // an event: nothing here enables any domain, so there are few
      this.pending.delete(reply.id!);
      if (reply.error) waiter.reject(new Error(reply.error.message));
      else waiter.resolve(reply.result ?? {});
    });
    socket.on('close', () => {
      for (const waiter of this.pending.values()) waiter.reject(new Error('DevTools connection closed'));
      this.pending.clear();
    });
  }

  static async open(url: string): Promise<CdpConnection> {
    const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new CdpConnection(socket);
  }

  call(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  close(): void {
    this.socket.close();
  }
}

/** A page: navigate, evaluate a function with one JSON argument, wait for a condition. */
export class BarePage {
  constructor(
    private readonly cdp: CdpConnection,
    private readonly browser: CdpConnection,
    private readonly targetId: string,
  ) {}

  async goto(url: string): Promise<void> {
    await this.cdp.call('Page.navigate', { url });
    await this.waitForFunction(() => document.readyState === 'complete' && location.href !== 'about:blank', undefined);
  }

  /**
   * Ignore the Content-Security-Policy of pages loaded from now on. Only for
   * the baseline receiver, which runs its socket in a blob: worker that the
   * server's policy (worker-src 'self') rightly refuses.
   */
  async bypassCsp(): Promise<void> {
    await this.cdp.call('Page.setBypassCSP', { enabled: true });
  }

  /** Runs `fn(arg)` in the page (its source is sent, so it may use only its argument and page globals). */
  async evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    const expression = `(${fn.toString()})(${arg === undefined ? '' : JSON.stringify(arg)})`;
    const reply = (await this.cdp.call('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as {
      result?: { value?: R };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    };
    if (reply.exceptionDetails) throw new Error(`in the page: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}`);
    return reply.result?.value as R;
  }

  /** Polls `fn(arg)` every `pollMs` until it is truthy. */
  async waitForFunction<A>(fn: (arg: A) => unknown, arg: A, timeoutMs = 60_000, pollMs = 50): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        if (await this.evaluate(fn, arg)) return;
      } catch (error) {
        // A navigation replaces the page's context mid-call; try again.
        if (!/context|navigat/i.test(String(error))) throw error;
      }
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${fn.toString().slice(0, 120)}`);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  async close(): Promise<void> {
    this.cdp.close();
    await this.browser.call('Target.closeTarget', { targetId: this.targetId }).catch(() => undefined);
  }
}

export class BareChromium {
  private constructor(
    private readonly child: ChildProcess,
    private readonly browser: CdpConnection,
    private readonly devtoolsHost: string,
    private readonly profile: string,
  ) {}

  static async launch(args: readonly string[]): Promise<BareChromium> {
    // Chromium refuses remote debugging on its default profile, and a fresh one keeps runs apart.
    const profile = mkdtempSync(join(tmpdir(), 'sidekick-bench-chromium-'));
    const child = spawn(process.env.SIDEKICK_CHROMIUM ?? '/usr/bin/chromium', [...args, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const endpoint = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`chromium exited with ${code}:\n${output}`)));
    });
    const browser = await CdpConnection.open(endpoint);
    return new BareChromium(child, browser, new URL(endpoint).host, profile);
  }

  async newPage(): Promise<BarePage> {
    const { targetId } = (await this.browser.call('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const cdp = await CdpConnection.open(`ws://${this.devtoolsHost}/devtools/page/${targetId}`);
    return new BarePage(cdp, this.browser, targetId);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      // An orderly shutdown first, so Chromium stops writing into its profile.
      this.browser.call('Browser.close').catch(() => this.child.kill('SIGTERM'));
      setTimeout(() => this.child.kill('SIGKILL'), 5000).unref();
    });
    this.browser.close();
    try {
      // Helper processes can outlive the browser process by a moment and still write its cache.
      rmSync(this.profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch (error) {
      // Losing a temporary profile must not lose the figures just measured.
      console.warn(`could not remove the Chromium profile ${this.profile}: ${String(error)}`);
    }
  }
}
