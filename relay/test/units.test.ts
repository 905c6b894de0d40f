import { describe, expect, it } from 'vitest';
import { announceOfRecord, parseAnnounce } from '../src/announce.js';
import { DEFAULT_LIMITS, resolveLimits } from '../src/limits.js';
import { exceedsUtf8, utf8Length } from '../src/utf8.js';

describe('utf8Length', () => {
  it('matches TextEncoder for ASCII, 2-, 3- and 4-byte characters and lone surrogates', () => {
    for (const text of ['', 'abc', 'é', '€', '😀', 'a😀é€', '\ud800', 'x\udc00y', '\ud800\ud800']) {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
    }
  });

  it('exceedsUtf8 agrees with the exact length around the limit', () => {
    for (const text of ['x'.repeat(10), 'é'.repeat(5), 'é'.repeat(6), '😀'.repeat(3)]) {
      for (const max of [0, 5, 9, 10, 11, 12, 30]) {
        expect(exceedsUtf8(text, max)).toBe(utf8Length(text) > max);
      }
    }
  });
});

describe('parseAnnounce / announceOfRecord', () => {
  it('round-trips a record through the text the relay sends', () => {
    const text = announceOfRecord({ peerId: 'p', role: 'sidekick', version: '0.1', timestamp: 3, online: true }, 'offline', 9);
    expect(parseAnnounce(text, 256, 0)).toEqual({
      kind: 'announce',
      announce: { peerId: 'p', role: 'sidekick', version: '0.1', timestamp: 9, status: 'offline', acceptsBatch: false },
    });
  });
  it('calls other JSON "other" and broken JSON "invalid"', () => {
    expect(parseAnnounce('{"component":"grid","type":"announce"}', 256, 0).kind).toBe('other');
    expect(parseAnnounce('{"component":"system","type":"x"}', 256, 0).kind).toBe('other');
    expect(parseAnnounce('{"announce"', 256, 0).kind).toBe('invalid');
  });
});

describe('resolveLimits', () => {
  it('keeps defaults for unset fields', () => {
    expect(resolveLimits({ maxPeersPerSession: 3 })).toEqual({ ...DEFAULT_LIMITS, maxPeersPerSession: 3 });
  });
});
