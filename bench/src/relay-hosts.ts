// The two relays of the relay benchmark, each in its own process: our
// `sidekick serve` and the bare forwarder. Both report their CPU time over HTTP
// (our /healthz, the forwarder's /stats), read before and after each load.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopChild, waitForListening } from '@sidekick/testing';
import type { LoadResult, LoadSpec } from './relay-load.js';

export type RelayVariant = 'ours' | 'forwarder';

export interface RelayProcess {
  readonly variant: RelayVariant;
  readonly port: number;
  /** A fresh WebSocket URL (ours: a new session each time). */
  wsUrl(): string;
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

const SIDEKICK = fileURLToPath(new URL('../../../server/bin/sidekick.js', import.meta.url));
const FORWARDER = fileURLToPath(new URL('./relay-forwarder.js', import.meta.url));
const LOAD = fileURLToPath(new URL('./relay-load.js', import.meta.url));

let sessions = 0;

export async function startRelay(variant: RelayVariant): Promise<RelayProcess> {
  const args = variant === 'ours' ? [SIDEKICK, 'serve', '--port', '0', '--quiet'] : [FORWARDER];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const { port } = await waitForListening(child, variant);
  const statsPath = variant === 'ours' ? '/healthz' : '/stats';
  return {
    variant,
    port,
    wsUrl: () => (variant === 'ours' ? `ws://127.0.0.1:${port}/?session=bench-${++sessions}` : `ws://127.0.0.1:${port}/`),
    async cpuMicros() {
      const response = await fetch(`http://127.0.0.1:${port}${statsPath}`);
      const { stats } = (await response.json()) as { stats: { cpu: { user: number; system: number } } };
      return stats.cpu.user + stats.cpu.system;
    },
    stop: () => stopChild(child),
  };
}

/** Runs one load in a separate process; returns its result and the relay's CPU µs per hero message. */
export async function runLoad(
  relay: RelayProcess,
  spec: Omit<LoadSpec, 'url'>,
): Promise<LoadResult & { cpuMicrosPerMessage: number }> {
  const before = await relay.cpuMicros();
  const child = spawn(process.execPath, [LOAD, JSON.stringify({ ...spec, url: relay.wsUrl() })], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`relay load against ${relay.variant} failed (exit ${code})`);
  const after = await relay.cpuMicros();
  const result = JSON.parse(out) as LoadResult;
  if (result.delivered < spec.messages) throw new Error(`${relay.variant} lost messages: ${result.delivered}/${spec.messages}`);
  return { ...result, cpuMicrosPerMessage: (after - before) / spec.messages };
}
