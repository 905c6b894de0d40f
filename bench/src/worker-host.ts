// Starts one Worker in workerd (Miniflare 4) for the worker benchmark, and
// reads that workerd process's CPU time and memory from /proc. Each variant
// gets its own Miniflare, so each workerd process serves one variant only.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkerModule } from '@sidekick/testing';
import { Miniflare, type WorkerOptions } from 'miniflare';

const repo = (relative: string): string => fileURLToPath(new URL(`../../../${relative}`, import.meta.url));

export type Variant = 'ours' | 'hibernating' | 'accepting';

export const VARIANT_NAMES: Record<Variant, string> = {
  ours: 'Sidekick worker (relay core, hibernation API)',
  hibernating: 'minimal forwarding DO, hibernation API, no parsing',
  accepting: 'minimal forwarding DO, accept() + listeners',
};

export interface WorkerdHost {
  readonly variant: Variant;
  /** ws://127.0.0.1:<port>/?session=<id> (plus the variant's own parameters). */
  wsUrl(session: string): string;
  /** The workerd process serving this variant. */
  readonly pid: number;
  close(): Promise<void>;
}

function options(variant: Variant, script: string): WorkerOptions {
  const common = {
    modules: [{ type: 'ESModule' as const, path: 'index.mjs', contents: script }],
    // Same compatibility date as worker/wrangler.jsonc.
    compatibilityDate: '2026-04-20',
  };
  if (variant === 'ours') {
    return { ...common, durableObjects: { SESSION: { className: 'Session', useSQLite: true } } };
  }
  return {
    ...common,
    durableObjects: {
      HIBERNATING: { className: 'Hibernating', useSQLite: true },
      ACCEPTING: { className: 'Accepting', useSQLite: true },
    },
  };
}

/** workerd processes that are children of this Node process. */
function workerdChildren(): Set<number> {
  const found = new Set<number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (comm === 'workerd' && ppid === process.pid) found.add(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

export async function startWorkerd(variant: Variant): Promise<WorkerdHost> {
  const entry = variant === 'ours' ? repo('worker/src/index.ts') : repo('bench/worker-fixtures/forwarders.ts');
  const before = workerdChildren();
  // Object storage on disk, as in production: in-memory storage would keep
  // every object's (empty) SQLite database in the process and blur the
  // memory figures.
  const storage = mkdtempSync(join(tmpdir(), 'sidekick-bench-workerd-'));
  const miniflare = new Miniflare({
    ...options(variant, await bundleWorkerModule(entry)),
    host: '127.0.0.1',
    port: 0,
    cf: false,
    durableObjectsPersist: storage,
  });
  const url = await miniflare.ready;
  const started = [...workerdChildren()].filter((pid) => !before.has(pid));
  if (started.length !== 1) throw new Error(`expected one new workerd process, found ${started.length}`);
  const kind = variant === 'accepting' ? '&kind=accepting' : '';
  return {
    variant,
    wsUrl: (session) => `ws://${url.host}/?session=${session}${kind}`,
    pid: started[0]!,
    close: async () => {
      await miniflare.dispose();
      rmSync(storage, { recursive: true, force: true });
    },
  };
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** User + system CPU time of a process, in microseconds (10 ms resolution). */
export function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command name: state is field 0, utime field 11, stime field 12.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks / TICKS_PER_SECOND) * 1e6;
}

/** Resident memory of a process, in bytes. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}
