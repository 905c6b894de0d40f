import { describe, expect, it } from 'vitest';
import { hostnameOf, hostRefusal, isAllowedHost, normalizeHostName } from '../src/host-check.js';

const none = new Set<string>();

describe('isAllowedHost', () => {
  it('allows loopback names with or without a port, in any case', () => {
    for (const host of [
      '127.0.0.1',
      '127.0.0.1:5163',
      '127.1.2.3:80',
      'localhost',
      'localhost:5173',
      'LocalHost:5163',
      'app.localhost',
      'a.b.LOCALHOST:8080',
      '[::1]',
      '[::1]:5163',
      '[0:0:0:0:0:0:0:1]:5163',
    ]) {
      expect([host, isAllowedHost(host, none)]).toEqual([host, true]);
    }
  });

  it('refuses foreign names, look-alikes, other addresses and malformed or missing Hosts', () => {
    for (const host of [
      undefined,
      '',
      'evil.example',
      'evil.example:5163',
      'localhost.evil.example',
      'evil-localhost',
      'localhostx',
      '127.0.0.1.evil.example',
      '192.168.1.5:5163',
      '0.0.0.0:5163',
      '[::2]:5163',
      '[::ffff:7f00:1]',
      'evil.example@127.0.0.1',
      '127.0.0.1/evil',
      'localhost:5163:1',
      'localhost:',
      ' localhost',
      'localhost.',
      '[::1',
      '[zz::1]',
    ]) {
      expect([host, isAllowedHost(host, none)]).toEqual([host, false]);
    }
  });

  it('allows the names in the allow-list, with any port and case, and nothing more', () => {
    const allowed = new Set(['mybox.local', '192.168.1.5', '[fe80::1]']);
    for (const host of ['mybox.local', 'MyBox.Local:5163', '192.168.1.5:5163', '[fe80::1]:80', '[FE80:0::1]']) {
      expect([host, isAllowedHost(host, allowed)]).toEqual([host, true]);
    }
    for (const host of ['other.local', 'sub.mybox.local', 'mybox.local.evil.example', '192.168.1.6', '[fe80::2]']) {
      expect([host, isAllowedHost(host, allowed)]).toEqual([host, false]);
    }
  });
});

describe('hostnameOf and normalizeHostName', () => {
  it('takes the name out of a Host header, lower case, IPv6 short and bracketed', () => {
    expect(hostnameOf('Example.COM:8080')).toBe('example.com');
    expect(hostnameOf('[0:0::1]:5163')).toBe('[::1]');
    expect(hostnameOf('a b')).toBeUndefined();
    expect(hostnameOf(undefined)).toBeUndefined();
  });

  it('accepts names and addresses for --allow-host, and refuses URLs and ports', () => {
    expect(normalizeHostName('MyBox.Local')).toBe('mybox.local');
    expect(normalizeHostName('192.168.1.5')).toBe('192.168.1.5');
    expect(normalizeHostName('fe80::1')).toBe('[fe80::1]');
    expect(normalizeHostName('[FE80::1]')).toBe('[fe80::1]');
    for (const value of ['mybox.local:5163', 'http://mybox.local', 'mybox.local/', '127.0.0.1:5163', '', 'a b', '*']) {
      expect([value, normalizeHostName(value)]).toEqual([value, undefined]);
    }
  });
});

describe('hostRefusal', () => {
  it('names the refused Host, where to go instead and the flag to allow it', () => {
    expect(hostRefusal('evil.example:5163', 'http://127.0.0.1:5163/')).toBe(
      "Host 'evil.example:5163' is not allowed; open http://127.0.0.1:5163/ or start sidekick serve with --allow-host evil.example",
    );
  });

  it('says what is missing for no Host, and suggests no flag for a malformed one', () => {
    expect(hostRefusal(undefined, 'http://127.0.0.1:5163/')).toBe('This request has no Host header; open http://127.0.0.1:5163/');
    expect(hostRefusal('a\u00ffb c', 'http://127.0.0.1:5163/')).toBe("Host 'a?b c' is not allowed; open http://127.0.0.1:5163/");
  });
});
