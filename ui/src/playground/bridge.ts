// The hero side of the in-browser transport. Python sees two globals:
//   sendHeroMessage(json_text)                hero → UI
//   registerSidekickMessageHandler(callback)  UI → hero; callback(json_text)
// The bridge also plays the part a relay plays over WebSocket: it tells a newly
// registered hero which UI is online, and announces `hero offline` in the hero's
// name when a run ends without the hero saying so itself.

import { decodeFrame } from '@sidekick/protocol';
import { Batcher } from '../transport/batcher';

type Callback = ((jsonText: string) => unknown) & { copy?: () => Callback; destroy?: () => void };

interface Announce {
  id: 0;
  component: 'system';
  type: 'announce';
  payload: { peerId: string; role: string; status: string; version: string; timestamp: number };
}

export interface BridgeHost {
  /** Deliver hero messages to the UI (called with batches, in order). */
  toUi(messages: unknown[]): void;
  /** Report a problem to the user (the output pane). */
  warn(text: string): void;
  /** The hero announced itself offline (it shut down). */
  heroOffline(): void;
}

/** Hero → UI messages go in batches: at most one per this many ms, or sooner when this many wait. */
const BATCH_MS = 16;
const BATCH_ITEMS = 512;

function asAnnounce(message: unknown): Announce | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  if (m.component !== 'system' || m.type !== 'announce') return null;
  const p = m.payload as Record<string, unknown> | null | undefined;
  if (typeof p !== 'object' || p === null) return null;
  if (typeof p.peerId !== 'string' || typeof p.role !== 'string' || typeof p.status !== 'string') return null;
  return message as Announce;
}

export class HeroBridge {
  private handler: Callback | null = null;
  /** The UI's latest `online` announce, replayed to each hero that registers. */
  private uiAnnounce: Announce | null = null;
  /** The hero's `online` announce while it is online. */
  private heroAnnounce: Announce | null = null;
  private heroSaidOffline = false;
  private readonly batch: Batcher<unknown>;

  constructor(private readonly host: BridgeHost) {
    this.batch = new Batcher((messages) => host.toUi(messages), { maxAgeMs: BATCH_MS, maxItems: BATCH_ITEMS, now: () => performance.now() });
  }

  /** True from the hero's registration until it announces offline or the run is detached. */
  get heroConnected(): boolean {
    return this.handler !== null && !this.heroSaidOffline;
  }

  /** Put the two globals where Python's `js` module finds them. */
  install(globals: Record<string, unknown>): void {
    globals.sendHeroMessage = (jsonText: unknown) => this.sendHeroMessage(jsonText);
    globals.registerSidekickMessageHandler = (callback: unknown) => this.registerHandler(callback);
  }

  sendHeroMessage(jsonText: unknown): void {
    if (typeof jsonText !== 'string') {
      this.host.warn(`sendHeroMessage expects JSON text, got ${typeof jsonText}; message dropped\n`);
      return;
    }
    let message: unknown;
    try {
      message = decodeFrame(jsonText); // as over a socket: Python's bare NaN/Infinity are tolerated
    } catch {
      this.host.warn(`sendHeroMessage got text that is not JSON; message dropped\n`);
      return;
    }
    const announce = asAnnounce(message);
    if (announce && announce.payload.role === 'hero') {
      if (announce.payload.status === 'online') {
        this.heroAnnounce = announce;
        this.heroSaidOffline = false;
      } else if (announce.payload.status === 'offline') {
        this.heroAnnounce = null;
        this.heroSaidOffline = true;
        this.queue(message);
        this.host.heroOffline();
        return;
      }
    }
    this.queue(message);
  }

  registerHandler(callback: unknown): void {
    this.dropHandler();
    if (callback === null || callback === undefined) return;
    if (typeof callback !== 'function') {
      this.host.warn('registerSidekickMessageHandler expects a callable\n');
      return;
    }
    const cb = callback as Callback;
    // A Python function passed into JS is only borrowed for the call; keep our own reference.
    this.handler = typeof cb.copy === 'function' ? cb.copy() : cb;
    this.heroSaidOffline = false;
    // Tell the new hero which UI is there (as a relay would), once its registration call has returned.
    const announce = this.uiAnnounce;
    const handler = this.handler;
    if (announce) queueMicrotask(() => { if (this.handler === handler) this.deliver(announce); });
  }

  /** A message from the UI. */
  fromUi(message: unknown): void {
    const announce = asAnnounce(message);
    if (announce && announce.payload.role === 'sidekick') {
      this.uiAnnounce = announce.payload.status === 'online' ? announce : null;
    }
    if (this.handler) this.deliver(message);
  }

  /** End of a run: forget the hero's handler and announce it offline if it did not. */
  detach(): void {
    this.dropHandler();
    if (this.heroAnnounce) {
      const payload = { ...this.heroAnnounce.payload, status: 'offline', timestamp: Date.now() };
      this.queue({ id: 0, component: 'system', type: 'announce', payload });
      this.heroAnnounce = null;
    }
    this.heroSaidOffline = false;
    this.flush();
  }

  flush(): void {
    this.batch.flush();
  }

  private queue(message: unknown): void {
    this.batch.add(message);
  }

  private deliver(message: unknown): void {
    const handler = this.handler;
    if (!handler) return;
    try {
      handler(JSON.stringify(message));
    } catch (error) {
      this.host.warn(`The hero's message handler failed: ${String(error)}\n`);
    }
  }

  private dropHandler(): void {
    const handler = this.handler;
    this.handler = null;
    if (handler && typeof handler.destroy === 'function') {
      try {
        handler.destroy();
      } catch {
        // already destroyed by Python: nothing to release
      }
    }
  }
}
