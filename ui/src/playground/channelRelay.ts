// The relay core (@sidekick/relay) hosted over in-page channels instead of
// sockets: one session whose peers are whatever joins it (in the playground,
// the hero in Pyodide and the panel). It behaves like the Node server and the
// Durable Object because it is the same core: peers already online are
// announced to a newcomer, a peer that leaves without an `offline` gets one on
// its behalf, bad input closes its sender, and every other frame is forwarded
// as the exact text it arrived as.
import { outgoing, type PeerRecord, type PeerRegistry, Relay, type RelayEffect, type RelayLimits } from '@sidekick/relay';

/** What the host does for one peer: hand it text, tell it the relay closed it. */
export interface ChannelEnd {
  deliver(text: string): void;
  /** The relay closed this peer (bad input, session full); nothing reaches it afterwards. */
  closed(code: number, reason: string): void;
}

/** One peer's side of the session, open from `join` until `leave` or a close by the relay. */
export interface ChannelLink {
  readonly open: boolean;
  /** What the peer last announced (undefined before its first announce). */
  readonly record: PeerRecord | undefined;
  /** A text frame from this peer. Ignored once the link is closed. */
  send(text: string): void;
  /** A frame that is not text: the protocol has none, so the relay closes the sender. */
  sendBinary(): void;
  /** Send this peer the announces of the peers online now (as on join), e.g. when it listens again. */
  greet(): void;
  /** The peer is gone (closed, dropped); an `offline` goes out on its behalf if it did not send one. */
  leave(): void;
}

interface Peer {
  readonly key: string;
  readonly end: ChannelEnd;
  open: boolean;
}

export class ChannelRelay {
  private readonly relay: Relay<Peer>;
  private readonly peers = new Map<string, Peer>();
  private readonly records = new Map<string, PeerRecord>();
  private nextKey = 0;

  constructor(limits: Partial<RelayLimits> = {}, now: () => number = Date.now) {
    const registry: PeerRegistry<Peer> = {
      peers: () => this.peers.values(),
      keyOf: (peer) => peer.key,
      recordOf: (peer) => this.records.get(peer.key),
    };
    this.relay = new Relay(registry, limits, now);
  }

  get limits(): RelayLimits {
    return this.relay.limits;
  }

  join(end: ChannelEnd): ChannelLink {
    const peer: Peer = { key: `peer-${++this.nextKey}`, end, open: true };
    this.peers.set(peer.key, peer);
    this.apply(this.relay.connected(peer));
    const records = this.records;
    return {
      get open() {
        return peer.open;
      },
      get record() {
        return records.get(peer.key);
      },
      send: (text) => {
        if (peer.open) this.apply(this.relay.text(peer, text), text);
      },
      sendBinary: () => {
        if (peer.open) this.apply(this.relay.binary(peer));
      },
      greet: () => {
        if (peer.open) this.apply(this.relay.connected(peer));
      },
      leave: () => this.drop(peer),
    };
  }

  /** Carries out the core's effects in order (as the socket hosts do); a `forward` delivers `frame`, the text received. */
  private apply(effects: readonly RelayEffect<Peer>[], frame?: string): void {
    for (const effect of effects) {
      switch (effect.kind) {
        case 'send':
        case 'forward': {
          const text = outgoing(effect, frame);
          for (const peer of effect.to) if (peer.open) peer.end.deliver(text);
          break;
        }
        case 'store':
          if (effect.peer.open) this.records.set(effect.peer.key, effect.record);
          break;
        case 'close':
          this.drop(effect.peer, () => effect.peer.end.closed(effect.code, effect.reason));
          break;
      }
    }
  }

  /** Takes a peer out of the session once; the core then sends its `offline` if it owes one. */
  private drop(peer: Peer, tell?: () => void): void {
    if (!peer.open) return;
    peer.open = false;
    this.peers.delete(peer.key);
    tell?.();
    this.apply(this.relay.closed(peer));
    this.records.delete(peer.key);
  }
}
