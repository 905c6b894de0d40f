// Conformance cases for batch frames (protocol.md "system/batch"): a host
// forwards them byte for byte, only to peers whose announce said
// acceptsBatch, and passes that capability on in the announces it re-sends.
import { describe, expect, it } from 'vitest';
import { BATCH_PREFIX } from '../src/announce.js';
import { CloseCode, CloseReason } from '../src/limits.js';
import { announceFrame, type TestPeer } from './client.js';
import type { FramingContext } from './framing.js';

/** An online announce that says the peer takes batches. */
export function capableAnnounce(peerId: string, timestamp = Date.now()): string {
  return announceFrame(peerId, 'sidekick', 'online', timestamp).replace('"status":"online"', '"status":"online","acceptsBatch":true');
}

/** A batch frame of `n` label updates numbered from `first`; odd spacing inside, to show nothing re-encodes it. */
function batchOf(first: number, n: number): string {
  const items = Array.from({ length: n }, (_, i) => `{"id":0,"component":"label","type":"update","target":"l","payload":{"action":"setText","options":{"text":"${first + i}"}}}`);
  return `${BATCH_PREFIX}  "payload" : {"messages":[${items.join(', ')}]}}`;
}

/** A batch frame of exactly `bytes` UTF-8 bytes (all ASCII). */
function batchOfBytes(bytes: number): string {
  const around = (text: string): string => `${BATCH_PREFIX}"payload":{"messages":[{"t":"${text}"}]}}`;
  return around('x'.repeat(bytes - around('').length));
}

const single = (n: number): string => `{"id":0,"component":"label","type":"update","target":"l","payload":{"action":"setText","options":{"text":"${n}"}}}`;

export function defineBatchCases(ctx: Pick<FramingContext, 'host' | 'session' | 'connect' | 'barrier'>): void {
  describe('batch frames', () => {
    it('go untouched and in order to a UI that accepts them, never to one that does not', async () => {
      const s = ctx.session();
      const hero = await ctx.connect(s);
      const capable = await ctx.connect(s);
      const plain = await ctx.connect(s);
      await hero.announce('hero-B', 'hero', 'online');
      await capable.send(capableAnnounce('ui-new'));
      await plain.announce('ui-old', 'sidekick', 'online');
      // Each socket is its own stream: make sure the relay has both UIs' announces before the hero sends.
      await ctx.barrier(capable, hero);
      await ctx.barrier(plain, hero);
      const sent = [batchOf(0, 3), single(3), batchOf(4, 2), single(6)];
      for (const text of sent) await hero.send(text);
      await ctx.barrier(hero, capable);
      await ctx.barrier(hero, plain);
      const after = (peer: TestPeer): string[] => peer.messages.filter((m) => sent.includes(m));
      expect(after(capable)).toEqual(sent);
      expect(after(plain)).toEqual([single(3), single(6)]);
      expect(plain.messages.some((m) => m.startsWith(BATCH_PREFIX))).toBe(false);
      expect(hero.closeInfo).toBeUndefined();
    });

    it("passes a peer's acceptsBatch on to peers joining later", async () => {
      const s = ctx.session();
      const ui = await ctx.connect(s);
      await ui.send(capableAnnounce('ui-cap', 11));
      const old = await ctx.connect(s);
      await old.announce('ui-old', 'sidekick', 'online', 22);
      await ctx.barrier(old, ui);
      const hero = await ctx.connect(s);
      await hero.until(() => hero.messages.length === 2, 'two online announces');
      const listed = hero.messages.map((m) => JSON.parse(m) as { payload: Record<string, unknown> }).map((m) => m.payload);
      listed.sort((a, b) => Number(a['timestamp']) - Number(b['timestamp']));
      expect(listed.map((p) => [p['peerId'], p['acceptsBatch']])).toEqual([
        ['ui-cap', true],
        ['ui-old', undefined],
      ]);
    });

    it('forwards a batch frame of exactly maxFrameBytes to a UI that accepts batches', async () => {
      const s = ctx.session();
      const hero = await ctx.connect(s);
      const ui = await ctx.connect(s);
      await ui.send(capableAnnounce('ui-cap'));
      await ctx.barrier(ui, hero);
      const text = batchOfBytes(ctx.host().limits.maxFrameBytes);
      await hero.send(text);
      await ctx.barrier(hero, ui);
      expect(ui.messages.filter((m) => m.startsWith(BATCH_PREFIX))).toEqual([text]);
    });

    const refused: [string, () => string, number, string][] = [
      ['an oversized batch frame', () => batchOfBytes(ctx.host().limits.maxFrameBytes + 1), CloseCode.MessageTooBig, CloseReason.tooBig],
      [
        'a frame that starts like a batch but is not one JSON object',
        () => `${BATCH_PREFIX}"payload":{"messages":[]}]`,
        CloseCode.InvalidPayload,
        CloseReason.notJsonObject,
      ],
    ];
    for (const [what, frame, code, reason] of refused) {
      it(`${what}: sender closed with ${code} and its reason, nothing reaches a UI that accepts batches`, async () => {
        const s = ctx.session();
        const bad = await ctx.connect(s);
        const ui = await ctx.connect(s);
        const hero = await ctx.connect(s);
        await ui.send(capableAnnounce('ui-cap'));
        await ctx.barrier(ui, bad);
        await ctx.barrier(ui, hero);
        void bad.send(frame()).catch(() => undefined);
        // A well-formed batch right behind the bad frame must not slip through either.
        void bad.send(batchOf(0, 2)).catch(() => undefined);
        expect(await bad.closed).toEqual({ code, reason });
        await ctx.barrier(hero, ui);
        expect(ui.messages.filter((m) => m.startsWith(BATCH_PREFIX))).toEqual([]);
        expect(ui.closeInfo).toBeUndefined();
      });
    }
  });
}
