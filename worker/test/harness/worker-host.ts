// Starts the real worker in workerd (Miniflare 4) on an ephemeral port, with
// the bindings, migration and assets settings read from wrangler.jsonc, so
// the tests exercise the deployed configuration.
import type { Readable } from 'node:stream';
import type { RelayLimits } from '@sidekick/relay';
import { Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';
import { bundleWorkerModule } from '@sidekick/testing';
import { FIXTURE_ASSETS, WORKER_ENTRY, WRANGLER_CONFIG } from './paths.js';

export interface WorkerHost {
  /** http://127.0.0.1:<port> */
  readonly httpUrl: string;
  /** The relay endpoint of `session` (no encoding: tests pass odd ids on purpose). */
  wsUrl(session: string): string;
  readonly miniflare: Miniflare;
  close(): Promise<void>;
}

export interface WorkerHostOptions {
  /** Worker module to run; defaults to src/index.ts. */
  entry?: string;
  /** Serve wrangler.jsonc's assets directory (ui/dist) instead of the small test fixture. */
  realAssets?: boolean;
  /** Class bound to SESSION, when the entry exports a test subclass. */
  sessionClassName?: string;
  /** The RELAY_LIMITS var (relay limit overrides). */
  limits?: Partial<RelayLimits>;
  /**
   * Drop workerd's own log lines instead of printing them (the fuzz test's
   * broken requests make the runtime log one "Uncaught exception" each).
   */
  quietRuntime?: boolean;
}

export async function startWorker(options: WorkerHostOptions = {}): Promise<WorkerHost> {
  process.env.WRANGLER_SEND_METRICS = 'false';
  const { workerOptions } = unstable_getMiniflareWorkerOptions(
    WRANGLER_CONFIG,
    undefined,
    options.realAssets ? {} : { overrides: { assets: { directory: FIXTURE_ASSETS } } },
  );
  const script = await bundleWorkerModule(options.entry ?? WORKER_ENTRY);
  const durableObjects = options.sessionClassName
    ? { SESSION: { className: options.sessionClassName, useSQLite: true } }
    : workerOptions.durableObjects;
  const miniflare = new Miniflare({
    ...workerOptions,
    name: 'sidekick',
    durableObjects,
    bindings: { ...workerOptions.bindings, ...(options.limits ? { RELAY_LIMITS: options.limits } : {}) },
    modules: [{ type: 'ESModule', path: 'index.mjs', contents: script }],
    host: '127.0.0.1',
    port: 0,
    // Offline: use Miniflare's placeholder Request.cf instead of fetching one.
    cf: false,
    // Keep Durable Object storage in memory: nothing is left on disk.
    durableObjectsPersist: false,
    ...(options.quietRuntime
      ? { handleRuntimeStdio: (stdout: Readable, stderr: Readable) => [stdout, stderr].forEach((s) => s.resume()) }
      : {}),
  });
  const ready = await miniflare.ready;
  const httpUrl = ready.origin;
  const wsOrigin = httpUrl.replace(/^http/, 'ws');
  return {
    httpUrl,
    wsUrl: (session) => `${wsOrigin}/?session=${session}`,
    miniflare,
    close: () => miniflare.dispose(),
  };
}
