// `ws` closes a socket itself for a frame over maxPayload (1009) or invalid
// UTF-8 (1007), with an empty reason. This subclass fills in a reason, so every
// close the relay causes says why.
import { CloseReason } from '@sidekick/relay';
import { WebSocket } from 'ws';

const DEFAULT_REASONS: Partial<Record<number, string>> = {
  1007: 'text frame is not valid UTF-8',
  1009: CloseReason.tooBig,
};

export class PeerSocket extends WebSocket {
  override close(code?: number, reason?: string | Buffer): void {
    const fallback = code === undefined ? undefined : DEFAULT_REASONS[code];
    super.close(code, reason === undefined || reason.length === 0 ? fallback : reason);
  }
}
