import { describe, expect, it } from 'vitest';
import { heroUrl, newSessionId, parseSessionInput } from '../../src/target.js';

describe('parseSessionInput (Sidekick: Open Session…)', () => {
  it('reads the page address a program prints for a cloud relay', () => {
    expect(parseSessionInput('  https://relay.example/session/abc_123  ', '')).toEqual({
      relayUrl: 'wss://relay.example/',
      session: 'abc_123',
      title: 'Sidekick: abc_123',
    });
    expect(parseSessionInput('http://192.168.1.5:5163/session/x-1/', '')).toMatchObject({ relayUrl: 'ws://192.168.1.5:5163/', session: 'x-1' });
  });

  it('reads the WebSocket address a program connects to', () => {
    expect(parseSessionInput('wss://relay.example/?session=abc', '')).toMatchObject({ relayUrl: 'wss://relay.example/', session: 'abc' });
  });

  it('takes a bare id on the relay named by sidekick.cloudRelay', () => {
    expect(parseSessionInput('abc', 'https://relay.example')).toMatchObject({ relayUrl: 'wss://relay.example/', session: 'abc' });
    expect(parseSessionInput('abc', '')).toMatch(/sidekick\.cloudRelay/);
  });

  it('says what is wrong with anything else', () => {
    expect(parseSessionInput('', 'https://relay.example')).toMatch(/Paste the session address/);
    expect(parseSessionInput('not an id!', 'https://relay.example')).toMatch(/not a session id/);
    expect(parseSessionInput('https://relay.example/', '')).toMatch(/names no session/);
    expect(parseSessionInput('https://relay.example/session/bad%20id', '')).toMatch(/not a session id/);
    expect(parseSessionInput('ftp://relay.example/session/a', '')).toMatch(/not an http\(s\) or ws\(s\) address/);
    expect(parseSessionInput('https://me:pw@relay.example/session/a', '')).toMatch(/user name or password/);
    expect(parseSessionInput('https://relay.example/session/%E0%A4%A', '')).toMatch(/badly escaped/);
  });
});

describe('session ids and the hero address', () => {
  it('makes unguessable, valid, distinct ids', () => {
    const ids = new Set(Array.from({ length: 50 }, newSessionId));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  it('puts the session in the query, as protocol.md "Transport" says', () => {
    expect(heroUrl({ relayUrl: 'ws://127.0.0.1:5163/', session: 'abc' })).toBe('ws://127.0.0.1:5163/?session=abc');
  });
});
