// The parse step both hosts run on every request target: it never throws, and
// refuses what neither host should route.
import { describe, expect, it } from 'vitest';
import { MAX_TARGET_LENGTH, parseRequestTarget, upgradeSession } from '../src/request-target.js';

const target = (raw: string) => {
  const parsed = parseRequestTarget(raw);
  if (!parsed.ok) throw new Error(`refused ${raw}: ${parsed.reason}`);
  return parsed.target;
};

describe('parseRequestTarget', () => {
  it('reads path, session and query of an origin-form target', () => {
    expect(target('/')).toEqual({ path: '/', session: null, query: '' });
    expect(target('/?session=abc&x=1')).toEqual({ path: '/', session: 'abc', query: 'session=abc&x=1' });
    expect(target('/session/x%20y')).toEqual({ path: '/session/x%20y', session: null, query: '' });
    expect(target('//')).toEqual({ path: '//', session: null, query: '' });
    expect(target('/?session=%zz').session).toBe('%zz'); // a malformed escape stays as written
  });

  it.each([
    [undefined, /no target/],
    ['', /no target/],
    ['*', /starting with "\/"/],
    ['http://evil.example/', /starting with "\/"/],
    ['/a b', /spaces, control or non-ASCII/],
    ['/\u00e9', /spaces, control or non-ASCII/],
    ['/\u0000', /spaces, control or non-ASCII/],
    ['/?session=a&session=b', /more than one session/],
    [`/${'x'.repeat(MAX_TARGET_LENGTH)}`, /longer than/],
  ])('refuses %j with a reason', (raw, reason) => {
    const parsed = parseRequestTarget(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  it('never throws, whatever it is given', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    for (let i = 0; i < 5000; i++) {
      const raw = Array.from({ length: next() % 40 }, () => String.fromCharCode(next() % 0x180)).join('');
      expect(() => parseRequestTarget(`/${raw}`)).not.toThrow();
      expect(() => parseRequestTarget(raw)).not.toThrow();
    }
  });
});

describe('upgradeSession', () => {
  it('joins only on the path /, with a valid id or the fallback', () => {
    expect(upgradeSession(target('/?session=abc'))).toBe('abc');
    expect(upgradeSession(target('/'))).toBe('default');
    expect(upgradeSession(target('/'), null)).toBeUndefined();
    expect(upgradeSession(target('//'))).toBeUndefined();
    expect(upgradeSession(target('/x?session=abc'))).toBeUndefined();
    expect(upgradeSession(target('/?session=a%20b'))).toBeUndefined();
    expect(upgradeSession(target('/?session='))).toBeUndefined();
  });
});
