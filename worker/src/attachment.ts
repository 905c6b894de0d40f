// What a hibernatable socket carries through hibernation: its connection key
// and the peer record the relay core stored for it (peerId, role, version,
// timestamp, online/offline). A woken object rebuilds everything from this.
import type { PeerRecord } from '@sidekick/relay';

/** Namespaced so sockets that are not ours (no such key) are recognisable. */
const NAMESPACE = 'sidekick.peer';

export interface PeerAttachment {
  readonly key: string;
  readonly record?: PeerRecord;
}

type Stored = { readonly [NAMESPACE]: PeerAttachment };

// Decoding an attachment is a structured-clone read; the hot path asks for
// keys of every peer on every frame, so decoded values are cached per socket.
// The cache is only a cache: after a wake-up it refills from the attachments.
const cache = new WeakMap<WebSocket, PeerAttachment | null>();

export function readAttachment(ws: WebSocket): PeerAttachment | null {
  const cached = cache.get(ws);
  if (cached !== undefined) return cached;
  const stored: unknown = ws.deserializeAttachment();
  const value =
    typeof stored === 'object' && stored !== null && NAMESPACE in stored ? (stored as Stored)[NAMESPACE] : null;
  cache.set(ws, value);
  return value;
}

export function writeAttachment(ws: WebSocket, value: PeerAttachment): void {
  const stored: Stored = { [NAMESPACE]: value };
  ws.serializeAttachment(stored);
  cache.set(ws, value);
}
