// The relay core hosted by the Durable Object, seen by real `ws` clients:
// announces, forwarding, offline-on-behalf, close handshakes and bad input.
// (The shared conformance suite covers the contract again; these cases pin
// what is specific to this host.)
import { DEFAULT_LIMITS } from '@sidekick/relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, announce } from './harness/client.js';
import { type WorkerHost, startWorker } from './harness/worker-host.js';

let host: WorkerHost;
let sessions = 0;
/** A fresh session per test so tests cannot see each other's peers. */
const session = (): string => host.wsUrl(`relay-${++sessions}`);

beforeAll(async () => {
  host = await startWorker();
});

afterAll(async () => {
  await host?.close();
});

async function pair(url: string): Promise<{ hero: Client; ui: Client }> {
  const hero = await Client.open(url);
  hero.send(announce('hero-1', 'hero'));
  const ui = await Client.open(url);
  expect(await ui.nextJson()).toMatchObject({ payload: { peerId: 'hero-1', role: 'hero', status: 'online' } });
  ui.send(announce('ui-1', 'sidekick'));
  expect(await hero.nextJson()).toMatchObject({ payload: { peerId: 'ui-1', role: 'sidekick', status: 'online' } });
  return { hero, ui };
}

describe('announces and forwarding', () => {
  it('tells a newcomer who is online and forwards its announce to the others', async () => {
    const { hero, ui } = await pair(session());
    await hero.close();
    await ui.close();
  });

  it('forwards the exact text, both ways, in order', async () => {
    const { hero, ui } = await pair(session());
    const texts = Array.from({ length: 50 }, (_, i) => `{"id":0, "component":"label","type":"update","target":"l${i}"}`);
    for (const text of texts) hero.send(text);
    for (const text of texts) expect(await ui.next()).toBe(text);
    ui.send('{"id":0,"component":"button","type":"event","src":"b-1","payload":{"event":"click"}}');
    expect(await hero.next()).toBe('{"id":0,"component":"button","type":"event","src":"b-1","payload":{"event":"click"}}');
    await hero.close();
    await ui.close();
  });
});

describe('leaving', () => {
  it('sends offline on behalf of a peer whose connection drops', async () => {
    const { hero, ui } = await pair(session());
    await hero.terminate();
    const offline = await ui.nextJson();
    expect(offline).toMatchObject({
      component: 'system',
      type: 'announce',
      payload: { peerId: 'hero-1', role: 'hero', status: 'offline', version: '0.1.0' },
    });
    await ui.close();
  });

  it('sends offline on behalf of a peer that closes without announcing offline', async () => {
    const { hero, ui } = await pair(session());
    await hero.close(1000, 'done');
    expect(await ui.nextJson()).toMatchObject({ payload: { peerId: 'hero-1', status: 'offline' } });
    await ui.close();
  });

  it('does not repeat an offline the peer sent itself', async () => {
    const { hero, ui } = await pair(session());
    hero.send(announce('hero-1', 'hero', 'offline'));
    expect(await ui.nextJson()).toMatchObject({ payload: { peerId: 'hero-1', status: 'offline' } });
    await hero.close();
    // Barrier: a message sent after the close must be the next thing the UI sees.
    const late = await Client.open(host.wsUrl(new URL(ui.socket.url).searchParams.get('session') ?? ''));
    late.send(announce('late-1', 'hero'));
    expect(await ui.nextJson()).toMatchObject({ payload: { peerId: 'late-1', status: 'online' } });
    await late.close();
    await ui.close();
  });

  it('answers a client close frame with a close frame (clean handshake)', async () => {
    const { hero, ui } = await pair(session());
    // Without a reply `ws` waits out its close timeout and reports 1006.
    expect(await hero.close(4001, 'bye')).toEqual({ code: 4001, reason: '' });
    expect(await ui.close(1000)).toMatchObject({ code: 1000 });
  });

  it('answers a close frame without a status code with 1000', async () => {
    const client = await Client.open(session());
    expect(await client.close()).toMatchObject({ code: 1000 });
  });
});

describe('bad input closes only its sender', () => {
  const cases: [string, (c: Client) => void, number, RegExp][] = [
    ['a binary frame', (c) => c.socket.send(Buffer.from([1, 2, 3])), 1003, /binary/],
    ['text that is not JSON', (c) => c.send('hello'), 1007, /JSON/],
    ['a JSON array', (c) => c.send('[1,2]'), 1007, /JSON object/],
    ['an announce without peerId', (c) => c.send({ component: 'system', type: 'announce', payload: { role: 'hero', status: 'online' } }), 1007, /announce/],
    ['a frame over the size limit', (c) => c.send(`{"x":"${'a'.repeat(DEFAULT_LIMITS.maxFrameBytes)}"}`), 1009, /too big/],
  ];

  it.each(cases)('%s', async (_name, misbehave, code, reason) => {
    const { hero, ui } = await pair(session());
    misbehave(hero);
    const closed = await hero.closed;
    expect(closed.code).toBe(code);
    expect(closed.reason).toMatch(reason);
    // The other peer hears that the sender left, then keeps working.
    expect(await ui.nextJson()).toMatchObject({ payload: { peerId: 'hero-1', status: 'offline' } });
    const other = await Client.open(ui.socket.url);
    expect(await other.nextJson()).toMatchObject({ payload: { peerId: 'ui-1', status: 'online' } });
    other.send('{"component":"label","type":"spawn","target":"l"}');
    expect(await ui.next()).toBe('{"component":"label","type":"spawn","target":"l"}');
    await other.close();
    await ui.close();
  });

  it('drops what a peer sends after its bad frame', async () => {
    const { hero, ui } = await pair(session());
    // Both frames leave in one write; the second reaches the object after it closed the sender.
    hero.send('not json');
    hero.send('{"id":0,"component":"label","type":"spawn","target":"after-bad"}');
    expect((await hero.closed).code).toBe(1007);
    expect(await ui.nextJson()).toMatchObject({ payload: { peerId: 'hero-1', status: 'offline' } });
    // Barrier: a newcomer's announce is the next frame the UI sees.
    const other = await Client.open(ui.socket.url);
    other.send(announce('hero-2', 'hero'));
    expect(await ui.nextJson()).toMatchObject({ payload: { peerId: 'hero-2', status: 'online' } });
    await other.close();
    await ui.close();
  });

  it('accepts a frame of exactly the size limit', async () => {
    const { hero, ui } = await pair(session());
    const text = `{"x":"${'a'.repeat(DEFAULT_LIMITS.maxFrameBytes - 8)}"}`;
    expect(text.length).toBe(DEFAULT_LIMITS.maxFrameBytes);
    hero.send(text);
    expect((await ui.next()).length).toBe(text.length);
    await hero.close();
    await ui.close();
  });
});

describe('peers per session', () => {
  it(`refuses peer number ${DEFAULT_LIMITS.maxPeersPerSession + 1} with 1008`, async () => {
    const url = session();
    const peers: Client[] = [];
    for (let i = 0; i < DEFAULT_LIMITS.maxPeersPerSession; i++) peers.push(await Client.open(url));
    const extra = await Client.open(url);
    expect(await extra.closed).toMatchObject({ code: 1008, reason: expect.stringMatching(/full/) as unknown });
    // The session still relays among the admitted peers.
    peers[0]!.send('{"component":"label","type":"spawn","target":"l"}');
    expect(await peers[1]!.next()).toBe('{"component":"label","type":"spawn","target":"l"}');
    await Promise.all(peers.map((peer) => peer.close()));
  });
});
