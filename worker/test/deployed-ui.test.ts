// wrangler.jsonc as deployed: the built UI (ui/dist, made by `npm run build
// -w ui`, which `npm test` runs first) is what the worker serves.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rawGet } from './harness/http.js';
import { type WorkerHost, startWorker } from './harness/worker-host.js';

const uiIndex = fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url));
let host: WorkerHost;

beforeAll(async () => {
  host = await startWorker({ realAssets: true });
});

afterAll(async () => {
  await host?.close();
});

it('serves ui/dist/index.html at / and at /session/<id>', async () => {
  const built = readFileSync(uiIndex, 'utf8');
  for (const path of ['/', '/session/0123456789abcdef0123456789abcdef']) {
    const response = await rawGet(`${host.httpUrl}${path}`);
    expect(response.status).toBe(200);
    expect(response.body).toBe(built);
    expect(response.headers['cross-origin-embedder-policy']).toBe('require-corp');
  }
});

it('still routes WebSocket upgrades on / to the relay', async () => {
  const response = await rawGet(`${host.httpUrl}/?session=abc`);
  expect(response.status).toBe(426);
});
