// Hibernation in workerd: with no event to handle, workerd evicts a Durable
// Object after 10 s of inactivity while its hibernatable sockets stay open
// (workerd PR #1138). The probe worker counts Session constructions, so a
// count of 2 proves that a fresh object served the session afterwards, using
// only what it found in getWebSockets() and the sockets' attachments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, announce } from './harness/client.js';
import { PROBE_ENTRY } from './harness/paths.js';
import { type WorkerHost, startWorker } from './harness/worker-host.js';

/** Longer than workerd's fixed 10 s inactivity timeout for actors. */
const IDLE_UNTIL_EVICTED_MS = 13_000;

let host: WorkerHost;

beforeAll(async () => {
  host = await startWorker({ entry: PROBE_ENTRY, sessionClassName: 'ProbedSession' });
});

afterAll(async () => {
  await host?.close();
});

async function constructions(): Promise<number> {
  const response = await fetch(`${host.httpUrl}/__probe/constructions`);
  return ((await response.json()) as { constructions: number }).constructions;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function pong(client: Client): Promise<void> {
  return new Promise((resolve) => {
    client.socket.once('pong', () => resolve());
    client.socket.ping();
  });
}

describe('a session that hibernates', () => {
  it('keeps its peers, forwards, and sends offline on behalf of the right peer after a wake-up', { timeout: 40_000 }, async () => {
    const url = host.wsUrl('hibernating-session');
    const hero = await Client.open(url);
    hero.send(announce('hero-h', 'hero'));
    const ui = await Client.open(url);
    expect(await ui.nextJson()).toMatchObject({ payload: { peerId: 'hero-h', status: 'online' } });
    ui.send(announce('ui-h', 'sidekick'));
    expect(await hero.nextJson()).toMatchObject({ payload: { peerId: 'ui-h', status: 'online' } });
    expect(await constructions()).toBe(1);

    await sleep(IDLE_UNTIL_EVICTED_MS);

    // WebSocket pings are answered by the runtime: they do not wake the object.
    await pong(ui);
    expect(await constructions()).toBe(1);

    // A frame wakes a fresh object, which still knows both peers.
    hero.send('{"id":0,"component":"label","type":"spawn","target":"label-1","payload":{"text":"hi"}}');
    expect(await ui.next()).toBe('{"id":0,"component":"label","type":"spawn","target":"label-1","payload":{"text":"hi"}}');
    expect(await constructions()).toBe(2);

    // The hero's connection drops: the woken object names it from the attachment.
    await hero.terminate();
    expect(await ui.nextJson()).toMatchObject({
      component: 'system',
      type: 'announce',
      payload: { peerId: 'hero-h', role: 'hero', status: 'offline', version: '0.1.0' },
    });

    // A newcomer is told who is still online (and not the hero that left).
    const late = await Client.open(url);
    expect(await late.nextJson()).toMatchObject({ payload: { peerId: 'ui-h', role: 'sidekick', status: 'online' } });
    late.send(announce('hero-2', 'hero'));
    expect(await ui.nextJson()).toMatchObject({ payload: { peerId: 'hero-2', status: 'online' } });
    expect(late.pending()).toEqual([]);
    expect(await constructions()).toBe(2);

    await late.close();
    await ui.close();
  });
});
