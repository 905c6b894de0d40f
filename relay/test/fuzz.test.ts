// Any text a peer sends: the core never throws, only the sender is ever
// closed, and whatever is forwarded is the sender's exact text.
import { describe, expect, it } from 'vitest';
import { BATCH_PREFIX } from '../src/announce.js';
import { announce, FakeHost, FRAME_ENTRIES } from './fake-host.js';

/** Small deterministic PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '{', '}', '[', ']', '"', ':', ',', ' ', '\n', 'null', 'true', '1e999', '-0', '"announce"', '"system"',
  '"component"', '"type"', '"payload"', '"peerId"', '"role"', '"status"', '"online"', '"offline"', '\\u0000',
  '😀', '\ud800', 'é', '{"component":"system","type":"announce","payload":', '{"peerId":"p","role":"hero","status":"online"}',
];

function randomText(next: () => number): string {
  const parts: string[] = [];
  const count = Math.floor(next() * 12);
  for (let i = 0; i < count; i++) parts.push(PIECES[Math.floor(next() * PIECES.length)]!);
  const text = next() < 0.5 ? `{${parts.join('')}}` : parts.join('');
  return next() < 0.2 ? BATCH_PREFIX + text : text; // batch frames and look-alikes
}

describe.each(FRAME_ENTRIES)('Relay core under random input, frames entering as %s', (entry) => {
  it('survives 20,000 random frames, closing only senders and forwarding only exact texts', () => {
    const next = random(20261122);
    const host = new FakeHost({ maxFrameBytes: 200 }, entry);
    let connected = 0;
    for (let i = 0; i < 20_000; i++) {
      if (host.peers.size < 3) host.connect(`p${connected++}`);
      const peers = [...host.peers.values()];
      const sender = peers[Math.floor(next() * peers.length)]!;
      const text = next() < 0.1 ? announce(`id${i}`, 'hero', next() < 0.5 ? 'online' : 'offline') : randomText(next);
      const others = peers.filter((p) => p !== sender);
      const effects = host.send(sender, text);
      for (const effect of effects) {
        if (effect.kind === 'close') expect(effect.peer).toBe(sender);
        if (effect.kind === 'store') expect(effect.peer).toBe(sender);
        expect(effect.kind).not.toBe('send'); // nothing the relay composes itself answers a frame
        // No peer here announces acceptsBatch, so a batch frame reaches nobody.
        if (effect.kind === 'forward') expect(effect.to).toEqual(text.startsWith(BATCH_PREFIX) ? [] : others);
      }
      if (next() < 0.05) host.drop(peers[Math.floor(next() * peers.length)]!);
    }
    expect(connected).toBeGreaterThan(3); // some peers were closed along the way
  });
});
