// The edge (issue 15): every message from the other side is parsed and
// checked against the shared JSON Schema here, once, where it enters the page
// (WebSocketTransport.receive for the frames the socket worker hands over, or
// the playground runner). Doing it inside the socket worker instead would take
// this work off the main thread (issue 17's open fps target). The panel
// receives typed messages only and trusts their
// shape; what only it can know (targets, cells, buffers) it checks itself.
// An invalid command travels on as its ready-made `error` reply, so the panel
// sends every reply in the order of the commands.
import { decodeFrame, type HeroToUiMessage, type SystemAnnounceMessage, validateMessage } from '@sidekick/protocol';
import { type ErrorMessage, errorMessage, NO_COMPONENT } from '../messages/outgoing';

/** What the panel applies: a valid hero command, or a peer's announce. */
export type PanelMessage = HeroToUiMessage | SystemAnnounceMessage;

/** An invalid command: the panel sends `reply` (a protocol `error`) back in its turn. */
export interface Refused {
  readonly type: 'refused';
  readonly reply: ErrorMessage;
}

/** What the edge hands the panel, in arrival order. */
export type Incoming = PanelMessage | Refused;

/** Why a message inside a batch is refused before its own check (protocol.md "system/batch"). */
const NOT_IN_A_BATCH = 'type: announces and batches never travel inside a batch';

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
    if (message.type === 'event' || message.type === 'error') return null;
    // A batch is opened by screenInto; one that gets here was nested in another.
    if (message.type === 'batch') return { type: 'refused', reply: errorMessage('system', '', NOT_IN_A_BATCH) };
    // What is left (announce, clearAll, commands) is the panel's.
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

/**
 * Check one decoded frame into `out`: a batch (protocol.md "system/batch")
 * yields its messages, each checked on its own as if it had come alone, so
 * an invalid one is refused and the others still apply.
 */
export function screenInto(value: unknown, out: Incoming[]): void {
  if (field(value, 'component') !== 'system' || field(value, 'type') !== 'batch') {
    const one = screen(value);
    if (one !== null) out.push(one);
    return;
  }
  const messages = field(field(value, 'payload'), 'messages');
  if (!Array.isArray(messages) || messages.length === 0) {
    const checked = validateMessage(value);
    const why = checked.valid ? 'payload.messages must not be empty' : checked.error;
    out.push({ type: 'refused', reply: errorMessage('system', '', why) });
    return;
  }
  for (const message of messages as unknown[]) {
    const type = field(message, 'type');
    if (type === 'batch' || type === 'announce') {
      const component = field(message, 'component');
      out.push({ type: 'refused', reply: errorMessage(typeof component === 'string' ? component : NO_COMPONENT, '', NOT_IN_A_BATCH) });
      continue;
    }
    const one = screen(message);
    // An item that names no component is the batch's fault: the reply names the batch ('system').
    if (one?.type === 'refused' && typeof field(message, 'component') !== 'string') out.push({ type: 'refused', reply: { ...one.reply, component: 'system' } });
    else if (one !== null) out.push(one);
  }
}

/** Parse and check one text frame (JSON, or Python's bare NaN/Infinity as sidekick-py 0.0.7 sends them) into `out`; nothing for what is not JSON, or not ours. */
export function screenFrame(text: string, out: Incoming[]): void {
  let value: unknown;
  try {
    value = decodeFrame(text);
  } catch {
    console.warn('[sidekick] ignored a frame that is not JSON');
    return;
  }
  screenInto(value, out);
}
