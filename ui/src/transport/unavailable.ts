// A transport that never connects, for a page that knows it cannot (e.g. a
// malformed session id): the status bar shows why instead of retrying forever.
import type { Transport, TransportListener } from './types';

export class UnavailableTransport implements Transport {
  constructor(private readonly reason: string) {}

  send(): void {}

  subscribe(listener: TransportListener): () => void {
    listener.onStatus('closed', this.reason);
    return () => undefined;
  }

  close(): void {}
}
