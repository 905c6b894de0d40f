import { describe, expect, it } from 'vitest';
import { normalizeOrigin, originPolicy } from '../src/origin.js';

describe('originPolicy', () => {
  const policy = originPolicy('127.0.0.1', 5999, ['http://localhost:5173']);

  it('allows clients that send no Origin (Python, CLI)', () => {
    expect(policy.allows(undefined)).toBe(true);
  });

  it("allows the server's own loopback origins on its port", () => {
    for (const origin of [
      'http://127.0.0.1:5999',
      'http://localhost:5999',
      'http://[::1]:5999',
      'HTTP://LOCALHOST:5999',
      'http://class-demo.localhost:5999', // browsers resolve *.localhost to loopback; the Host check answers it
      'http://127.0.0.2:5999',
    ]) {
      expect(policy.allows(origin)).toBe(true);
    }
  });

  it('allows VS Code webviews and the --allow-origin list', () => {
    expect(policy.allows('vscode-webview://1abc2def')).toBe(true);
    expect(policy.allows('http://localhost:5173')).toBe(true);
    expect(policy.allows('http://localhost:5173/')).toBe(true);
  });

  it('refuses foreign web origins, other ports, https look-alikes and null', () => {
    for (const origin of [
      'https://evil.example',
      'http://evil.example:5999',
      'http://127.0.0.1:6000',
      'https://127.0.0.1:5999',
      'http://localhost.evil.example:5999',
      'http://demo.localhost:6000',
      'https://demo.localhost:5999',
      'http://localhost:5999.evil.example',
      'null',
      'file://',
      'garbage',
    ]) {
      expect(policy.allows(origin)).toBe(false);
    }
  });

  it('adds the bound address when bound to a specific non-loopback host', () => {
    const lan = originPolicy('192.168.7.9', 80, []);
    expect(lan.allows('http://192.168.7.9')).toBe(true); // port 80 is dropped by browsers
    expect(lan.allows('http://192.168.7.10')).toBe(false);
  });

  it('trusts pages served under an --allow-host name on this port, and only those', () => {
    const named = originPolicy('127.0.0.1', 5999, [], ['mybox.local']);
    expect(named.allows('http://mybox.local:5999')).toBe(true);
    expect(named.allows('http://MyBox.local:5999/')).toBe(true);
    expect(named.allows('http://mybox.local:6000')).toBe(false);
    expect(named.allows('http://other.local:5999')).toBe(false);
    expect(policy.allows('http://mybox.local:5999')).toBe(false);
  });

  it('normalizes like a browser', () => {
    expect(normalizeOrigin('HTTP://Example.COM:80/')).toBe('http://example.com');
  });
});
