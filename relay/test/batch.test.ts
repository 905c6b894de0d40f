// Batch frames (protocol.md "system/batch"): forwarded untouched, only to the
// peers whose announce said acceptsBatch; the capability travels in the
// announces the relay re-sends.
import { describe, expect, it } from 'vitest';
import { BATCH_PREFIX } from '../src/announce.js';
import { CloseCode } from '../src/limits.js';
import { announce, FakeHost } from './fake-host.js';

const batch = `${BATCH_PREFIX}"payload":{"messages":[{"id":0,"component":"global","type":"clearAll"}]}}`;
const capable = (peerId: string): string => announce(peerId, 'sidekick', 'online').replace('"status":"online"', '"status":"online","acceptsBatch":true');

describe('Relay core: batch frames', () => {
  it('sends a batch, unchanged, only to peers that accept batches', () => {
    const host = new FakeHost();
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
    const host = new FakeHost();
    const hero = host.connect('a');
    const ui = host.connect('b');
    host.send(ui, capable('ui-1'));
    const text = `${BATCH_PREFIX}"payload":{"messages":[{"id":0,"component":"label","type":"update","target":"l","payload":{"action":"setText","options":{"text":"\\"announce\\""}}}]}}`;
    host.send(hero, text);
    expect(ui.received).toEqual([text]);
    expect(hero.record).toBeUndefined();
  });

  it('applies the frame size limit to batches', () => {
    const host = new FakeHost({ maxFrameBytes: 64 });
    const hero = host.connect('a');
    host.send(hero, `${BATCH_PREFIX}"payload":{"messages":[${'{"id":0,"component":"global","type":"clearAll"},'.repeat(3)}]}}`);
    expect(hero.closed?.code).toBe(CloseCode.MessageTooBig);
  });

  it('keeps acceptsBatch in the announces it re-sends to newcomers, and leaves it out when false', () => {
    const host = new FakeHost();
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
    const host = new FakeHost();
    const ui = host.connect('a');
    host.send(ui, capable('ui-1').replace('"acceptsBatch":true', '"acceptsBatch":"yes"'));
    expect(ui.closed?.code).toBe(CloseCode.InvalidPayload);
    expect(ui.closed?.reason).toContain('acceptsBatch');
  });
});
