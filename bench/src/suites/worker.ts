// The cloud relay in workerd (issue 4 "Performance"): our worker beside two
// minimal forwarding Durable Objects measured in the same run, one with the
// same Hibernation API and no parsing, one with accept() + listeners.
// Each variant has its own workerd process (CPU and memory are read from
// that process's /proc entry); the variants take turns, several rounds, and
// each figure is the median of its rounds, so a busy moment of the shared
// machine does not land on one variant only.
import type { BenchRow, BenchSuite } from '../report.js';
import { startWorkerd, VARIANT_NAMES, type Variant, type WorkerdHost } from '../worker-host.js';
import { latencyP50, type LoadOptions, memoryPerSession, throughput, type ThroughputResult } from '../worker-load.js';
import { median } from '@sidekick/testing';

const MESSAGES = 50_000;
const FANOUT_MESSAGES = 20_000;
const DEFLATE_MESSAGES = 20_000;
const LATENCY_SAMPLES = 2_000;
const SESSIONS = 500;
const ROUNDS = 5;
const PLAIN: LoadOptions = { compress: false };
const BATCHED: LoadOptions = { compress: false, batch: true };
/** Issue 17's baseline: our worker, same run, one message per frame (as before batch frames). */
const SINGLE = 'ours, one message per frame';
const DEFLATE: LoadOptions = { compress: true };
const VARIANTS: Variant[] = ['ours', 'hibernating', 'accepting'];

function medianOf(results: ThroughputResult[]): ThroughputResult {
  return {
    msgsPerSecond: median(results.map((r) => r.msgsPerSecond)),
    framesPer1000: median(results.map((r) => r.framesPer1000)),
    cpuMicrosPerMessage: median(results.map((r) => r.cpuMicrosPerMessage)),
    wireBytesPerMessage: median(results.map((r) => r.wireBytesPerMessage)),
  };
}

/** Runs `measure` on each host in turn, ROUNDS times; returns each variant's results. */
async function rounds<T>(
  hosts: WorkerdHost[],
  measure: (host: WorkerdHost) => Promise<T>,
): Promise<Map<Variant, T[]>> {
  const results = new Map<Variant, T[]>(hosts.map((host) => [host.variant, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const host of hosts) results.get(host.variant)!.push(await measure(host));
  }
  return results;
}

const suite: BenchSuite = {
  name: 'worker',
  async run(): Promise<BenchRow[]> {
    const hosts: WorkerdHost[] = [];
    try {
      for (const variant of VARIANTS) hosts.push(await startWorkerd(variant));
      const [ours, hib, acc] = hosts as [WorkerdHost, WorkerdHost, WorkerdHost];
      for (const host of hosts) await throughput(host, 1, 5_000, PLAIN); // warm-up: JIT, first objects

      const one = await rounds(hosts, (host) => throughput(host, 1, MESSAGES, PLAIN));
      const fan = await rounds(hosts, (host) => throughput(host, 4, FANOUT_MESSAGES, PLAIN));
      const p50 = await rounds(hosts, (host) => latencyP50(host, LATENCY_SAMPLES, PLAIN));
      const zip = await rounds([ours, hib], (host) => throughput(host, 1, DEFLATE_MESSAGES, DEFLATE));
      const batched = await rounds([ours], (host) => throughput(host, 1, MESSAGES, BATCHED, 4 * 1024));
      const memory = new Map<Variant, Awaited<ReturnType<typeof memoryPerSession>>>();
      for (const host of [ours, hib, acc]) memory.set(host.variant, await memoryPerSession(host, SESSIONS, PLAIN));
      const oursDeflateMemory = await memoryPerSession(ours, SESSIONS, DEFLATE);

      const t = (results: Map<Variant, ThroughputResult[]>, variant: Variant): ThroughputResult =>
        medianOf(results.get(variant)!);
      const lat = (variant: Variant): number => median(p50.get(variant)!);
      const mem = (variant: Variant) => memory.get(variant)!;
      const HIB = VARIANT_NAMES.hibernating;
      const ACC = VARIANT_NAMES.accepting;
      const b1 = `worker: 1 hero -> 1 UI, ${MESSAGES / 1000}k msgs`;
      const b4 = `worker: 1 hero -> 4 UIs, ${FANOUT_MESSAGES / 1000}k msgs`;
      const bm = `worker: ${SESSIONS} sessions x 2 peers`;
      const bz = `worker: permessage-deflate, 1 -> 1, ${DEFLATE_MESSAGES / 1000}k msgs`;
      const UNZIPPED = 'the same, uncompressed';
      const bb = `${b1}, batch frames`;
      return [
        { benchmark: b1, metric: 'msgs/s', ours: t(one, 'ours').msgsPerSecond, baseline: t(one, 'hibernating').msgsPerSecond, baselineName: HIB, target: '>= 0.9x' },
        { benchmark: b1, metric: 'msgs/s', ours: t(one, 'ours').msgsPerSecond, baseline: t(one, 'accepting').msgsPerSecond, baselineName: ACC },
        { benchmark: b1, metric: 'workerd CPU µs/msg', ours: t(one, 'ours').cpuMicrosPerMessage, baseline: t(one, 'hibernating').cpuMicrosPerMessage, baselineName: HIB },
        { benchmark: b1, metric: 'workerd CPU µs/msg', ours: t(one, 'ours').cpuMicrosPerMessage, baseline: t(one, 'accepting').cpuMicrosPerMessage, baselineName: ACC },
        { benchmark: `${b1}: ${HIB} (as ours)`, metric: 'workerd CPU µs/msg', ours: t(one, 'hibernating').cpuMicrosPerMessage, baseline: t(one, 'accepting').cpuMicrosPerMessage, baselineName: ACC },
        { benchmark: b1, metric: 'p50 latency ms', ours: lat('ours'), baseline: lat('hibernating'), baselineName: HIB },
        { benchmark: b1, metric: 'p50 latency ms', ours: lat('ours'), baseline: lat('accepting'), baselineName: ACC },
        { benchmark: b4, metric: 'msgs/s sent', ours: t(fan, 'ours').msgsPerSecond, baseline: t(fan, 'hibernating').msgsPerSecond, baselineName: HIB, target: '>= 0.9x' },
        { benchmark: b4, metric: 'msgs/s sent', ours: t(fan, 'ours').msgsPerSecond, baseline: t(fan, 'accepting').msgsPerSecond, baselineName: ACC },
        { benchmark: b4, metric: 'workerd CPU µs/msg', ours: t(fan, 'ours').cpuMicrosPerMessage, baseline: t(fan, 'hibernating').cpuMicrosPerMessage, baselineName: HIB },
        { benchmark: b4, metric: 'workerd CPU µs/msg', ours: t(fan, 'ours').cpuMicrosPerMessage, baseline: t(fan, 'accepting').cpuMicrosPerMessage, baselineName: ACC },
        { benchmark: bm, metric: 'workerd KiB/open session, 1st wave', ours: mem('ours').kibPerSessionFirstWave, baseline: mem('hibernating').kibPerSessionFirstWave, baselineName: HIB },
        { benchmark: bm, metric: 'workerd KiB/open session, 2nd wave', ours: mem('ours').kibPerSessionSecondWave, baseline: mem('hibernating').kibPerSessionSecondWave, baselineName: HIB },
        { benchmark: bm, metric: 'workerd KiB/open session, 2nd wave', ours: mem('ours').kibPerSessionSecondWave, baseline: mem('accepting').kibPerSessionSecondWave, baselineName: ACC },
        { benchmark: bm, metric: 'workerd MiB kept after close', ours: mem('ours').mibLeftAfterClose, baseline: mem('hibernating').mibLeftAfterClose, baselineName: HIB },
        { benchmark: bm, metric: 'workerd MiB kept, evicted', ours: mem('ours').mibLeftAfterEviction, baseline: mem('hibernating').mibLeftAfterEviction, baselineName: HIB },
        { benchmark: `${bm}, deflate`, metric: 'workerd KiB/open session, 2nd wave', ours: oursDeflateMemory.kibPerSessionSecondWave, baseline: mem('ours').kibPerSessionSecondWave, baselineName: UNZIPPED },
        { benchmark: bz, metric: 'msgs/s', ours: t(zip, 'ours').msgsPerSecond, baseline: t(one, 'ours').msgsPerSecond, baselineName: UNZIPPED },
        { benchmark: bz, metric: 'workerd CPU µs/msg', ours: t(zip, 'ours').cpuMicrosPerMessage, baseline: t(one, 'ours').cpuMicrosPerMessage, baselineName: UNZIPPED },
        { benchmark: bz, metric: 'wire bytes/msg', ours: t(zip, 'ours').wireBytesPerMessage, baseline: t(one, 'ours').wireBytesPerMessage, baselineName: UNZIPPED },
        { benchmark: `${bz}: ${HIB}`, metric: 'workerd CPU µs/msg', ours: t(zip, 'hibernating').cpuMicrosPerMessage, baseline: t(one, 'hibernating').cpuMicrosPerMessage, baselineName: UNZIPPED },
        { benchmark: bb, metric: 'frames into the DO per 1000 msgs', ours: t(batched, 'ours').framesPer1000, baseline: t(one, 'ours').framesPer1000, baselineName: SINGLE, target: '<= 50' },
        { benchmark: bb, metric: 'workerd CPU µs/msg', ours: t(batched, 'ours').cpuMicrosPerMessage, baseline: t(one, 'ours').cpuMicrosPerMessage, baselineName: SINGLE, target: '<= 0.25x' },
        { benchmark: bb, metric: 'msgs/s', ours: t(batched, 'ours').msgsPerSecond, baseline: t(one, 'ours').msgsPerSecond, baselineName: SINGLE },
      ];
    } finally {
      for (const host of hosts) await host.close();
    }
  },
};

export default suite;
