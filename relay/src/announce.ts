// `system/announce` handling (protocol.md, "system/announce"): the only
// messages the relay reads. Everything else is forwarded as opaque text.

/** What the relay remembers about a peer; hosts store it (a Map entry, a DO attachment). */
export interface PeerRecord {
  readonly peerId: string;
  readonly role: string;
  readonly version: string;
  /** Unix ms, as the peer announced it. */
  readonly timestamp: number;
  /** True from the peer's `online` announce until an `offline` is sent, by the peer or on its behalf. */
  readonly online: boolean;
  /** The peer said `acceptsBatch: true`: it may be sent batch frames (absent in records stored before batches). */
  readonly acceptsBatch?: boolean;
}

export type AnnounceStatus = 'online' | 'offline';

export interface Announce {
  readonly peerId: string;
  readonly role: string;
  readonly version: string;
  readonly timestamp: number;
  readonly status: AnnounceStatus;
  readonly acceptsBatch: boolean;
}

/** Text every announce contains; frames without it skip JSON.parse entirely. */
export const ANNOUNCE_MARK = '"announce"';

/** Result of reading a frame that may be an announce. */
export type AnnounceParse =
  | { readonly kind: 'announce'; readonly announce: Announce }
  | { readonly kind: 'other' }
  | { readonly kind: 'invalid'; readonly why: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a frame that contains ANNOUNCE_MARK. Non-announce JSON is 'other';
 * broken JSON or an announce with bad fields is 'invalid' with a short reason.
 * `version` and `timestamp` are optional for old peers ("" and `now`).
 */
export function parseAnnounce(text: string, maxField: number, now: number): AnnounceParse {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { kind: 'invalid', why: 'frame is not valid JSON' };
  }
  if (!isObject(message)) return { kind: 'invalid', why: 'frame is not a JSON object' };
  if (message.component !== 'system' || message.type !== 'announce') return { kind: 'other' };
  const payload = message.payload;
  if (!isObject(payload)) return { kind: 'invalid', why: 'announce without payload' };
  const { peerId, role, status } = payload;
  const version = payload.version ?? '';
  const timestamp = payload.timestamp ?? now;
  if (typeof peerId !== 'string' || peerId.length === 0) return { kind: 'invalid', why: 'announce needs a peerId' };
  if (typeof role !== 'string' || role.length === 0) return { kind: 'invalid', why: 'announce needs a role' };
  if (status !== 'online' && status !== 'offline') {
    return { kind: 'invalid', why: 'announce status must be online or offline' };
  }
  if (typeof version !== 'string') return { kind: 'invalid', why: 'announce version must be a string' };
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) {
    return { kind: 'invalid', why: 'announce timestamp must be a number' };
  }
  const acceptsBatch = payload.acceptsBatch ?? false;
  if (typeof acceptsBatch !== 'boolean') return { kind: 'invalid', why: 'announce acceptsBatch must be a boolean' };
  if (peerId.length > maxField || role.length > maxField || version.length > maxField) {
    return { kind: 'invalid', why: `announce field longer than ${maxField} characters` };
  }
  return { kind: 'announce', announce: { peerId, role, version, timestamp, status, acceptsBatch } };
}

/** The wire text of an announce the relay sends itself (peer list, offline on behalf); `acceptsBatch` only when true. */
export function announceOfRecord(record: PeerRecord, status: AnnounceStatus, timestamp: number): string {
  const payload = { peerId: record.peerId, role: record.role, status, version: record.version, timestamp };
  return JSON.stringify({
    id: 0,
    component: 'system',
    type: 'announce',
    payload: record.acceptsBatch === true ? { ...payload, acceptsBatch: true } : payload,
  });
}

/**
 * How every batch frame begins (protocol.md "system/batch"). The relay spots
 * batches by this prefix alone, never parsing them, and sends them only to
 * peers whose announce said `acceptsBatch`.
 */
export const BATCH_PREFIX = '{"id":0,"component":"system","type":"batch",';
