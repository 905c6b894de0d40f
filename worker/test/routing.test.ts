// The Worker's routing in workerd: the relay endpoint, its errors, and the UI
// served as static assets with the SPA fallback and the shared security headers.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { headersFileText, SECURITY_HEADERS } from '@sidekick/relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from './harness/client.js';
import { type RawResponse, rawGet } from './harness/http.js';
import { type WorkerHost, startWorker } from './harness/worker-host.js';

let host: WorkerHost;

beforeAll(async () => {
  host = await startWorker();
});

afterAll(async () => {
  await host?.close();
});

function get(path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawGet(`${host.httpUrl}${path}`, headers);
}

const UPGRADE = { Upgrade: 'websocket', Connection: 'Upgrade', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' };

describe('relay endpoint', () => {
  it('upgrades /?session=<id> to a WebSocket', async () => {
    const client = await Client.open(host.wsUrl('routing-ok'));
    expect(client.socket.readyState).toBe(client.socket.OPEN);
    await client.close();
  });

  it.each([
    ['no session parameter', '/?other=1', /Missing session/],
    ['an empty session', '/?session=', /Missing session/],
    ['a session with a slash', '/?session=a%2Fb', /Malformed session id/],
    ['a session with spaces', '/?session=a%20b', /Malformed session id/],
    ['a session of 129 characters', `/?session=${'x'.repeat(129)}`, /Malformed session id/],
  ])('refuses a WebSocket upgrade with %s: 400 and a clear text', async (_name, path, text) => {
    const url = `${host.httpUrl.replace('http', 'ws')}${path}`;
    await expect(Client.open(url)).rejects.toThrow(/HTTP 400/);
    const response = await get(path, UPGRADE);
    expect(response.status).toBe(400);
    expect(response.body).toMatch(text);
  });

  it('answers a plain GET of /?session=<id> with 426 Upgrade Required', async () => {
    const response = await get('/?session=abc');
    expect(response.status).toBe(426);
    expect(response.body).toMatch(/open it as a WebSocket/);
  });

  it('refuses a WebSocket upgrade on any other path', async () => {
    const url = `${host.httpUrl.replace('http', 'ws')}/session/abc`;
    await expect(Client.open(url)).rejects.toThrow(/HTTP 404/);
  });
});

describe('UI as static assets', () => {
  it('serves the app at /', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.body).toContain('fixture index');
  });

  it('serves the app at /session/<id> (SPA fallback)', async () => {
    const response = await get('/session/some-session-id', { Accept: 'text/html', 'Sec-Fetch-Mode': 'navigate' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.body).toContain('fixture index');
  });

  it('serves /playground from playground.html', async () => {
    const response = await get('/playground');
    expect(response.status).toBe(200);
    expect(response.body).toContain('fixture playground');
  });

  it('serves files with their content type', async () => {
    const response = await get('/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.body).toContain('fixture app');
  });

  it('sends the shared security headers (isolation, CSP, framing, nosniff) on every answer', async () => {
    for (const path of ['/', '/session/x', '/assets/app.js', '/assets/missing.js', '/healthz', '/?session=abc', '/?session=a%20b']) {
      const response = await get(path);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        expect([path, name, response.headers[name.toLowerCase()]]).toEqual([path, name, value]);
      }
    }
  });

  it('ui/public/_headers (copied into the build for static-asset hosting) holds exactly the shared headers', () => {
    const file = readFileSync(fileURLToPath(new URL('../../ui/public/_headers', import.meta.url)), 'utf8');
    const rules = file.split('\n').filter((line) => line !== '' && !line.startsWith('#')).join('\n');
    expect(`${rules}\n`).toBe(headersFileText());
  });
});

describe('the parse step and /healthz', () => {
  it('answers /healthz with what identifies a Sidekick host', async () => {
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ name: 'sidekick', host: 'worker' });
  });

  it.each(['/?session=a&session=b', '//?session=a', '///'])('refuses an upgrade to %s with 400 or 404, never a crash', async (path) => {
    const response = await get(path, UPGRADE);
    expect([400, 404]).toContain(response.status);
    expect((await get('/healthz')).status).toBe(200);
  });
});
