// Limits and checks only the Node host makes (the shared ones are in the
// conformance suite): sessions per process, ping timeouts, invalid UTF-8.
import { announceOf, TestPeer } from '@sidekick/relay/conformance';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startCli, stopAll } from './cli-process.js';

afterEach(stopAll);

describe('sidekick serve: host limits', () => {
  it('closes a peer that would open one session too many with 1013, and frees the slot when a session empties', async () => {
    const proc = startCli(['serve', '--port', '0', '--quiet', '--limit', 'maxSessions=2']);
    const { port } = await proc.listening();
    const url = (s: string) => `ws://127.0.0.1:${port}/?session=${s}`;
    const a = await TestPeer.open(url('a'));
    const b = await TestPeer.open(url('b'));
    const c = await TestPeer.open(url('c'));
    expect(await c.closed).toEqual({ code: 1013, reason: expect.stringMatching(/too many sessions/) });
    const a2 = await TestPeer.open(url('a')); // an existing session still takes peers
    await a2.send('{"x":1}');
    expect(await a.message(0)).toBe('{"x":1}');
    await b.close();
    await expect.poll(async () => {
      const peer = await TestPeer.open(url('d'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const ok = peer.closeInfo === undefined;
      await peer.close();
      return ok;
    }).toBe(true);
  });

  it('survives a refused peer that sends a bad frame before its close completes', async () => {
    const proc = startCli(['serve', '--port', '0', '--quiet', '--limit', 'maxSessions=1', '--limit', 'maxFrameBytes=100']);
    const { port } = await proc.listening();
    const a = await TestPeer.open(`ws://127.0.0.1:${port}/?session=a`);
    const b = await TestPeer.open(`ws://127.0.0.1:${port}/?session=a`);
    const refused = await TestPeer.open(`ws://127.0.0.1:${port}/?session=b`);
    void refused.send(`{"t":"${'x'.repeat(200)}"}`).catch(() => undefined);
    expect((await refused.closed).code).toBe(1013);
    await a.send('{"alive":true}');
    expect(await b.message(0)).toBe('{"alive":true}');
    expect(proc.child.exitCode).toBeNull();
  });

  it('takes a peer refused by ws itself (oversized frame) out of its session at once, answered close or not', async () => {
    const proc = startCli(['serve', '--port', '0', '--quiet', '--limit', 'maxFrameBytes=300']);
    const { port } = await proc.listening();
    const url = `ws://127.0.0.1:${port}/?session=big`;
    const watcher = await TestPeer.open(url);
    const big = await TestPeer.open(url);
    await big.announce('big', 'hero', 'online');
    await watcher.until(() => watcher.messages.length === 1, "the big peer's announce");
    big.pauseReading(); // it will not see, so not answer, the server's close frame
    void big.send(`{"t":"${'x'.repeat(400)}"}`).catch(() => undefined);
    await watcher.until(() => watcher.messages.some((m) => announceOf(m)?.status === 'offline'), 'the offline for the big peer');
    big.terminate();
  });

  it('drops a peer that stops answering pings, and tells the others', async () => {
    const proc = startCli(['serve', '--port', '0', '--quiet', '--limit', 'pingIntervalMs=100']);
    const { port } = await proc.listening();
    const url = `ws://127.0.0.1:${port}/?session=ping`;
    const watcher = await TestPeer.open(url);
    const deaf = new WebSocket(url, { autoPong: false });
    await new Promise((resolve) => deaf.once('open', resolve));
    deaf.send(JSON.stringify({ id: 0, component: 'system', type: 'announce', payload: { peerId: 'deaf', role: 'hero', status: 'online', version: '1', timestamp: 1 } }));
    await watcher.until(() => watcher.messages.some((m) => announceOf(m)?.status === 'offline'), 'the offline for the deaf peer');
    expect(watcher.closeInfo).toBeUndefined(); // the ws client answers pings by itself
    await new Promise((resolve) => (deaf.readyState === WebSocket.CLOSED ? resolve(null) : deaf.once('close', resolve)));
  });

  it('closes the sender of a text frame that is not UTF-8 with 1007 and a reason', async () => {
    const proc = startCli(['serve', '--port', '0', '--quiet']);
    const { port } = await proc.listening();
    const bad = await TestPeer.open(`ws://127.0.0.1:${port}/`);
    const other = await TestPeer.open(`ws://127.0.0.1:${port}/`);
    await bad.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), false);
    expect(await bad.closed).toEqual({ code: 1007, reason: expect.stringMatching(/UTF-8/) });
    await other.send('{"still":1}');
    expect(other.closeInfo).toBeUndefined();
  });
});
