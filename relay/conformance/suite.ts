// The relay contract, as vitest tests of plain `ws` clients against a running
// host. server/ runs it against the Node server, worker/ against workerd.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../src/limits.js';
import { announceOf, announceFrame, RefusedError, TestPeer } from './client.js';
import { defineBatchCases } from './batch.js';
import { defineFramingCases } from './framing.js';
import type { RelayHost, StartRelayHost } from './host.js';

const LONG = 120_000; // ms; a guard against hangs, not a performance assertion

/**
 * Registers the relay conformance tests under `describe(name)`. `startHost`
 * runs once before the tests; the host is closed after them.
 */
export function defineRelayConformance(name: string, startHost: StartRelayHost): void {
  describe(`relay conformance: ${name}`, () => {
    let host: RelayHost;
    let open: TestPeer[] = [];

    beforeAll(async () => {
      host = await startHost();
    }, LONG);
    afterAll(async () => {
      await host?.close();
    }, LONG);
    afterEach(async () => {
      await Promise.all(open.map((peer) => peer.close()));
      open = [];
    });

    /** A fresh session name, so tests never see each other's peers. */
    const session = () => `t-${randomUUID()}`;
    const connect = async (sessionId: string | undefined): Promise<TestPeer> => {
      const peer = await TestPeer.open(host.wsUrl(sessionId));
      open.push(peer);
      return peer;
    };
    /** Sends a marker from `from` and waits for `to` to get it: everything the relay sent `to` before is in. */
    const barrier = async (from: TestPeer, to: TestPeer): Promise<void> => {
      const marker = JSON.stringify({ id: 0, component: 'test', type: 'barrier', payload: { id: randomUUID() } });
      await from.send(marker);
      await to.until(() => to.messages.includes(marker), 'the barrier marker');
    };

    describe('announces', () => {
      it('sends a new peer the online announces of the peers already there', async () => {
        const s = session();
        const hero = await connect(s);
        await hero.announce('hero-A', 'hero', 'online', 1111);
        const ui1 = await connect(s);
        await ui1.announce('ui-1', 'sidekick', 'online', 2222);
        await hero.until(() => hero.messages.length === 1, "ui-1's announce");
        const ui2 = await connect(s);
        await ui2.until(() => ui2.messages.length === 2, 'two online announces');
        const got = ui2.messages.map(announceOf).sort((a, b) => (a?.timestamp ?? 0) - (b?.timestamp ?? 0));
        expect(got).toEqual([
          { peerId: 'hero-A', role: 'hero', status: 'online', version: 'conformance-1', timestamp: 1111 },
          { peerId: 'ui-1', role: 'sidekick', status: 'online', version: 'conformance-1', timestamp: 2222 },
        ]);
      });

      it('forwards an announce unchanged to every other peer, not back to the sender', async () => {
        const s = session();
        const [a, b, c] = [await connect(s), await connect(s), await connect(s)];
        const text = `{"id":0,"component":"system","type":"announce","payload":{"peerId":"p-a","role":"hero","status":"online","version":"9","timestamp":5,"extra":{"kept":true}}}`;
        await a.send(text);
        expect(await b.message(0)).toBe(text);
        expect(await c.message(0)).toBe(text);
        await barrier(b, a);
        expect(a.messages.filter((m) => m === text)).toEqual([]);
      });

      it('sends one offline on behalf of a peer whose socket dropped without one', async () => {
        const s = session();
        const hero = await connect(s);
        await hero.announce('hero-X', 'hero', 'online', 1234);
        const ui = await connect(s);
        await ui.until(() => ui.messages.length === 1, "the hero's online announce");
        const other = await connect(s);
        const before = Date.now();
        hero.terminate();
        await ui.until(() => ui.messages.some((m) => announceOf(m)?.status === 'offline'), 'an offline announce');
        await barrier(other, ui);
        const offline = ui.messages.map(announceOf).filter((p) => p?.status === 'offline');
        expect(offline).toHaveLength(1);
        expect(offline[0]).toMatchObject({ peerId: 'hero-X', role: 'hero', version: 'conformance-1' });
        expect(offline[0]!.timestamp).toBeGreaterThanOrEqual(before - 60_000); // current time, not the announced one
      });

      it('forwards a proactive offline once and adds none when the socket then closes', async () => {
        const s = session();
        const hero = await connect(s);
        const ui = await connect(s);
        const other = await connect(s);
        await hero.announce('hero-Y', 'hero', 'online');
        const offlineText = announceFrame('hero-Y', 'hero', 'offline', 4242);
        await hero.send(offlineText);
        await ui.until(() => ui.messages.includes(offlineText), 'the proactive offline');
        hero.terminate();
        await hero.closed;
        // A peer that joins after the close sees nobody online, so the relay has processed it.
        const late = await connect(s);
        await barrier(other, late);
        await barrier(other, ui);
        expect(late.messages.map(announceOf).filter(Boolean)).toEqual([]);
        expect(ui.messages.map(announceOf).filter((p) => p?.status === 'offline')).toHaveLength(1);
      });

      it('does not list a peer that went offline to peers joining later', async () => {
        const s = session();
        const hero = await connect(s);
        await hero.announce('hero-Z', 'hero', 'online');
        await hero.announce('hero-Z', 'hero', 'offline');
        const stay = await connect(s);
        await barrier(hero, stay);
        expect(stay.messages.map(announceOf).filter(Boolean)).toEqual([]);
      });
    });

    describe('forwarding', () => {
      it('delivers 100,000 numbered messages in order with none lost', async () => {
        const s = session();
        const hero = await connect(s);
        const ui = await connect(s);
        const total = 100_000;
        const pad = 'x'.repeat(120);
        const window = 1000; // end-to-end flow control: never more than this many in flight
        for (let sent = 0; sent < total; ) {
          await ui.until(() => ui.messages.length >= sent - window, 'the receiver to catch up', 30_000);
          const upTo = Math.min(total, sent + 250);
          let last: Promise<void> = Promise.resolve();
          for (; sent < upTo; sent++) {
            last = hero.send(`{"id":0,"component":"grid","type":"update","target":"g","payload":{"n":${sent},"pad":"${pad}"}}`);
          }
          await last;
        }
        await ui.until(() => ui.messages.length >= total, 'all messages', 60_000);
        await barrier(hero, ui);
        expect(ui.messages).toHaveLength(total + 1); // every message plus the barrier, nothing more
        const outOfOrder = ui.messages
          .slice(0, total)
          .findIndex((text, n) => (JSON.parse(text) as { payload: { n: number } }).payload.n !== n);
        expect(outOfOrder).toBe(-1);
      }, LONG);

      it('fans out every message, in order, to 4 peers', async () => {
        const s = session();
        const hero = await connect(s);
        const uis = [await connect(s), await connect(s), await connect(s), await connect(s)];
        const texts = Array.from({ length: 2000 }, (_, n) => `{"id":0,"component":"console","type":"update","payload":{"n":${n}}}`);
        for (const text of texts) void hero.send(text);
        for (const ui of uis) {
          await ui.until(() => ui.messages.length >= texts.length, 'all fan-out messages', 30_000);
          expect(ui.messages).toEqual(texts);
        }
      }, LONG);

      it('keeps 200 concurrent sessions apart', async () => {
        const sessions = Array.from({ length: 200 }, () => session());
        const pairs = await Promise.all(sessions.map(async (s) => [await connect(s), await connect(s)] as const));
        await Promise.all(
          pairs.map(async ([a, b], i) => {
            for (let n = 0; n < 5; n++) void a.send(`{"s":${i},"from":"a","n":${n}}`);
            await b.send(`{"s":${i},"from":"b","n":0}`);
          }),
        );
        await Promise.all(
          pairs.map(async ([a, b], i) => {
            await b.until(() => b.messages.length >= 5, `session ${i}: 5 messages for b`, 30_000);
            await a.until(() => a.messages.length >= 1, `session ${i}: 1 message for a`, 30_000);
          }),
        );
        await Promise.all(pairs.map(([a, b]) => barrier(a, b).then(() => barrier(b, a))));
        pairs.forEach(([a, b], i) => {
          const foreign = [...a.messages, ...b.messages].filter((m) => !m.includes('barrier') && !m.startsWith(`{"s":${i},`));
          expect(foreign).toEqual([]);
          expect(b.messages.filter((m) => !m.includes('barrier'))).toHaveLength(5);
          expect(a.messages.filter((m) => !m.includes('barrier'))).toHaveLength(1);
        });
      }, LONG);

      it('forwards a frame of exactly maxFrameBytes', async () => {
        const s = session();
        const [a, b] = [await connect(s), await connect(s)];
        const text = frameOfBytes(host.limits.maxFrameBytes);
        await a.send(text);
        expect(await b.message(0)).toBe(text);
      });
    });

    describe('bad input closes only its sender', () => {
      const badFrames: [string, () => [string | Buffer, boolean], number][] = [
        ['an oversized frame', () => [frameOfBytes(host.limits.maxFrameBytes + 1), false], CloseCode.MessageTooBig],
        ['a binary frame', () => [Buffer.from('{"id":0}'), true], CloseCode.UnsupportedData],
        ['non-JSON text', () => ['hello, relay', false], CloseCode.InvalidPayload],
        ['a JSON array', () => ['[1,2,3]', false], CloseCode.InvalidPayload],
        ['a malformed announce', () => ['{"component":"system","type":"announce","payload":{"status":"online"}}', false], CloseCode.InvalidPayload],
        ['broken JSON naming "announce"', () => ['{"type":"announce", oops}', false], CloseCode.InvalidPayload],
      ];
      for (const [what, frame, code] of badFrames) {
        it(`${what}: sender closed with ${code}, nothing forwarded (not even what it sends next), the session goes on`, async () => {
          const s = session();
          const bad = await connect(s);
          const ui = await connect(s);
          const hero = await connect(s);
          const [data, binary] = frame();
          void bad.send(data, binary).catch(() => undefined);
          // A well-formed frame right behind the bad one must not slip through either.
          void bad.send('{"id":0,"component":"label","type":"remove","target":"after-bad"}').catch(() => undefined);
          const closed = await bad.closed;
          expect(closed.code).toBe(code);
          expect(closed.reason.length).toBeGreaterThan(0);
          await barrier(hero, ui);
          expect(ui.messages.filter((m) => !m.includes('barrier'))).toEqual([]);
          expect(ui.binaryCount.value).toBe(0);
          await barrier(ui, hero);
          expect(ui.closeInfo).toBeUndefined();
          expect(hero.closeInfo).toBeUndefined();
        });
      }
    });

    defineFramingCases({ host: () => host, session, connect, barrier });
    defineBatchCases({ host: () => host, session, connect, barrier });

    describe('limits', () => {
      it('a peer that does not read never stalls the others; with a send-buffer cap it is closed with 1013', async () => {
        const s = session();
        const hero = await connect(s);
        const slow = await connect(s);
        const fast = await connect(s);
        await slow.announce('slow-ui', 'sidekick', 'online');
        await fast.until(() => fast.messages.length === 1, "the slow peer's announce");
        slow.pauseReading();
        const capped = host.capabilities.slowConsumerClose;
        const chunk = frameOfBytes(Math.min(16 * 1024, host.limits.maxFrameBytes));
        // Far more than any socket buffers plus the cap; without a cap, enough to show nobody waits.
        const budget = capped ? 96 * 1024 * 1024 : 16 * 1024 * 1024;
        const slowGone = () => fast.messages.some((m) => announceOf(m)?.status === 'offline');
        const batch = 64;
        let sent = 0;
        for (let bytes = 0; bytes < budget && !(capped && slowGone()); bytes += chunk.length * batch) {
          for (let i = 0; i < batch; i++) void hero.send(chunk);
          sent += batch;
          const behind = () => sent - (fast.messages.length - 1);
          await fast.until(() => behind() <= batch || slowGone(), 'the reading peer to keep up', 30_000);
        }
        if (capped) {
          expect(slowGone()).toBe(true); // the relay dropped the slow peer and told the others
          slow.resumeReading();
          expect((await slow.closed).code).toBe(CloseCode.TryAgainLater);
        } else {
          await fast.until(() => fast.messages.length - 1 >= sent, 'every chunk', 30_000);
          slow.resumeReading();
        }
        await barrier(hero, fast);
        await barrier(fast, hero);
        expect(fast.closeInfo).toBeUndefined();
        expect(hero.closeInfo).toBeUndefined();
      }, LONG);

      it('refuses one peer more than maxPeersPerSession with 1008, then admits one after a leave', async () => {
        const s = session();
        const max = host.limits.maxPeersPerSession;
        const members: TestPeer[] = [];
        for (let i = 0; i < max; i++) members.push(await connect(s));
        const extra = await connect(s);
        expect((await extra.closed).code).toBe(CloseCode.PolicyViolation);
        await barrier(members[0]!, members[max - 1]!);
        expect(members.every((m) => m.closeInfo === undefined)).toBe(true);
        await members[0]!.announce('leaver', 'sidekick', 'online');
        const watcher = members[1]!;
        const statuses = () => watcher.messages.map((m) => announceOf(m)?.status).filter(Boolean);
        await watcher.until(() => statuses().length === 1, "the leaver's announce");
        await members[0]!.close();
        // The offline on its behalf shows the relay has processed the leave.
        await watcher.until(() => statuses().length === 2, 'the offline on behalf of the leaver');
        expect(statuses()).toEqual(['online', 'offline']);
        const again = await TestPeer.open(host.wsUrl(s));
        open.push(again);
        await barrier(again, watcher);
        expect(again.closeInfo).toBeUndefined();
      });
    });

    describe('sessions', () => {
      it('refuses an invalid session id with HTTP 400', async () => {
        for (const bad of ['', 'a b', 'x'.repeat(129), '../etc', 'é']) {
          const url = new URL(host.wsUrl('placeholder'));
          url.searchParams.set('session', bad);
          await expect(TestPeer.open(url.toString())).rejects.toEqual(new RefusedError(400));
        }
      });

      it('handles peers that give no session id as the host says it does', async () => {
        if (host.capabilities.defaultSession) {
          const a = await connect(undefined);
          const b = await connect(undefined);
          const other = session();
          const elsewhere = await connect(other);
          const elsewhere2 = await connect(other);
          await barrier(a, b);
          await barrier(b, a);
          await barrier(elsewhere2, elsewhere);
          expect(elsewhere.messages.filter((m) => !m.includes('barrier'))).toEqual([]);
          expect(a.messages.filter((m) => !m.includes('barrier'))).toEqual([]);
        } else {
          await expect(TestPeer.open(host.wsUrl())).rejects.toBeInstanceOf(RefusedError);
        }
      });
    });
  });
}

/** A JSON object text of exactly `bytes` UTF-8 bytes (bytes >= 8). */
export function frameOfBytes(bytes: number): string {
  const shell = '{"t":""}';
  return `{"t":"${'x'.repeat(bytes - shell.length)}"}`;
}
