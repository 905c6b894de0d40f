import { describe, expect, it } from 'vitest';
import { isValidSessionId } from '../src/session-id.js';

describe('isValidSessionId', () => {
  it('accepts 1-128 URL-safe characters', () => {
    for (const id of ['a', 'default', 'A-b_9', 'x'.repeat(128)]) expect(isValidSessionId(id)).toBe(true);
  });
  it('rejects empty, long, and anything outside [A-Za-z0-9_-]', () => {
    for (const id of ['', 'x'.repeat(129), 'a b', 'a/b', '../x', 'é', 'a.b', 'a%20', 'a\n']) {
      expect(isValidSessionId(id)).toBe(false);
    }
  });
});
