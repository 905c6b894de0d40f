// The hero side of the in-browser transport. Python sees two globals:
//   sendHeroMessage(json_text)                hero → UI
//   registerSidekickMessageHandler(callback)  UI → hero; callback(json_text)
// Between the hero and the panel sits the relay core (channelRelay.ts), so the
// playground behaves as `sidekick serve` does: a hero that registers hears
// which UI is online, a run that ends without the hero's `offline` gets one on
// its behalf, bad input closes the hero's link, and frames pass untouched.

import { decodeFrame } from '@sidekick/protocol';
import { Batcher } from '../transport/batcher';
import { type ChannelLink, ChannelRelay } from './channelRelay';

type Callback = ((jsonText: string) => unknown) & { copy?: () => Callback; destroy?: () => void };

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

export class HeroBridge {
  private readonly relay = new ChannelRelay();
  private uiLink: ChannelLink;
  /** The current run's hero: joins on its first message or registration, leaves when the run ends. */
  private heroLink: ChannelLink | null = null;
  /** The relay closed this run's hero (bad input): what it sends next goes nowhere. */
  private heroRefused = false;
  private handler: Callback | null = null;
  /** Set while a registration call runs: what the relay sends the hero then waits for it to return. */
  private registering = false;
  private heroSaidOffline = false;
  private readonly batch: Batcher<unknown>;

  constructor(private readonly host: BridgeHost) {
    this.batch = new Batcher((messages) => host.toUi(messages), { maxAgeMs: BATCH_MS, maxItems: BATCH_ITEMS, now: () => performance.now() });
    this.uiLink = this.joinUi();
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
    const link = this.hero();
    if (!link) return;
    if (typeof jsonText !== 'string') {
      link.sendBinary();
      return;
    }
    const before = link.record;
    link.send(jsonText);
    const after = link.record;
    if (after === before || after === undefined) return;
    // The hero announced itself: online again, or offline (it shut down).
    this.heroSaidOffline = !after.online;
    if (!after.online) this.host.heroOffline();
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
    this.heroRefused = false; // registering again is the hero reconnecting
    this.registering = true;
    try {
      const existing = this.heroLink?.open ? this.heroLink : null;
      if (existing) existing.greet();
      else this.hero();
    } finally {
      this.registering = false;
    }
  }

  /** A message from the UI. */
  fromUi(message: unknown): void {
    this.uiLink.send(JSON.stringify(message));
  }

  /** End of a run: forget the hero's handler; the relay announces it offline if it did not. */
  detach(): void {
    this.dropHandler();
    this.heroLink?.leave();
    this.heroLink = null;
    this.heroRefused = false;
    this.heroSaidOffline = false;
    this.flush();
  }

  flush(): void {
    this.batch.flush();
  }

  /** This run's hero link, joined on first use; null once the relay has closed it. */
  private hero(): ChannelLink | null {
    if (this.heroRefused) return null;
    if (this.heroLink?.open) return this.heroLink;
    this.heroLink = this.relay.join({
      deliver: (text) => this.toHero(text),
      closed: (code, reason) => {
        this.heroRefused = true;
        this.dropHandler();
        this.host.warn(`The playground closed the hero's connection (${code}: ${reason}); what it sends next is dropped.\n`);
        this.host.heroOffline();
      },
    });
    return this.heroLink;
  }

  /** The panel's link; the relay closes it only for bad input from the panel itself, and then it joins again. */
  private joinUi(): ChannelLink {
    return this.relay.join({
      deliver: (text) => this.toUi(text),
      closed: (code, reason) => {
        this.host.warn(`The playground closed the panel's connection (${code}: ${reason}); it joins again.\n`);
        queueMicrotask(() => {
          this.uiLink = this.joinUi();
        });
      },
    });
  }

  private toUi(text: string): void {
    let message: unknown;
    try {
      message = decodeFrame(text); // as over a socket: Python's bare NaN/Infinity are tolerated
    } catch {
      this.host.warn('The hero sent text that is not JSON; message dropped\n');
      return;
    }
    this.batch.add(message);
  }

  private toHero(text: string): void {
    const handler = this.handler;
    if (!handler) return;
    const call = () => {
      if (this.handler !== handler) return;
      try {
        handler(text);
      } catch (error) {
        this.host.warn(`The hero's message handler failed: ${String(error)}\n`);
      }
    };
    // Python's registration call must return before its callback runs.
    if (this.registering) queueMicrotask(call);
    else call();
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
