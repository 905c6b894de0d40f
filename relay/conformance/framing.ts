// Conformance cases for clients that break the WebSocket protocol itself (not
// just send bad messages): a raw TCP client (raw-peer.ts) announces as a peer
// with a proper frame, then sends broken framing or drops the connection in
// the middle of a frame. Whatever it sends, the host closes only that
// connection, the others get the `offline` in its name and keep talking, and
// the host keeps accepting peers.
import { afterEach, describe, expect, it } from 'vitest';
import { announceOf, announceFrame, type TestPeer } from './client.js';
import type { RelayHost } from './host.js';
import { encodeFrame, Opcode, RawPeer } from './raw-peer.js';

/** What the suite hands these cases (see suite.ts). */
export interface FramingContext {
  host(): RelayHost;
  session(): string;
  connect(session: string): Promise<TestPeer>;
  barrier(from: TestPeer, to: TestPeer): Promise<void>;
}

/** Close code for a protocol error (RFC 6455 section 7.4.1). */
const PROTOCOL_ERROR = 1002;
/** Close code for data that does not fit its frame type, such as invalid UTF-8 in a text frame. */
const INVALID_PAYLOAD = 1007;
/** Hang guard for the end of a TCP connection, which a host may hold until its close handshake or eviction. */
const END_GUARD = 25_000;

/** A well-formed frame the raw peer sends right behind the broken bytes: a host that fails the connection never forwards it. */
const AFTER_BAD = '{"id":0,"component":"label","type":"remove","target":"after-bad"}';
const UNMASKED = '{"id":0,"component":"label","type":"remove","target":"unmasked"}';

interface BrokenFrame {
  readonly what: string;
  readonly bytes: () => Buffer;
  /**
   * Set for errors that a host without `strictFraming` reads as a well-formed
   * frame: the texts the others then get from the raw peer.
   */
  readonly lenient?: readonly string[];
}

/** Framing errors after which a host must fail the connection (RFC 6455 sections 5.1-5.5, 7.1.7). */
const brokenFrames: readonly BrokenFrame[] = [
  { what: 'an unmasked client frame', bytes: () => encodeFrame({ opcode: Opcode.text, payload: UNMASKED, mask: false }), lenient: [UNMASKED, AFTER_BAD] },
  { what: 'a frame with RSV1 set and no extension negotiated', bytes: () => encodeFrame({ opcode: Opcode.text, payload: AFTER_BAD, rsv: 4 }) },
  { what: 'a frame with RSV2 and RSV3 set', bytes: () => encodeFrame({ opcode: Opcode.text, payload: AFTER_BAD, rsv: 3 }) },
  { what: 'a reserved data opcode (0x3)', bytes: () => encodeFrame({ opcode: 0x3, payload: AFTER_BAD }) },
  { what: 'a reserved control opcode (0xB)', bytes: () => encodeFrame({ opcode: 0xb, payload: 'x' }) },
  {
    what: 'a control frame longer than 125 bytes (a 126-byte ping)',
    bytes: () => encodeFrame({ opcode: Opcode.ping, payload: 'p'.repeat(126) }),
    lenient: [AFTER_BAD],
  },
  { what: 'a fragmented control frame (a ping without FIN)', bytes: () => encodeFrame({ opcode: Opcode.ping, payload: 'p', fin: false }) },
  { what: 'a continuation frame with no message started', bytes: () => encodeFrame({ opcode: Opcode.continuation, payload: AFTER_BAD }) },
  {
    what: 'a new text frame in the middle of a fragmented message',
    bytes: () => Buffer.concat([encodeFrame({ opcode: Opcode.text, payload: '{"t":', fin: false }), encodeFrame({ opcode: Opcode.text, payload: '1}' })]),
  },
];

export function defineFramingCases(ctx: FramingContext): void {
  describe('broken WebSocket framing closes only the broken connection', () => {
    let raws: RawPeer[] = [];
    afterEach(() => {
      for (const raw of raws) raw.destroy();
      raws = [];
    });

    /**
     * A session with two well-behaved peers (`ui`, announced online, and
     * `hero`) and a raw peer announced online as `broken-1`; both have seen
     * that announce, so the relay holds the raw peer's record.
     */
    const setUp = async () => {
      const s = ctx.session();
      const ui = await ctx.connect(s);
      await ui.announce('ui-1', 'sidekick', 'online');
      const hero = await ctx.connect(s);
      await hero.until(() => hero.messages.length === 1, "ui-1's online announce");
      const raw = await RawPeer.open(ctx.host().wsUrl(s));
      raws.push(raw);
      await raw.until(() => raw.messages.length === 1, "the raw peer's list of who is online");
      await raw.sendText(announceFrame('broken-1', 'hero', 'online', 1000));
      const sawOnline = (peer: TestPeer) => peer.messages.some((m) => announceOf(m)?.peerId === 'broken-1');
      await ui.until(() => sawOnline(ui), "the raw peer's online announce");
      await hero.until(() => sawOnline(hero), "the raw peer's online announce");
      return { s, ui, hero, raw };
    };

    /**
     * Once the raw peer is gone: exactly one offline in its name, nothing else
     * from it but `forwarded`, the others still talk both ways and stay open,
     * and a newcomer gets in and is told only about the peers still online.
     */
    const expectSessionGoesOn = async (s: string, ui: TestPeer, hero: TestPeer, forwarded: readonly string[] = []) => {
      const offlineOfBroken = (peer: TestPeer) =>
        peer.messages.map(announceOf).filter((p) => p?.peerId === 'broken-1' && p.status === 'offline');
      await ui.until(() => offlineOfBroken(ui).length > 0, 'the offline announce on behalf of the broken peer');
      await hero.until(() => offlineOfBroken(hero).length > 0, 'the offline announce on behalf of the broken peer');
      await ctx.barrier(hero, ui);
      await ctx.barrier(ui, hero);
      for (const peer of [ui, hero]) {
        expect(offlineOfBroken(peer)).toHaveLength(1);
        expect(offlineOfBroken(peer)[0]).toMatchObject({ role: 'hero', version: 'conformance-1' });
        const others = peer.messages.filter((m) => !m.includes('"barrier"') && announceOf(m) === undefined);
        expect(others).toEqual(forwarded);
        expect(peer.binaryCount.value).toBe(0);
        expect(peer.closeInfo).toBeUndefined();
      }
      const late = await ctx.connect(s);
      await ctx.barrier(hero, late);
      const listed = late.messages.map(announceOf).filter((p) => p !== undefined);
      expect(listed.map((p) => `${p.peerId} ${p.status}`)).toEqual(['ui-1 online']);
      await ctx.barrier(late, ui);
      expect(late.closeInfo).toBeUndefined();
    };

    for (const { what, bytes, lenient } of brokenFrames) {
      const title = lenient
        ? `${what}: the host fails the connection with 1002 (or, without strictFraming, reads the frame as well-formed); the session goes on`
        : `${what}: the host fails the connection with 1002 and a reason; the session goes on`;
      it(title, async () => {
        const { s, ui, hero, raw } = await setUp();
        await raw.write(Buffer.concat([bytes(), encodeFrame({ opcode: Opcode.text, payload: AFTER_BAD })]));
        if (lenient && !ctx.host().capabilities.strictFraming) {
          // The runtime takes the frame as if it were well-formed: what follows is relayed as usual.
          await ui.until(() => ui.messages.includes(AFTER_BAD), 'the frame after the leniently read one');
          expect(raw.closeFrame).toBeUndefined();
          await raw.sendClose();
          await raw.closedByHost('the answer to the close frame');
          return expectSessionGoesOn(s, ui, hero, lenient);
        }
        await raw.closedByHost('the host to fail the connection', END_GUARD);
        // Both hosts send a close frame before they end the TCP connection.
        expect(raw.closeFrame?.code).toBe(PROTOCOL_ERROR);
        expect(raw.closeFrame?.reason.length).toBeGreaterThan(0);
        await expectSessionGoesOn(s, ui, hero);
      });
    }

    it('after a protocol error the host also ends the TCP connection', async () => {
      const { s, ui, hero, raw } = await setUp();
      await raw.write(encodeFrame({ opcode: 0x3, payload: 'x' }));
      // The raw peer answers the close frame and half-closes; the host must then end the connection.
      // (workerd ends it only when the Durable Object is evicted, ~10 s after its last event.)
      const end = await raw.endWithin(END_GUARD, 'the host to end the TCP connection');
      expect(end.closeFrame?.code).toBe(PROTOCOL_ERROR);
      await expectSessionGoesOn(s, ui, hero);
    });

    it('a text frame with invalid UTF-8: failed with 1007, or decoded with U+FFFD as the host says; the session goes on', async () => {
      const { s, ui, hero, raw } = await setUp();
      const invalid = Buffer.concat([Buffer.from('{"t":"'), Buffer.from([0xff, 0xc3, 0x28]), Buffer.from('"}')]);
      await raw.write(Buffer.concat([encodeFrame({ opcode: Opcode.text, payload: invalid }), encodeFrame({ opcode: Opcode.text, payload: AFTER_BAD })]));
      if (ctx.host().capabilities.invalidUtf8Closes) {
        await raw.closedByHost('the host to fail the connection', END_GUARD);
        expect(raw.closeFrame?.code).toBe(INVALID_PAYLOAD);
        expect(raw.closeFrame?.reason.length).toBeGreaterThan(0);
        return expectSessionGoesOn(s, ui, hero);
      }
      // Decoded with replacement characters, the text is valid from then on and relayed like any frame;
      // the others never get bytes that are not UTF-8 (their own WebSocket would fail on them).
      const replaced = '{"t":"\uFFFD\uFFFD("}';
      await ui.until(() => ui.messages.includes(AFTER_BAD), 'the frame after the replaced one');
      expect(raw.closeFrame).toBeUndefined();
      await raw.sendClose();
      await raw.closedByHost('the answer to the close frame');
      await expectSessionGoesOn(s, ui, hero, [replaced, AFTER_BAD]);
    });

    it('a TCP half-close in the middle of a frame: the host ends the connection, nothing is forwarded, the session goes on', async () => {
      const { s, ui, hero, raw } = await setUp();
      const frame = encodeFrame({ opcode: Opcode.text, payload: AFTER_BAD });
      await raw.write(frame.subarray(0, 9)); // header, masking key and three payload bytes
      raw.halfClose();
      // What both hosts guarantee is the end of the connection: the local server just ends it,
      // workerd first sends a close frame (1000) that the raw peer answers.
      await raw.endWithin(END_GUARD, 'the host to end the half-closed connection');
      await expectSessionGoesOn(s, ui, hero);
    });

    it('a TCP reset in the middle of a frame: nothing is forwarded, the session goes on', async () => {
      const { s, ui, hero, raw } = await setUp();
      const frame = encodeFrame({ opcode: Opcode.text, payload: AFTER_BAD });
      await raw.write(frame.subarray(0, 9));
      raw.reset();
      await expectSessionGoesOn(s, ui, hero);
    });
  });
}
