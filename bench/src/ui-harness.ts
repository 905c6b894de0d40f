// Real parts for the UI benchmark: the local server's CLI serving the built
// UI, Debian's Chromium (no Playwright), and a synthetic hero on a `ws` socket.
import { CHROMIUM_ARGS } from '@sidekick/testing';
import WebSocket from 'ws';
import { BareChromium } from './bare-chromium.js';

/** Headless Chromium with no automation observing its network (bare-chromium.ts says why). */
export function launchBenchChromium(): Promise<BareChromium> {
  return BareChromium.launch([...CHROMIUM_ARGS, '--no-first-run']);
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
