// GET /api/sessions: who is online in which session (the UI at / and a
// starting hero read it), the long poll that waits for a change, and the
// refusal of foreign pages.
import { TestPeer } from '@sidekick/relay/conformance';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';
import { type RunningServer, startServer } from '../src/server.js';
import { isLoopbackClient, type SessionListing } from '../src/session-list.js';

let server: RunningServer | undefined;
const peers: TestPeer[] = [];

afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.close()));
  await server?.close();
  server = undefined;
});

async function start(): Promise<RunningServer> {
  server = await startServer({ port: 0, logger: createLogger('quiet') });
  return server;
}

async function join(session: string, peerId: string, role: 'hero' | 'sidekick'): Promise<TestPeer> {
  const peer = await TestPeer.open(`ws://127.0.0.1:${server!.port}/?session=${session}`);
  peers.push(peer);
  await peer.announce(peerId, role, 'online');
  return peer;
}

async function listing(query = '', headers: Record<string, string> = {}): Promise<SessionListing> {
  const response = await fetch(`${server!.url}/api/sessions${query}`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  return (await response.json()) as SessionListing;
}

describe('GET /api/sessions', () => {
  it('lists each session with its heroes and UIs online', async () => {
    await start();
    expect((await listing()).sessions).toEqual([]);
    await join('prog-a', 'hero-a', 'hero');
    await join('prog-a', 'ui-a', 'sidekick');
    const b = await join('prog-b', 'hero-b', 'hero');
    // Announces are read by the server a moment after they are sent.
    const counts = async () => (await listing()).sessions.map((s) => `${s.id}:${s.heroes}/${s.sidekicks}`).sort();
    await expect.poll(counts).toEqual(['prog-a:1/1', 'prog-b:1/0']);
    const { sessions } = await listing();
    const byId = Object.fromEntries(sessions.map((s) => [s.id, s]));
    expect(byId['prog-a']).toMatchObject({ heroes: 1, sidekicks: 1 });
    expect(byId['prog-b']).toMatchObject({ heroes: 1, sidekicks: 0 });
    expect(byId['prog-a']!.since).toBeGreaterThan(0);
    await b.announce('hero-b', 'hero', 'offline');
    await expect.poll(async () => (await listing()).sessions.find((s) => s.id === 'prog-b')?.heroes).toBe(0);
  });

  it('holds ?after=<current version> until the listing changes, and answers an old version at once', async () => {
    await start();
    const first = await listing();
    expect((await listing(`?after=${first.version - 1}`)).version).toBe(first.version);
    let answered: SessionListing | undefined;
    const waiting = listing(`?after=${first.version}`).then((l) => (answered = l));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBeUndefined();
    await join('late', 'hero-late', 'hero');
    const next = await waiting;
    expect(next.version).toBeGreaterThan(first.version);
  });

  it('answers a waiting poll when the server shuts down', async () => {
    const running = await start();
    const { version } = await listing();
    const waiting = fetch(`${running.url}/api/sessions?after=${version}`).then((r) => r.status);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await running.close();
    server = undefined;
    expect(await waiting).toBe(200);
  });

  it("refuses another site's page, by Origin or (for a no-cors load) by Sec-Fetch-Site", async () => {
    const running = await start();
    const foreign = await fetch(`${running.url}/api/sessions`, { headers: { Origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    const loaded = await fetch(`${running.url}/api/sessions`, { headers: { 'Sec-Fetch-Site': 'cross-site' } });
    expect(loaded.status).toBe(403);
    await listing('', { Origin: `http://127.0.0.1:${running.port}`, 'Sec-Fetch-Site': 'same-origin' });
  });

  it('answers only clients on this machine (a LAN bind must not hand out session ids)', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopbackClient(address)).toBe(true);
    for (const address of ['10.0.0.5', '192.168.1.20', '::ffff:10.0.0.5', 'fe80::1', '::', undefined]) {
      expect(isLoopbackClient(address)).toBe(false);
    }
  });
});
