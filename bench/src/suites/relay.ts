// The local relay (issue 3 "Performance"): `sidekick serve` beside a bare `ws`
// forwarder started in the same run, each in its own process, driven in turns
// by the same load from a third process. Each figure is the median of ROUNDS.
// CPU per message is read from the relay process itself, the steadiest figure
// on a shared machine (the load generator may be the bottleneck on 2 cores).
import type { BenchRow, BenchSuite } from '../report.js';
import { type RelayProcess, runLoad, startRelay } from '../relay-hosts.js';
import type { LoadSpec } from '../relay-load.js';
import { median } from '@sidekick/testing';

const ROUNDS = 5;
const ONE_TO_ONE: Omit<LoadSpec, 'url'> = { uis: 1, messages: 100_000, mode: 'throughput' };
const FAN_OUT: Omit<LoadSpec, 'url'> = { uis: 4, messages: 50_000, mode: 'throughput' };
const LATENCY: Omit<LoadSpec, 'url'> = { uis: 1, messages: 10_000, mode: 'latency', rate: 5000 };
const BATCHED: Omit<LoadSpec, 'url'> = { ...ONE_TO_ONE, batch: true };
const BASELINE = 'bare ws forwarder';
/** Issue 17's baseline: our relay, same run, one message per frame (as before batch frames). */
const SINGLE = 'ours, one message per frame';

type Figures = { msgsPerSecond: number[]; cpu: number[]; p50: number[]; p99: number[]; framesPer1000: number[] };

async function measure(relays: RelayProcess[], spec: Omit<LoadSpec, 'url'>): Promise<Map<string, Figures>> {
  const figures = new Map(relays.map((r) => [r.variant, { msgsPerSecond: [], cpu: [], p50: [], p99: [], framesPer1000: [] } as Figures]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const relay of round % 2 ? [...relays].reverse() : relays) {
      const result = await runLoad(relay, spec);
      const f = figures.get(relay.variant)!;
      f.msgsPerSecond.push(spec.messages / result.seconds);
      f.cpu.push(result.cpuMicrosPerMessage);
      f.framesPer1000.push((1000 * result.heroFrames) / spec.messages);
      if (result.p50Ms !== undefined) f.p50.push(result.p50Ms);
      if (result.p99Ms !== undefined) f.p99.push(result.p99Ms);
    }
  }
  return figures;
}

function row(benchmark: string, metric: string, ours: number[], baseline: number[], target?: string): BenchRow {
  return { benchmark, metric, ours: median(ours), baseline: median(baseline), baselineName: BASELINE, ...(target ? { target } : {}) };
}

const suite: BenchSuite = {
  name: 'relay',
  async run(): Promise<BenchRow[]> {
    const relays: RelayProcess[] = [];
    try {
      relays.push(await startRelay('forwarder'), await startRelay('ours'));
      for (const relay of relays) await runLoad(relay, { ...ONE_TO_ONE, messages: 20_000 }); // warm-up (JIT)
      const one = await measure(relays, ONE_TO_ONE);
      const fan = await measure(relays, FAN_OUT);
      const lat = await measure(relays, LATENCY);
      const batched = await measure(relays.filter((r) => r.variant === 'ours'), BATCHED);
      const o = (m: Map<string, Figures>) => m.get('ours')!;
      const b = (m: Map<string, Figures>) => m.get('forwarder')!;
      const b1 = `relay: 1 hero -> 1 UI, ${ONE_TO_ONE.messages / 1000}k msgs`;
      const b4 = `relay: 1 hero -> 4 UIs, ${FAN_OUT.messages / 1000}k msgs`;
      const bl = `relay: latency at ${LATENCY.rate} msg/s`;
      const bb = `${b1}, batch frames`;
      const vsSingle = (metric: string, ours: number[], single: number[], target?: string): BenchRow => ({
        ...row(bb, metric, ours, single, target),
        baselineName: SINGLE,
      });
      return [
        row(b1, 'msgs/s', o(one).msgsPerSecond, b(one).msgsPerSecond, '>= 0.8x'),
        row(b1, 'relay CPU µs/msg', o(one).cpu, b(one).cpu, '<= 1.3x'),
        row(b4, 'msgs/s (per UI)', o(fan).msgsPerSecond, b(fan).msgsPerSecond, '>= 0.8x'),
        row(b4, 'relay CPU µs/msg', o(fan).cpu, b(fan).cpu, '<= 1.3x'),
        row(bl, 'p50 one-way ms', o(lat).p50, b(lat).p50, '<= 1.2x'),
        row(bl, 'p99 one-way ms', o(lat).p99, b(lat).p99),
        row(bl, 'relay CPU µs/msg', o(lat).cpu, b(lat).cpu),
        vsSingle('hero frames per 1000 msgs', o(batched).framesPer1000, o(one).framesPer1000, '<= 0.1x'),
        vsSingle('relay CPU µs/msg', o(batched).cpu, o(one).cpu, '<= 0.1x'),
        vsSingle('msgs/s', o(batched).msgsPerSecond, o(one).msgsPerSecond),
      ];
    } finally {
      await Promise.all(relays.map((relay) => relay.stop()));
    }
  },
};

export default suite;
