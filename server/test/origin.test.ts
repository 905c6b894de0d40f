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

  it('admits a VS Code webview only in its exact shape: one id label, nothing after it', () => {
    expect(policy.allows('vscode-webview://0k3abc9q2lm7h1u5s3pp0ufn9o6o6b2eomd4jk8k6eh4ub0tq7f3')).toBe(true);
    for (const origin of [
      'vscode-webview://',
      'vscode-webview://abc.evil.example',
      'vscode-webview://abc:5163',
      'vscode-webview://abc/path',
      'vscode-webview://user@abc',
      'VSCODE-WEBVIEW://ABC',
      'vscode-webview-evil://abc',
    ]) {
      expect(policy.allows(origin)).toBe(false);
    }
  });

  it('admits an origin added while running, exactly, and refuses to add what is not an origin', () => {
    const live = originPolicy('127.0.0.1', 5999, []);
    expect(live.allows('http://127.0.0.1:8080')).toBe(false);
    live.add('http://127.0.0.1:8080');
    expect(live.allows('http://127.0.0.1:8080')).toBe(true);
    expect(live.allows('http://127.0.0.1:8081')).toBe(false);
    expect(live.allows('https://127.0.0.1:8080')).toBe(false);
    for (const bad of ['null', 'http://127.0.0.1:8080/path', 'http://u@127.0.0.1:8080', 'garbage', 'http://x/?q']) {
      expect(() => live.add(bad)).toThrow(/not a web origin/);
    }
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
