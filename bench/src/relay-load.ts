// Load generator of the relay benchmark, run as its own process:
//   node relay-load.js '<LoadSpec as JSON>'
// prints one line of JSON (LoadResult). One hero sends ~170-byte messages to N
// UI peers, either as fast as end-to-end back-pressure allows (throughput) or
// at a fixed rate with send times inside (one-way latency; one process, one clock).
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { batchTakingAnnounce, messagesIn, packFrames } from './batch-frames.js';

export interface LoadSpec {
  url: string;
  uis: number;
  messages: number;
  mode: 'throughput' | 'latency';
  /** Messages per second, latency mode. */
  rate?: number;
  /** Throughput mode: the UIs accept batch frames and the hero sends its messages in them (batch-frames.ts). */
  batch?: boolean;
}

export interface LoadResult {
  seconds: number;
  /** Messages each UI received (the minimum over UIs). */
  delivered: number;
  /** Frames the hero sent (the messages, unless batched). */
  heroFrames: number;
  p50Ms?: number;
  p99Ms?: number;
}

const WINDOW = 2000; // messages in flight at most: back-pressure from the slowest UI to the hero

/** About 170 bytes: a grid cell update plus a sequence number and a send time. */
function message(n: number, sentAt: number): string {
  const x = n % 40;
  const y = Math.floor(n / 40) % 30;
  return `{"id":0,"component":"grid","type":"update","target":"grid-1","payload":{"action":"setColor","options":{"x":${x},"y":${y},"color":"#ff8800"},"seq":${n},"sentAt":${sentAt.toFixed(3)}}}`;
}

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

async function main(spec: LoadSpec): Promise<LoadResult> {
  const uis = await Promise.all(Array.from({ length: spec.uis }, () => open(spec.url)));
  const hero = await open(spec.url);
  const received = uis.map(() => 0);
  const latencies: number[] = [];
  let wake: (() => void) | undefined;
  const minReceived = () => Math.min(...received);
  // A UI that takes batches says so (our relay sends batches only to those); the others stay silent, as before.
  if (spec.batch) uis.forEach((ui, i) => ui.send(batchTakingAnnounce(`bench-ui-${i}`)));
  uis.forEach((ui, i) => {
    ui.on('message', (data: Buffer) => {
      received[i]! += spec.batch ? messagesIn(data.toString()) : 1;
      if (spec.mode === 'latency' && i === 0) {
        const text = data.toString();
        const at = text.lastIndexOf('"sentAt":');
        latencies.push(performance.now() - Number(text.slice(at + 9, -2)));
      }
      if (wake) {
        const w = wake;
        wake = undefined;
        w();
      }
    });
  });
  const until = (ready: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => (ready() ? resolve() : (wake = check));
      check();
    });

  if (spec.batch) await new Promise((resolve) => setTimeout(resolve, 200)); // the announces are stored
  let heroFrames = spec.messages;
  const started = performance.now();
  if (spec.mode === 'throughput' && spec.batch) {
    const frames = packFrames(Array.from({ length: spec.messages }, (_, n) => message(n, 0)));
    heroFrames = frames.length;
    let sent = 0;
    for (const frame of frames) {
      await until(() => sent - minReceived() < WINDOW * 4);
      hero.send(frame);
      sent += messagesIn(frame);
    }
  } else if (spec.mode === 'throughput') {
    for (let sent = 0; sent < spec.messages; ) {
      await until(() => sent - minReceived() < WINDOW);
      const upTo = Math.min(spec.messages, sent + 200);
      for (; sent < upTo; sent++) hero.send(message(sent, 0));
    }
  } else {
    const rate = spec.rate ?? 5000;
    let sent = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const due = Math.min(spec.messages, Math.floor(((performance.now() - started) / 1000) * rate));
        for (; sent < due; sent++) hero.send(message(sent, performance.now()));
        if (sent >= spec.messages) {
          clearInterval(timer);
          resolve();
        }
      }, 1);
    });
  }
  await until(() => minReceived() >= spec.messages);
  const seconds = (performance.now() - started) / 1000;
  for (const ws of [hero, ...uis]) ws.close();
  await Promise.all([hero, ...uis].map((ws) => new Promise((resolve) => ws.once('close', resolve))));
  const result: LoadResult = { seconds, delivered: minReceived(), heroFrames };
  if (latencies.length) {
    latencies.sort((a, b) => a - b);
    result.p50Ms = latencies[Math.floor(latencies.length * 0.5)]!;
    result.p99Ms = latencies[Math.floor(latencies.length * 0.99)]!;
  }
  return result;
}

const arg = process.argv[2];
if (arg) {
  main(JSON.parse(arg) as LoadSpec)
    .then((result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    })
    .catch((error: unknown) => {
      process.stderr.write(`relay-load: ${String(error)}\n`);
      process.exit(1);
    });
}
