// Any text a peer sends: the core never throws, only the sender is ever
// closed, and whatever is forwarded is the sender's exact text.
import { describe, expect, it } from 'vitest';
import { announce, FakeHost } from './fake-host.js';

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
  return next() < 0.5 ? `{${parts.join('')}}` : parts.join('');
}

describe('Relay core under random input', () => {
  it('survives 20,000 random frames, closing only senders and forwarding only exact texts', () => {
    const next = random(20261122);
    const host = new FakeHost({ maxFrameBytes: 200 });
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
        if (effect.kind === 'send') {
          expect(effect.text).toBe(text);
          expect(effect.to).toEqual(others);
        }
      }
      if (next() < 0.05) host.drop(peers[Math.floor(next() * peers.length)]!);
    }
    expect(connected).toBeGreaterThan(3); // some peers were closed along the way
  });
});
