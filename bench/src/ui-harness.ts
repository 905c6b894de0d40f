// Real parts for the UI benchmark: the local server's CLI serving the built
// UI, Debian's Chromium (no Playwright), and a synthetic hero on a `ws` socket.
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { BareChromium } from './bare-chromium.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface BenchServer {
  url: string;
  stop(): Promise<void>;
}

/** `sidekick serve --port 0`, resolved when it prints where it listens. */
export function startBenchServer(): Promise<BenchServer> {
  const child: ChildProcess = spawn(process.execPath, [join(repoRoot, 'server', 'bin', 'sidekick.js'), 'serve', '--port', '0', '--quiet'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+?:\d+)/.exec(output);
      if (match) resolve({ url: match[1]!, stop });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`sidekick serve exited with ${code}:\n${output}`)));
  });
}

/** Headless Chromium with no automation observing its network (bare-chromium.ts says why). */
export function launchBenchChromium(): Promise<BareChromium> {
  return BareChromium.launch(['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']);
}

type Message = Record<string, unknown> & { type?: string; src?: string; payload?: Record<string, unknown> };

/** A hero that sends as fast as its socket takes frames and hands events to a callback. */
export class SyntheticHero {
  onMessage: (message: Message) => void = () => undefined;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => this.onMessage(JSON.parse(String(data)) as Message));
  }

  static async connect(serverUrl: string, session: string): Promise<SyntheticHero> {
    const socket = new WebSocket(`${serverUrl.replace(/^http/, 'ws')}/?session=${session}`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const hero = new SyntheticHero(socket);
    hero.send({ id: 0, component: 'system', type: 'announce', payload: { peerId: `bench-hero-${session}`, role: 'hero', status: 'online', version: 'bench', timestamp: Date.now() } });
    return hero;
  }

  send(message: object): void {
    this.socket.send(JSON.stringify(message));
  }

  sendAll(messages: readonly object[]): void {
    for (const message of messages) this.socket.send(JSON.stringify(message));
  }

  /** Send frames already encoded (a timed stream is encoded before the clock starts). */
  sendFrames(frames: readonly string[]): void {
    for (const frame of frames) this.socket.send(frame);
  }

  close(): void {
    this.socket.close();
  }
}

export const update = (component: string, target: string, action: string, options: Record<string, unknown>) => ({
  id: 0,
  component,
  type: 'update',
  target,
  payload: { action, options },
});

export const spawnMessage = (component: string, target: string, payload: Record<string, unknown>) => ({ id: 0, component, type: 'spawn', target, payload });
