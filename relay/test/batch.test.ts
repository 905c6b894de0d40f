// Batch frames (protocol.md "system/batch"): forwarded untouched, only to the
// peers whose announce said acceptsBatch; the capability travels in the
// announces the relay re-sends.
import { describe, expect, it } from 'vitest';
import { BATCH_PREFIX } from '../src/announce.js';
import { CloseCode, CloseReason } from '../src/limits.js';
import { announce, FRAME_ENTRIES, hostsWith } from './fake-host.js';

const batch = `${BATCH_PREFIX}"payload":{"messages":[{"id":0,"component":"global","type":"clearAll"}]}}`;
const capable = (peerId: string): string => announce(peerId, 'sidekick', 'online').replace('"status":"online"', '"status":"online","acceptsBatch":true');

describe.each(FRAME_ENTRIES)('frames entering as %s', (entry) => {
  const newHost = hostsWith(entry);

  describe('Relay core: batch frames', () => {
    it('sends a batch, unchanged, only to peers that accept batches', () => {
      const host = newHost();
      const hero = host.connect('a');
      const newUi = host.connect('b');
      const oldUi = host.connect('c');
      const silent = host.connect('d'); // connected, not announced yet
      host.send(hero, announce('hero-1', 'hero', 'online'));
      host.send(newUi, capable('ui-new'));
      host.send(oldUi, announce('ui-old', 'sidekick', 'online'));
      for (const peer of [newUi, oldUi, silent]) peer.received = [];
      host.send(hero, batch);
      expect(newUi.received).toEqual([batch]);
      expect(oldUi.received).toEqual([]);
      expect(silent.received).toEqual([]);
      expect(hero.closed).toBeUndefined();
      // single frames still go to everyone
      const single = '{"id":0,"component":"global","type":"clearAll"}';
      host.send(hero, single);
      expect(oldUi.received).toEqual([single]);
      expect(silent.received).toEqual([single]);
    });

    it('does not parse a batch: one holding the announce mark is forwarded, not read as an announce', () => {
      const host = newHost();
      const hero = host.connect('a');
      const ui = host.connect('b');
      host.send(ui, capable('ui-1'));
      const text = `${BATCH_PREFIX}"payload":{"messages":[{"id":0,"component":"label","type":"update","target":"l","payload":{"action":"setText","options":{"text":"\\"announce\\""}}}]}}`;
      host.send(hero, text);
      expect(ui.received).toEqual([text]);
      expect(hero.record).toBeUndefined();
    });

    it('applies the frame size limit to batches, counting UTF-8 bytes', () => {
      const host = newHost({ maxFrameBytes: 300 });
      const hero = host.connect('a');
      const ui = host.connect('b');
      host.send(ui, capable('ui-1'));
      const batchOfText = (text: string): string => `${BATCH_PREFIX}"payload":{"messages":[{"t":"${text}"}]}}`;
      const empty = batchOfText('').length;
      const fits = batchOfText('x'.repeat(300 - empty)); // exactly 300 bytes
      host.send(hero, fits);
      expect(ui.received).toEqual([fits]);
      const tooBig = batchOfText('é'.repeat(Math.ceil((301 - empty) / 2))); // two bytes a character
      expect(new TextEncoder().encode(tooBig).length).toBeGreaterThan(300);
      expect(tooBig.length).toBeLessThan(300);
      host.send(hero, tooBig);
      expect(hero.closed).toEqual({ code: CloseCode.MessageTooBig, reason: CloseReason.tooBig });
      expect(ui.received).toEqual([fits]);
    });

    const notObjects: [string, string][] = [
      ['ends in a bracket', `${BATCH_PREFIX}"payload":{"messages":[]}]`],
      ['is the prefix alone', BATCH_PREFIX],
      ['ends in text', `${BATCH_PREFIX}"payload":{"messages":[]}} trailing`],
    ];
    for (const [what, text] of notObjects) {
      it(`closes the sender of a frame that starts like a batch but ${what} with 1007, forwarding nothing`, () => {
        const host = newHost();
        const hero = host.connect('a');
        const ui = host.connect('b');
        host.send(ui, capable('ui-1'));
        host.send(hero, text);
        expect(hero.closed).toEqual({ code: CloseCode.InvalidPayload, reason: CloseReason.notJsonObject });
        expect(ui.received).toEqual([]);
      });
    }

    it('forwards a batch with spaces after its closing brace; a frame that only resembles the prefix goes to everyone', () => {
      const host = newHost();
      const hero = host.connect('a');
      const newUi = host.connect('b');
      const oldUi = host.connect('c');
      host.send(newUi, capable('ui-new'));
      oldUi.received = [];
      newUi.received = [];
      const spaced = `${batch} \n`;
      host.send(hero, spaced);
      const lookalike = batch.replace('"id":0,', '"id":0, ');
      host.send(hero, lookalike);
      expect(newUi.received).toEqual([spaced, lookalike]);
      expect(oldUi.received).toEqual([lookalike]);
      expect(hero.closed).toBeUndefined();
    });

    it('keeps acceptsBatch in the announces it re-sends to newcomers, and leaves it out when false', () => {
      const host = newHost();
      const ui = host.connect('a');
      host.send(ui, capable('ui-1'));
      const old = host.connect('b');
      host.send(old, announce('ui-2', 'sidekick', 'online'));
      const hero = host.connect('c');
      const payloads = hero.received.map((t) => (JSON.parse(t) as { payload: Record<string, unknown> }).payload);
      expect(payloads.map((p) => [p['peerId'], p['acceptsBatch']])).toEqual([
        ['ui-1', true],
        ['ui-2', undefined],
      ]);
    });

    it('closes a peer whose acceptsBatch is not a boolean', () => {
      const host = newHost();
      const ui = host.connect('a');
      host.send(ui, capable('ui-1').replace('"acceptsBatch":true', '"acceptsBatch":"yes"'));
      expect(ui.closed?.code).toBe(CloseCode.InvalidPayload);
      expect(ui.closed?.reason).toContain('acceptsBatch');
    });
  });
});
