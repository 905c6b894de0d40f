import { describe, expect, it } from 'vitest';
import { CloseCode } from '../src/limits.js';
import { announce, FRAME_ENTRIES, hostsWith } from './fake-host.js';

const parse = (text: string) => JSON.parse(text) as { payload: Record<string, unknown> };

describe.each(FRAME_ENTRIES)('frames entering as %s', (entry) => {
  const newHost = hostsWith(entry);

  describe('Relay core: announces', () => {
    it('sends a new peer the online announces of peers already online', () => {
      const host = newHost();
      const hero = host.connect('a');
      host.send(hero, announce('hero-1', 'hero', 'online', 42));
      const silent = host.connect('b'); // connected, never announced
      const ui = host.connect('c');
      expect(ui.received).toHaveLength(1);
      expect(parse(ui.received[0]!)).toEqual({
        id: 0,
        component: 'system',
        type: 'announce',
        payload: { peerId: 'hero-1', role: 'hero', status: 'online', version: '1.2.3', timestamp: 42 },
      });
      expect(silent.received).toEqual([ui.received[0]]); // it got the hero too, and nobody got it
    });

    it('forwards an online announce unchanged to the others and stores the record', () => {
      const host = newHost();
      const hero = host.connect('a');
      const ui = host.connect('b');
      const text = announce('hero-1', 'hero', 'online');
      host.send(hero, text);
      expect(ui.received).toEqual([text]);
      expect(hero.received).toEqual([]);
      expect(hero.record).toEqual({ peerId: 'hero-1', role: 'hero', version: '1.2.3', timestamp: 5, online: true, acceptsBatch: false });
    });

    it('fills in version and timestamp when an old peer leaves them out', () => {
      const host = newHost();
      const hero = host.connect('a');
      host.clock = 777;
      host.send(hero, '{"id":0,"component":"system","type":"announce","payload":{"peerId":"p","role":"hero","status":"online"}}');
      expect(hero.record).toEqual({ peerId: 'p', role: 'hero', version: '', timestamp: 777, online: true, acceptsBatch: false });
    });

    it('a proactive offline is forwarded once and no offline is sent on behalf at close', () => {
      const host = newHost();
      const hero = host.connect('a');
      const ui = host.connect('b');
      host.send(hero, announce('hero-1', 'hero', 'online'));
      const offline = announce('hero-1', 'hero', 'offline');
      host.send(hero, offline);
      expect(hero.record?.online).toBe(false);
      host.drop(hero);
      expect(ui.received).toEqual([announce('hero-1', 'hero', 'online'), offline]);
    });

    it('sends an offline on behalf of a peer whose socket closed without one, exactly once', () => {
      const host = newHost();
      const hero = host.connect('a');
      const ui = host.connect('b');
      const other = host.connect('c');
      host.send(hero, announce('hero-1', 'hero', 'online', 5));
      host.clock = 9000;
      host.drop(hero);
      host.drop(hero); // a second "gone" event (error then close) must not repeat it
      for (const peer of [ui, other]) {
        expect(peer.received).toHaveLength(2);
        expect(parse(peer.received[1]!).payload).toEqual({
          peerId: 'hero-1',
          role: 'hero',
          status: 'offline',
          version: '1.2.3',
          timestamp: 9000,
        });
      }
      expect(hero.record?.online).toBe(false);
    });

    it('says nothing when a peer that never announced leaves', () => {
      const host = newHost();
      const a = host.connect('a');
      const b = host.connect('b');
      expect(host.drop(a)).toEqual([]);
      expect(b.received).toEqual([]);
    });

    it('does not send offline for a peerId still online on another connection', () => {
      const host = newHost();
      const ui = host.connect('ui');
      const oldHero = host.connect('old');
      host.send(oldHero, announce('hero-1', 'hero', 'online'));
      const newHero = host.connect('new');
      host.send(newHero, announce('hero-1', 'hero', 'online'));
      ui.received.length = 0;
      const effects = host.drop(oldHero);
      expect(effects.map((e) => e.kind)).toEqual(['store']);
      expect(ui.received).toEqual([]);
    });

    it('re-announcing online after offline makes the peer eligible for offline-on-behalf again', () => {
      const host = newHost();
      const hero = host.connect('a');
      const ui = host.connect('b');
      host.send(hero, announce('h', 'hero', 'online'));
      host.send(hero, announce('h', 'hero', 'offline'));
      host.send(hero, announce('h', 'hero', 'online'));
      host.drop(hero);
      expect(ui.received.map((t) => parse(t).payload.status)).toEqual(['online', 'offline', 'online', 'offline']);
    });

    it('forwards a non-announce frame that merely contains the word "announce"', () => {
      const host = newHost();
      const hero = host.connect('a');
      const ui = host.connect('b');
      const text = '{"id":0,"component":"label","type":"update","target":"l","payload":{"text":"announce"}}';
      host.send(hero, text);
      expect(ui.received).toEqual([text]);
      expect(hero.record).toBeUndefined();
    });
  });

  describe('Relay core: forwarding', () => {
    it('does not recognise an announce whose type is spelt with JSON escapes (README: hot path)', () => {
      const host = newHost();
      const hero = host.connect('a');
      const ui = host.connect('b');
      const escaped = announce('hero-1', 'hero', 'online').replace('"announce"', '"\\u0061nnounce"');
      expect((JSON.parse(escaped) as { type: string }).type).toBe('announce');
      host.send(hero, escaped);
      expect(ui.received).toEqual([escaped]);
      expect(hero.record).toBeUndefined();
    });

    it('forwards the original text, in order, to every other peer whatever its role', () => {
      const host = newHost();
      const a = host.connect('a');
      const b = host.connect('b');
      const c = host.connect('c');
      const texts = ['{"n":1}', '  {"n": 2}\n', '{"component":"grid","payload":{"x":"é😀"}}'];
      for (const text of texts) host.send(a, text);
      host.send(b, '{"from":"b"}');
      expect(b.received).toEqual(texts);
      expect(c.received).toEqual([...texts, '{"from":"b"}']);
      expect(a.received).toEqual(['{"from":"b"}']);
    });

    it('returns no effect for a frame when the sender is alone', () => {
      const host = newHost();
      const a = host.connect('a');
      expect(host.send(a, '{"x":1}')).toEqual([]);
    });

    it('skips the sender by key even when the registry lists a different handle for it', () => {
      const host = newHost();
      const a = host.connect('a');
      const b = host.connect('b');
      const sameKey = { key: 'a', received: [] as string[] };
      host.send(sameKey, '{"x":1}');
      expect(a.received).toEqual([]);
      expect(b.received).toEqual(['{"x":1}']);
    });
  });

  describe('Relay core: bad input closes only the sender', () => {
    const cases: [string, string, number][] = [
      ['plain text', 'hello', CloseCode.InvalidPayload],
      ['a JSON array', '[1,2]', CloseCode.InvalidPayload],
      ['empty text', '', CloseCode.InvalidPayload],
      ['a lone brace', '{', CloseCode.InvalidPayload],
      ['broken JSON that looks like an announce', '{"type":"announce",}', CloseCode.InvalidPayload],
      ['an announce without payload', '{"component":"system","type":"announce"}', CloseCode.InvalidPayload],
      [
        'an announce with a bad status',
        '{"component":"system","type":"announce","payload":{"peerId":"p","role":"hero","status":"away"}}',
        CloseCode.InvalidPayload,
      ],
      [
        'an announce with a numeric peerId',
        '{"component":"system","type":"announce","payload":{"peerId":3,"role":"hero","status":"online"}}',
        CloseCode.InvalidPayload,
      ],
      [
        'an announce with a string timestamp',
        '{"component":"system","type":"announce","payload":{"peerId":"p","role":"hero","status":"online","timestamp":"x"}}',
        CloseCode.InvalidPayload,
      ],
    ];
    for (const [name, text, code] of cases) {
      it(`closes the sender of ${name} with ${code} and forwards nothing`, () => {
        const host = newHost();
        const a = host.connect('a');
        const b = host.connect('b');
        host.send(a, text);
        expect(a.closed?.code).toBe(code);
        expect(a.closed?.reason.length).toBeGreaterThan(0);
        expect(b.received).toEqual([]);
        expect(b.closed).toBeUndefined();
      });
    }

    it('closes the sender of a frame over maxFrameBytes with 1009, counting UTF-8 bytes', () => {
      const host = newHost({ maxFrameBytes: 100 });
      const a = host.connect('a');
      const b = host.connect('b');
      const fits = `{"t":"${'x'.repeat(92)}"}`; // exactly 100 bytes
      host.send(a, fits);
      expect(b.received).toEqual([fits]);
      host.send(a, `{"t":"${'é'.repeat(47)}"}`); // 55 characters, 102 bytes
      expect(a.closed?.code).toBe(CloseCode.MessageTooBig);
      expect(b.received).toHaveLength(1);
    });

    it('closes the sender of a binary frame with 1003', () => {
      const host = newHost();
      const a = host.connect('a');
      expect(host.relay.binary(a)).toEqual([
        { kind: 'close', peer: a, code: CloseCode.UnsupportedData, reason: expect.any(String) },
      ]);
    });

    it('rejects announce fields longer than the limit', () => {
      const host = newHost({ maxAnnounceFieldLength: 8 });
      const a = host.connect('a');
      host.send(a, announce('a-very-long-peer-id', 'hero', 'online'));
      expect(a.closed?.code).toBe(CloseCode.InvalidPayload);
      expect(a.closed?.reason).toMatch(/longer than 8/);
    });
  });

  describe('Relay core: limits', () => {
    it('closes a peer over maxPeersPerSession with 1008, without sending it the peer list', () => {
      const host = newHost({ maxPeersPerSession: 2 });
      const a = host.connect('a');
      host.send(a, announce('a', 'hero', 'online'));
      host.connect('b');
      const c = host.connect('c');
      expect(c.closed?.code).toBe(CloseCode.PolicyViolation);
      expect(c.received).toEqual([]);
    });

    it('rejects invalid limit overrides with a message naming the limit', () => {
      expect(() => newHost({ maxFrameBytes: -1 })).toThrow(/maxFrameBytes/);
      expect(() => newHost({ maxPeersPerSession: 1.5 })).toThrow(/maxPeersPerSession/);
    });
  });
});
