// The cloud relay as a developer runs it locally: `wrangler dev` in worker/
// (the Worker and its Durable Object in workerd, the UI build as assets).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManagedProcess } from './process.js';
import { repoRoot } from './repo.js';

export interface CloudRelay {
  /** http://127.0.0.1:<port>, where the worker serves the UI */
  httpUrl: string;
  /** ws://127.0.0.1:<port>, the relay endpoint (sessions via ?session=) */
  wsUrl: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/** A port that was free a moment ago (wrangler dev needs a number up front). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface CloudRelayOptions {
  /** Listen here (a restart uses the port it had); default: a free port. */
  port?: number;
  /** Keep the Durable Object state in this folder and leave it on stop (a restart reuses it). */
  state?: string;
}

export async function startCloudRelay(options: CloudRelayOptions = {}): Promise<CloudRelay> {
  const port = options.port ?? (await freePort());
  // Its devtools inspector needs a port too; never a fixed one (tests run beside other work).
  const inspectorPort = await freePort();
  // Durable Object state in a throwaway folder, not in the checkout.
  const state = options.state ?? mkdtempSync(join(tmpdir(), 'sidekick-e2e-wrangler-'));
  const wrangler = new ManagedProcess(
    'wrangler dev',
    join(repoRoot, 'node_modules', '.bin', 'wrangler'),
    [
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(inspectorPort),
      '--persist-to',
      state,
      '--show-interactive-dev-session=false',
    ],
    { cwd: join(repoRoot, 'worker'), env: { WRANGLER_SEND_METRICS: 'false', CI: '1' } },
  );
  const stop = async (): Promise<void> => {
    await wrangler.stop();
    if (options.state === undefined) rmSync(state, { recursive: true, force: true });
  };
  try {
    await wrangler.waitForOutput(new RegExp(`Ready on http://127\\.0\\.0\\.1:${port}`), 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { httpUrl: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}`, process: wrangler, stop };
}
