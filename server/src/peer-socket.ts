// `ws` closes a socket itself for broken framing (1002: unmasked frame, RSV
// bits, reserved opcode, bad control or continuation frame), a frame over
// maxPayload (1009) or invalid UTF-8 (1007), with an empty reason. This
// subclass fills in a reason, so every close the relay causes says why, and
// trims reasons to what a close frame holds.
import { CloseReason } from '@sidekick/relay';
import { WebSocket } from 'ws';

const DEFAULT_REASONS: Partial<Record<number, string>> = {
  1002: 'broken WebSocket framing (RFC 6455 protocol error)',
  1007: 'text frame is not valid UTF-8',
  1009: CloseReason.tooBig,
};

/** A close reason may hold at most 123 bytes (RFC 6455 section 5.5); longer ones would throw. */
const MAX_REASON_BYTES = 123;

export class PeerSocket extends WebSocket {
  override close(code?: number, reason?: string | Buffer): void {
    let text = reason === undefined || reason.length === 0 ? (code === undefined ? undefined : DEFAULT_REASONS[code]) : reason;
    if (typeof text === 'string') {
      while (Buffer.byteLength(text) > MAX_REASON_BYTES) text = text.slice(0, -1);
    }
    super.close(code, text);
  }
}
