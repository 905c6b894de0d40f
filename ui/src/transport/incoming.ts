// The edge (issue 15): every message from the other side is parsed and
// checked against the shared JSON Schema here, once: a relay's batch frames
// in the socket worker (checkFrame, off the page's main thread); its single
// frames, and every frame of a socket without a worker, by the store inside
// its frame budget (openFrame); the playground's as they arrive from Python
// (screenInto). The panel receives checked messages only and
// trusts their shape; what only it can know (targets, cells, buffers) it
// checks itself. An invalid command travels on as its ready-made `error`
// reply, so the panel sends every reply in the order of the commands.
import { BATCH_PREFIX } from '@sidekick/relay';
import { decodeFrame, type HeroToUiMessage, type SystemAnnounceMessage, validateMessage } from '@sidekick/protocol';
import { type ErrorMessage, errorMessage, NO_COMPONENT } from '../messages/outgoing';

/** What the panel applies: a valid hero command, or a peer's announce. */
export type PanelMessage = HeroToUiMessage | SystemAnnounceMessage;

/** An invalid command: the panel sends `reply` (a protocol `error`) back in its turn. */
export interface Refused {
  readonly type: 'refused';
  readonly reply: ErrorMessage;
}

/**
 * A frame handed on as its text, to be opened when the store applies it
 * (openFrame), inside its per-frame budget, so a flood never lands on the
 * page's main thread all at once (issue 17). Text costs far less to copy
 * across threads than parsed objects. `checked`: the socket worker has
 * already parsed and checked every message in it, so the page only parses.
 */
export interface FrameText {
  readonly type: 'frame';
  readonly text: string;
  readonly checked: boolean;
}

/** What checking one message yields. */
export type Checked = PanelMessage | Refused;

/** What the edge hands the panel, in arrival order. */
export type Incoming = Checked | FrameText;

/** Messages already screened (by the socket worker), and the length of the frames they came in. */
export class Screened {
  constructor(
    readonly incoming: readonly Incoming[],
    readonly bytes: number,
  ) {}
}

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
export function screen(value: unknown): Checked | null {
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
 * an invalid one is refused and the others still apply. Returns how many
 * messages the frame carried (0 for a batch that is itself invalid).
 */
export function screenInto(value: unknown, out: Checked[]): number {
  if (field(value, 'component') !== 'system' || field(value, 'type') !== 'batch') {
    const one = screen(value);
    if (one !== null) out.push(one);
    return 1;
  }
  const messages = field(field(value, 'payload'), 'messages');
  if (!Array.isArray(messages) || messages.length === 0) {
    const checked = validateMessage(value);
    const why = checked.valid ? 'payload.messages must not be empty' : checked.error;
    out.push({ type: 'refused', reply: errorMessage('system', '', why) });
    return 0;
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
  return messages.length;
}

/**
 * Parse and check one text frame (JSON, or Python's bare NaN/Infinity as
 * sidekick-py 0.0.7 sends them) into `out`; nothing for what is not JSON, or
 * not ours. Returns how many messages the frame carried (as screenInto).
 */
export function screenFrame(text: string, out: Checked[]): number {
  let value: unknown;
  try {
    value = decodeFrame(text);
  } catch {
    console.warn('[sidekick] ignored a frame that is not JSON');
    return 0;
  }
  return screenInto(value, out);
}

/**
 * The socket worker's edge. A batch frame (by the prefix our hero writes) is
 * parsed and checked here, off the page's main thread, and handed on as a
 * checked FrameText when every message it carried is valid and the panel's
 * (the usual case), else as the screened messages and refusals themselves.
 * A single-message frame goes on unchecked: in a flood of those the worker's
 * time goes to receiving them, and the page checks each within its budget.
 * A batch that begins otherwise is checked on the page too, just as well.
 */
export function checkFrame(text: string, out: Incoming[]): void {
  if (!text.startsWith(BATCH_PREFIX)) {
    out.push({ type: 'frame', text, checked: false });
    return;
  }
  const screened: Checked[] = [];
  const carried = screenFrame(text, screened);
  if (carried > 0 && screened.length === carried && screened.every((one) => one.type !== 'refused')) out.push({ type: 'frame', text, checked: true });
  else for (const one of screened) out.push(one);
}

/** A batch frame as checkFrame has already checked it. */
interface CheckedBatch {
  readonly type: 'batch';
  readonly payload: { readonly messages: readonly PanelMessage[] };
}

/**
 * The messages of a FrameText into `out`, in order: only parsed when the
 * socket worker checked them (the same text parsed there, so this cannot
 * fail), else parsed and checked here.
 */
export function openFrame(frame: FrameText, out: Checked[]): void {
  if (!frame.checked) {
    screenFrame(frame.text, out);
    return;
  }
  const value = decodeFrame(frame.text) as PanelMessage | CheckedBatch;
  if (value.type === 'batch') for (const message of value.payload.messages) out.push(message);
  else out.push(value);
}
