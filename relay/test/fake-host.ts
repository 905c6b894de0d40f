// A tiny in-memory host for the core tests: a Map registry that records what
// each peer was sent and how it was closed.
import type { PeerRecord } from '../src/announce.js';
import type { PeerRegistry, RelayEffect } from '../src/ports.js';
import { Relay } from '../src/relay.js';
import type { RelayLimits } from '../src/limits.js';

export interface FakePeer {
  readonly key: string;
  record?: PeerRecord;
  received: string[];
  closed?: { code: number; reason: string };
}

export class FakeHost {
  readonly peers = new Map<string, FakePeer>();
  readonly registry: PeerRegistry<FakePeer> = {
    peers: () => this.peers.values(),
    keyOf: (peer) => peer.key,
    recordOf: (peer) => peer.record,
  };
  readonly relay: Relay<FakePeer>;
  clock = 1000;

  constructor(limits: Partial<RelayLimits> = {}) {
    this.relay = new Relay(this.registry, limits, () => this.clock);
  }

  connect(key: string): FakePeer {
    const peer: FakePeer = { key, received: [] };
    this.peers.set(key, peer);
    this.apply(this.relay.connected(peer));
    return peer;
  }

  send(peer: FakePeer, text: string): readonly RelayEffect<FakePeer>[] {
    const effects = this.relay.text(peer, text);
    this.apply(effects);
    return effects;
  }

  /** Removes the peer first (like the Node host), then tells the core. */
  drop(peer: FakePeer): readonly RelayEffect<FakePeer>[] {
    this.peers.delete(peer.key);
    const effects = this.relay.closed(peer);
    this.apply(effects);
    return effects;
  }

  apply(effects: readonly RelayEffect<FakePeer>[]): void {
    for (const effect of effects) {
      if (effect.kind === 'send') for (const to of effect.to) to.received.push(effect.text);
      else if (effect.kind === 'store') effect.peer.record = effect.record;
      else {
        effect.peer.closed = { code: effect.code, reason: effect.reason };
        this.drop(effect.peer);
      }
    }
  }
}

export function announce(peerId: string, role: string, status: 'online' | 'offline', timestamp = 5): string {
  return JSON.stringify({
    id: 0,
    component: 'system',
    type: 'announce',
    payload: { peerId, role, status, version: '1.2.3', timestamp },
  });
}
