// Load for the worker benchmark: real `ws` clients (a hero and N UIs per
// session) against a workerd host, measuring throughput, latency, workerd
// CPU per message, bytes on the wire and workerd memory per open session.
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { batchTakingAnnounce, messagesIn, packFrames } from './batch-frames.js';
import { cpuMicros, rssBytes, type WorkerdHost } from './worker-host.js';

export interface LoadOptions {
  /** Offer permessage-deflate (browsers and Python `websockets` do by default). */
  compress: boolean;
  /** The UIs accept batch frames and the hero sends its messages in them (batch-frames.ts). */
  batch?: boolean;
}

interface Peer {
  ws: WebSocket;
  received: number;
  last: string;
}

let sessionCounter = 0;
const newSession = (): string => `bench-${process.pid}-${++sessionCounter}`;

function announce(peerId: string, role: string): string {
  return JSON.stringify({
    id: 0,
    component: 'system',
    type: 'announce',
    payload: { peerId, role, status: 'online', version: 'bench', timestamp: Date.now() },
  });
}

/** A typical hero message: one grid cell update (about 130 bytes). */
export function gridUpdate(n: number): string {
  const x = n % 40;
  const y = Math.floor(n / 40) % 30;
  const color = `#${(n * 2654435761 >>> 8).toString(16).padStart(6, '0').slice(0, 6)}`;
  return `{"id":0,"component":"grid","type":"update","target":"grid-1","payload":{"action":"setColor","options":{"x":${x},"y":${y},"color":"${color}"}}}`;
}

function open(url: string, options: LoadOptions): Promise<Peer> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: options.compress });
    const peer: Peer = { ws, received: 0, last: '' };
    ws.on('message', (data) => {
      peer.last = String(data);
      peer.received += options.batch ? messagesIn(peer.last) : 1;
    });
    ws.once('open', () => resolve(peer));
    ws.once('error', reject);
    ws.on('error', () => undefined); // after open, a reset shows as a close
  });
}

function socketOf(peer: Peer): Socket {
  return (peer.ws as unknown as { _socket: Socket })._socket;
}

function wireBytes(peers: Peer[]): number {
  return peers.reduce((sum, peer) => sum + socketOf(peer).bytesRead + socketOf(peer).bytesWritten, 0);
}

/** Resolves when `ready()` holds, checking after every message any of `peers` receives. */
function until(peers: Peer[], ready: () => boolean, what: string, ms = 120_000): Promise<void> {
  if (ready()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (!ready()) return;
      done();
      resolve();
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`worker bench: timed out waiting for ${what}`));
    }, ms);
    const done = (): void => {
      clearTimeout(timer);
      for (const peer of peers) peer.ws.off('message', check);
    };
    for (const peer of peers) peer.ws.on('message', check);
  });
}

async function closeAll(peers: Peer[]): Promise<void> {
  await Promise.all(
    peers.map(
      (peer) =>
        new Promise<void>((resolve) => {
          if (peer.ws.readyState === WebSocket.CLOSED) return resolve();
          peer.ws.once('close', () => resolve());
          peer.ws.close(1000);
        }),
    ),
  );
}

/** A hero and `uis` UIs in one fresh session, all announced and known to each other. */
async function session(host: WorkerdHost, uis: number, options: LoadOptions): Promise<{ hero: Peer; receivers: Peer[] }> {
  const id = newSession();
  const hero = await open(host.wsUrl(id), options);
  hero.ws.send(announce(`hero-${id}`, 'hero'));
  const receivers: Peer[] = [];
  for (let i = 0; i < uis; i++) {
    const ui = await open(host.wsUrl(id), options);
    ui.ws.send(options.batch ? batchTakingAnnounce(`ui-${id}-${i}`) : announce(`ui-${id}-${i}`, 'sidekick'));
    receivers.push(ui);
  }
  // Every variant forwards the UIs' announces to the hero. Then a marker from
  // the hero: once each UI has it, nothing from the setup is still on its way
  // (our relay also sends a peer list on connect; the bare forwarders do not).
  await until([hero], () => hero.received >= uis, "the UIs' announces");
  const marker = `{"id":0,"component":"bench","type":"marker","payload":{"session":"${id}"}}`;
  hero.ws.send(marker);
  await until(receivers, () => receivers.every((ui) => ui.last === marker), 'the setup marker');
  for (const peer of [hero, ...receivers]) peer.received = 0;
  return { hero, receivers };
}

export interface ThroughputResult {
  msgsPerSecond: number;
  /** Frames the hero sent into the Durable Object per 1000 messages (each one billed as a request fraction). */
  framesPer1000: number;
  /** workerd CPU (user + system) per message the hero sent, in µs. */
  cpuMicrosPerMessage: number;
  /** Bytes on all the session's TCP connections per message the hero sent. */
  wireBytesPerMessage: number;
}

/**
 * One hero streams `messages` grid updates to `uis` UIs, keeping at most
 * `window` messages in flight (end-to-end flow control, as a real hero's
 * socket buffer would). Timed from the first send to the last delivery.
 */
export async function throughput(
  host: WorkerdHost,
  uis: number,
  messages: number,
  options: LoadOptions,
  window = 1000,
): Promise<ThroughputResult> {
  const { hero, receivers } = await session(host, uis, options);
  const texts = Array.from({ length: messages }, (_, n) => gridUpdate(n));
  // Batched: frames as our Python hero builds them; `ends[i]` is the message count once frame i is sent.
  const frames = options.batch ? packFrames(texts) : texts;
  const ends: number[] = [];
  for (const frame of frames) ends.push((ends.at(-1) ?? 0) + (options.batch ? messagesIn(frame) : 1));
  const slowest = (): number => Math.min(...receivers.map((ui) => ui.received));
  const bytes0 = wireBytes([hero, ...receivers]);
  const cpu0 = cpuMicros(host.pid);
  const t0 = process.hrtime.bigint();
  let sent = 0;
  let next = 0;
  while (sent < messages) {
    // Refill when half the window has drained: fewer, larger bursts (always at least one frame).
    await until(receivers, () => sent - slowest() <= window / 2, 'the UIs to catch up');
    const upTo = Math.min(messages, slowest() + window);
    do {
      hero.ws.send(frames[next]!);
      sent = ends[next++]!;
    } while (sent < upTo);
  }
  await until(receivers, () => slowest() >= messages, 'the last message');
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = cpuMicros(host.pid) - cpu0;
  const bytes = wireBytes([hero, ...receivers]) - bytes0;
  await closeAll([hero, ...receivers]);
  return { msgsPerSecond: messages / seconds, framesPer1000: (1000 * frames.length) / messages, cpuMicrosPerMessage: cpu / messages, wireBytesPerMessage: bytes / messages };
}

/** Median one-way latency hero -> UI in ms, one message in flight at a time. */
export async function latencyP50(host: WorkerdHost, samples: number, options: LoadOptions): Promise<number> {
  const { hero, receivers } = await session(host, 1, options);
  const ui = receivers[0]!;
  const times: number[] = [];
  for (let n = 0; n < samples; n++) {
    const text = gridUpdate(n);
    const t0 = process.hrtime.bigint();
    const got = until([ui], () => ui.last === text, 'a latency sample', 10_000);
    hero.ws.send(text);
    await got;
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  await closeAll([hero, ui]);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export interface MemoryResult {
  /** workerd RSS growth per open session (hero + UI, announced) for the first wave, in KiB. */
  kibPerSessionFirstWave: number;
  /** The same for a second wave after the first closed: memory the process already holds is reused. */
  kibPerSessionSecondWave: number;
  /** RSS after the second wave closed, minus before it opened, in MiB. */
  mibLeftAfterClose: number;
  /** The same once workerd has evicted the idle objects (10 s of inactivity), in MiB. */
  mibLeftAfterEviction: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** workerd evicts an object after 10 s without events; a margin on top. */
const EVICTION_WAIT_MS = 12_000;

/** Opens `count` sessions of a hero and a UI, 50 at a time; returns their peers. */
async function openSessions(host: WorkerdHost, count: number, options: LoadOptions): Promise<Peer[]> {
  const peers: Peer[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = await Promise.all(Array.from({ length: Math.min(50, count - i) }, () => session(host, 1, options)));
    for (const { hero, receivers } of batch) peers.push(hero, ...receivers);
  }
  return peers;
}

/** Closes `peers`, then one more session round trip: the closes have been handled. */
async function closeAndSettle(host: WorkerdHost, peers: Peer[], options: LoadOptions): Promise<void> {
  await closeAll(peers);
  const last = await session(host, 1, options);
  await closeAll([last.hero, ...last.receivers]);
}

/**
 * workerd memory with `count` sessions of a hero and a UI open, in two
 * waves: the first grows the process (allocator arenas, first objects), the
 * second shows the steady cost; then after all close, and after eviction.
 */
export async function memoryPerSession(host: WorkerdHost, count: number, options: LoadOptions): Promise<MemoryResult> {
  const kib = (bytes: number): number => bytes / count / 1024;
  const mib = (bytes: number): number => bytes / 1024 / 1024;
  // Warm up the isolate (code, first object) so the baseline is not the empty process.
  await closeAndSettle(host, await openSessions(host, 1, options), options);
  const start = rssBytes(host.pid);
  const first = await openSessions(host, count, options);
  const firstOpen = rssBytes(host.pid);
  await closeAndSettle(host, first, options);
  const before = rssBytes(host.pid);
  const second = await openSessions(host, count, options);
  const secondOpen = rssBytes(host.pid);
  await closeAndSettle(host, second, options);
  const after = rssBytes(host.pid);
  await sleep(EVICTION_WAIT_MS);
  const evicted = rssBytes(host.pid);
  return {
    kibPerSessionFirstWave: kib(firstOpen - start),
    kibPerSessionSecondWave: kib(secondOpen - before),
    mibLeftAfterClose: mib(after - before),
    mibLeftAfterEviction: mib(evicted - before),
  };
}
