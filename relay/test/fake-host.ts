// A tiny in-memory host for the core tests: a Map registry that records what
// each peer was sent and how it was closed. Frames enter as strings
// (`Relay.text`, like the Durable Object) or as UTF-8 bytes (`Relay.textBytes`,
// like the Node server).
import type { PeerRecord } from '../src/announce.js';
import { outgoing, type PeerRegistry, type RelayEffect } from '../src/ports.js';
import { Relay } from '../src/relay.js';
import type { RelayLimits } from '../src/limits.js';

export interface FakePeer {
  readonly key: string;
  record?: PeerRecord;
  received: string[];
  closed?: { code: number; reason: string };
}

/** How frames reach the core: as strings (`text`) or as UTF-8 bytes (`textBytes`). */
export type FrameEntry = 'text' | 'bytes';
export const FRAME_ENTRIES: readonly FrameEntry[] = ['text', 'bytes'];

const encoder = new TextEncoder();

export class FakeHost {
  readonly peers = new Map<string, FakePeer>();
  readonly registry: PeerRegistry<FakePeer> = {
    peers: () => this.peers.values(),
    keyOf: (peer) => peer.key,
    recordOf: (peer) => peer.record,
  };
  readonly relay: Relay<FakePeer>;
  clock = 1000;

  constructor(
    limits: Partial<RelayLimits> = {},
    readonly entry: FrameEntry = 'text',
  ) {
    this.relay = new Relay(this.registry, limits, () => this.clock);
  }

  connect(key: string): FakePeer {
    const peer: FakePeer = { key, received: [] };
    this.peers.set(key, peer);
    this.apply(this.relay.connected(peer));
    return peer;
  }

  send(peer: FakePeer, text: string): readonly RelayEffect<FakePeer>[] {
    const effects = this.entry === 'text' ? this.relay.text(peer, text) : this.relay.textBytes(peer, encoder.encode(text));
    this.apply(effects, text);
    return effects;
  }

  /** Removes the peer first (like the Node host), then tells the core. */
  drop(peer: FakePeer): readonly RelayEffect<FakePeer>[] {
    this.peers.delete(peer.key);
    const effects = this.relay.closed(peer);
    this.apply(effects);
    return effects;
  }

  /** Carries out effects; `frame` is the text of the frame they are about (what a `forward` sends). */
  apply(effects: readonly RelayEffect<FakePeer>[], frame?: string): void {
    for (const effect of effects) {
      if (effect.kind === 'send' || effect.kind === 'forward') {
        for (const to of effect.to) to.received.push(outgoing(effect, frame));
      } else if (effect.kind === 'store') effect.peer.record = effect.record;
      else {
        effect.peer.closed = { code: effect.code, reason: effect.reason };
        this.drop(effect.peer);
      }
    }
  }
}

/** A maker of hosts whose frames enter as `entry`. */
export function hostsWith(entry: FrameEntry): (limits?: Partial<RelayLimits>) => FakeHost {
  return (limits = {}) => new FakeHost(limits, entry);
}

export function announce(peerId: string, role: string, status: 'online' | 'offline', timestamp = 5): string {
  return JSON.stringify({
    id: 0,
    component: 'system',
    type: 'announce',
    payload: { peerId, role, status, version: '1.2.3', timestamp },
  });
}
