// A WebSocket client written by hand over node:net, for the framing cases of
// the conformance suite: it can send frames no WebSocket library would (unmasked,
// reserved bits or opcodes, half frames) and reports exactly how the host ended
// the connection. Framing follows RFC 6455 section 5.
import { createHash, randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { RefusedError, Waits } from './client.js';

/** Opcodes of RFC 6455 section 5.2 (0x3-0x7 and 0xB-0xF are reserved). */
export const Opcode = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

export interface FrameSpec {
  readonly opcode: number;
  readonly payload?: Uint8Array | string;
  /** FIN bit; default true. */
  readonly fin?: boolean;
  /** RSV1..RSV3 as a 3-bit number (4 = RSV1, 2 = RSV2, 1 = RSV3); default 0. */
  readonly rsv?: number;
  /** Mask the payload as a client must; default true. */
  readonly mask?: boolean;
}

/** One frame's bytes: header, extended length, masking key, (masked) payload. */
export function encodeFrame(spec: FrameSpec): Buffer {
  const payload = typeof spec.payload === 'string' ? Buffer.from(spec.payload) : Buffer.from(spec.payload ?? []);
  const masked = spec.mask ?? true;
  const length = payload.length;
  const lengthBytes = length < 126 ? 0 : length <= 0xffff ? 2 : 8;
  const header = Buffer.alloc(2 + lengthBytes + (masked ? 4 : 0));
  header[0] = ((spec.fin ?? true) ? 0x80 : 0) | (((spec.rsv ?? 0) & 0x7) << 4) | (spec.opcode & 0xf);
  header[1] = (masked ? 0x80 : 0) | (lengthBytes === 0 ? length : lengthBytes === 2 ? 126 : 127);
  if (lengthBytes === 2) header.writeUInt16BE(length, 2);
  if (lengthBytes === 8) header.writeBigUInt64BE(BigInt(length), 2);
  if (!masked) return Buffer.concat([header, payload]);
  const key = randomBytes(4);
  key.copy(header, 2 + lengthBytes);
  const body = Buffer.alloc(length);
  for (let i = 0; i < length; i++) body[i] = payload[i]! ^ key[i & 3]!;
  return Buffer.concat([header, body]);
}

/** How the host ended a raw connection. */
export interface RawEnd {
  /** The host's close frame, if it sent one before the TCP connection ended. */
  readonly closeFrame: { readonly code: number | undefined; readonly reason: string } | undefined;
}

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'; // RFC 6455 section 1.3

export class RawPeer {
  /** Text messages received (server frames, reassembled). */
  readonly messages: string[] = [];
  closeFrame: RawEnd['closeFrame'];
  /** Resolves when the TCP connection has ended, however it ended. */
  readonly ended: Promise<RawEnd>;
  private inbox: Buffer = Buffer.alloc(0);
  private fragments: Buffer[] | undefined;
  private sentClose = false;
  private gone = false;
  private readonly waits = new Waits(() => `raw peer got ${this.messages.length} messages`);

  private constructor(private readonly socket: Socket, rest: Buffer) {
    this.ended = new Promise((resolve) => {
      socket.once('close', () => {
        this.gone = true;
        resolve({ closeFrame: this.closeFrame });
        this.waits.recheck();
      });
    });
    socket.on('error', () => {
      // A reset from either side ends in 'close', which is what the tests look at.
    });
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    if (rest.length > 0) this.receive(rest);
  }

  /** Opens a TCP connection and does the HTTP/1.1 Upgrade handshake by hand (no extensions offered). */
  static open(url: string): Promise<RawPeer> {
    const target = new URL(url);
    const port = Number(target.port || (target.protocol === 'wss:' ? 443 : 80));
    const key = randomBytes(16).toString('base64');
    const expectedAccept = createHash('sha1').update(key + WS_GUID).digest('base64');
    return new Promise((resolve, reject) => {
      const socket = connect({ host: target.hostname, port });
      let head = Buffer.alloc(0);
      const fail = (error: Error) => {
        socket.destroy();
        reject(error);
      };
      const onData = (chunk: Buffer) => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        socket.off('data', onData);
        socket.off('error', fail);
        const [statusLine = '', ...lines] = head.subarray(0, end).toString('latin1').split('\r\n');
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? 0);
        if (status !== 101) return fail(new RefusedError(status));
        const headers = new Map(lines.map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const;
        }));
        if (headers.get('sec-websocket-accept') !== expectedAccept) return fail(new Error(`bad Sec-WebSocket-Accept in ${statusLine}`));
        if (headers.has('sec-websocket-extensions')) return fail(new Error('the host accepted an extension nobody offered'));
        resolve(new RawPeer(socket, head.subarray(end + 4)));
      };
      socket.on('data', onData);
      socket.on('error', fail);
      socket.write(
        [
          `GET ${target.pathname}${target.search} HTTP/1.1`,
          `Host: ${target.host}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${key}`,
          'Sec-WebSocket-Version: 13',
          '',
          '',
        ].join('\r\n'),
      );
    });
  }

  /** Writes bytes as they are (frames from `encodeFrame`, or parts of one). */
  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve) => {
      if (this.gone || this.socket.destroyed) return resolve();
      // A write error means the host already dropped us; the tests look at how it ended.
      this.socket.write(bytes, () => resolve());
    });
  }

  /** A well-formed, masked text frame. */
  sendText(text: string): Promise<void> {
    return this.write(encodeFrame({ opcode: Opcode.text, payload: text }));
  }

  /** Starts a clean close: a close frame with `code`; the host's answer ends the connection. */
  sendClose(code = 1000): Promise<void> {
    this.sentClose = true;
    const payload = Buffer.alloc(2);
    payload.writeUInt16BE(code);
    return this.write(encodeFrame({ opcode: Opcode.close, payload }));
  }

  /** TCP half-close: sends FIN, keeps reading until the host ends its side. */
  halfClose(): void {
    this.socket.end();
  }

  /** Abrupt end: TCP RST, nothing more is read. */
  reset(): void {
    this.socket.resetAndDestroy();
  }

  /** Resolves once `ready()` holds, re-checked on every message and when the connection ends. */
  until(ready: () => boolean, what: string, timeoutMs?: number): Promise<void> {
    return this.waits.until(ready, what, timeoutMs);
  }

  /** Resolves when the host has sent a close frame or ended the TCP connection, whichever comes first. */
  closedByHost(what: string, timeoutMs?: number): Promise<void> {
    return this.until(() => this.closeFrame !== undefined || this.gone, what, timeoutMs);
  }

  /** The end of the TCP connection (`timeoutMs` is a hang guard, not a timing assertion). */
  async endWithin(timeoutMs: number, what: string): Promise<RawEnd> {
    await this.until(() => this.gone, what, timeoutMs);
    return this.ended;
  }

  /** Ends whatever is left of the connection (test cleanup). */
  destroy(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.inbox = this.inbox.length === 0 ? chunk : Buffer.concat([this.inbox, chunk]);
    for (;;) {
      const frame = parseFrame(this.inbox);
      if (!frame) break;
      this.inbox = this.inbox.subarray(frame.size);
      this.handle(frame.opcode, frame.fin, frame.payload);
    }
    this.waits.recheck();
  }

  private handle(opcode: number, fin: boolean, payload: Buffer): void {
    if (opcode === Opcode.close) {
      this.closeFrame = {
        code: payload.length >= 2 ? payload.readUInt16BE(0) : undefined,
        reason: payload.subarray(2).toString(),
      };
      // Answer the close and end our side (RFC 6455 section 7.1.1 lets a client do so once both close frames are out).
      if (!this.sentClose) void this.write(encodeFrame({ opcode: Opcode.close, payload: payload.subarray(0, 2) }));
      this.sentClose = true;
      this.socket.end();
    } else if (opcode === Opcode.ping) {
      void this.write(encodeFrame({ opcode: Opcode.pong, payload }));
    } else if (opcode === Opcode.text || opcode === Opcode.continuation) {
      if (opcode === Opcode.text) this.fragments = [];
      this.fragments?.push(payload);
      if (fin && this.fragments) {
        this.messages.push(Buffer.concat(this.fragments).toString());
        this.fragments = undefined;
      }
    }
  }
}

/** One complete frame at the start of `data` (server frames may be masked or not), or undefined if it has not all arrived. */
function parseFrame(data: Buffer): { opcode: number; fin: boolean; payload: Buffer; size: number } | undefined {
  if (data.length < 2) return undefined;
  const fin = (data[0]! & 0x80) !== 0;
  const opcode = data[0]! & 0x0f;
  const masked = (data[1]! & 0x80) !== 0;
  let length = data[1]! & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (data.length < 4) return undefined;
    length = data.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (data.length < 10) return undefined;
    length = Number(data.readBigUInt64BE(2));
    offset = 10;
  }
  const keyAt = offset;
  if (masked) offset += 4;
  if (data.length < offset + length) return undefined;
  const payload = Buffer.from(data.subarray(offset, offset + length));
  if (masked) for (let i = 0; i < length; i++) payload[i] = payload[i]! ^ data[keyAt + (i & 3)]!;
  return { opcode, fin, payload, size: offset + length };
}
