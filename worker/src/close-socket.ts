// Best-effort close of a hibernatable socket. The Hibernation API leaves the
// close handshake to us; codes 1005/1006/1015 describe a missing or broken
// close and must never be sent (RFC 6455 section 7.4.1), so they become 1000.
const NOT_SENDABLE = new Set([1005, 1006, 1015]);

export function sendableCode(code: number): number {
  return NOT_SENDABLE.has(code) ? 1000 : code;
}

export function closeQuietly(ws: WebSocket, code: number, reason?: string): void {
  try {
    ws.close(sendableCode(code), reason);
  } catch {
    // Already closed or the peer is gone: nothing left to tell it.
  }
}
