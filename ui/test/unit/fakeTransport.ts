// A Transport a test drives by hand: it records what the panel sends.
import { screen } from '../../src/transport/incoming';
import type { Transport, TransportListener, TransportStatus } from '../../src/transport/types';

export class FakeTransport implements Transport {
  readonly sent: Record<string, unknown>[] = [];
  private readonly listeners = new Set<TransportListener>();
  private status: TransportStatus = 'connecting';

  send(message: object): void {
    this.sent.push(JSON.parse(JSON.stringify(message)) as Record<string, unknown>);
  }

  subscribe(listener: TransportListener): () => void {
    this.listeners.add(listener);
    listener.onStatus(this.status);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.setStatus('closed');
  }

  setStatus(status: TransportStatus, reason?: string): void {
    this.status = status;
    for (const listener of this.listeners) listener.onStatus(status, reason);
  }

  /** Messages from the other side, checked at the edge as the real transports do. */
  deliver(...messages: unknown[]): void {
    for (const message of messages) {
      const incoming = screen(message);
      if (incoming !== null) for (const listener of this.listeners) listener.onMessages([incoming], 0);
    }
  }

  /** Messages of one protocol `type` the panel sent. */
  ofType(type: string): Record<string, unknown>[] {
    return this.sent.filter((m) => m.type === type);
  }
}
