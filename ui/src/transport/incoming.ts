// The edge (issue 15): every message from the other side is parsed and
// checked against the shared JSON Schema here, once, where it arrives (in the
// socket worker, or in the page's own socket or playground runner when there
// is no worker). The panel receives typed messages only and trusts their
// shape; what only it can know (targets, cells, buffers) it checks itself.
// An invalid command travels on as its ready-made `error` reply, so the panel
// sends every reply in the order of the commands.
import { decodeFrame, type HeroToUiMessage, type SystemAnnounceMessage, validateMessage } from '@sidekick/protocol';
import { type ErrorMessage, errorMessage, NO_COMPONENT } from '../protocol/messages';

/** What the panel applies: a valid hero command, or a peer's announce. */
export type PanelMessage = HeroToUiMessage | SystemAnnounceMessage;

/** An invalid command: the panel sends `reply` (a protocol `error`) back in its turn. */
export interface Refused {
  readonly type: 'refused';
  readonly reply: ErrorMessage;
}

/** What the edge hands the panel, in arrival order. */
export type Incoming = PanelMessage | Refused;

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * Check one decoded message (protocol.md "When things go wrong"); null for
 * what is not the panel's: other peers' events and errors, which the relay
 * forwards to everyone.
 */
export function screen(value: unknown): Incoming | null {
  const type = field(value, 'type');
  if (type === 'event' || type === 'error') return null;
  const checked = validateMessage(value);
  if (checked.valid) {
    const message = checked.message;
    // The schema allows exactly one system and one global message, so what is left is the panel's.
    if (message.type === 'event' || message.type === 'error') return null;
    return message;
  }
  // The reply echoes the command's component and target as they were, when they were strings.
  const component = field(value, 'component');
  const target = field(value, 'target');
  return {
    type: 'refused',
    reply: errorMessage(typeof component === 'string' ? component : NO_COMPONENT, typeof target === 'string' ? target : '', checked.error),
  };
}

/** Parse and check one text frame (JSON, or Python's bare NaN/Infinity as sidekick-py 0.0.7 sends them); null: not JSON, or not ours. */
export function screenFrame(text: string): Incoming | null {
  let value: unknown;
  try {
    value = decodeFrame(text);
  } catch {
    console.warn('[sidekick] ignored a frame that is not JSON');
    return null;
  }
  return screen(value);
}
