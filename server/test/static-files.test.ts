import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentType, resolveStatic } from '../src/static-files.js';

const root = mkdtempSync(join(tmpdir(), 'sidekick-static-'));
mkdirSync(join(root, 'assets'));
mkdirSync(join(root, 'docs'));
for (const file of ['index.html', 'playground.html', 'assets/app.js', 'docs/index.html']) writeFileSync(join(root, file), file);
writeFileSync(join(root, '..', `${root.split('/').pop()}-secret.txt`), 'secret');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('resolveStatic', () => {
  it('serves files by path and directories by their index.html', () => {
    expect(resolveStatic(root, '/assets/app.js')).toBe(join(root, 'assets/app.js'));
    expect(resolveStatic(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveStatic(root, '/docs/')).toBe(join(root, 'docs/index.html'));
  });

  it('serves /<name> as <name>.html when it exists', () => {
    expect(resolveStatic(root, '/playground')).toBe(join(root, 'playground.html'));
  });

  it('falls back to index.html for app routes, not for missing files', () => {
    expect(resolveStatic(root, '/session/abc-123')).toBe(join(root, 'index.html'));
    expect(resolveStatic(root, '/assets/missing.js')).toBeUndefined();
  });

  it('never leaves the root', () => {
    for (const path of ['/../x-secret.txt', '/..%2f..%2fetc%2fpasswd.txt', '/%2e%2e/secret.txt', '/a%00.js', '/%E0%A4%A']) {
      expect(resolveStatic(root, path)).toBeUndefined();
    }
  });
});

describe('contentType', () => {
  it('knows the types the UI and Pyodide need', () => {
    expect(contentType('a.wasm')).toBe('application/wasm');
    expect(contentType('a.mjs')).toMatch(/^text\/javascript/);
    expect(contentType('a.js')).toMatch(/^text\/javascript/);
    expect(contentType('a.html')).toMatch(/^text\/html/);
    expect(contentType('a.unknown')).toBe('application/octet-stream');
  });
});
