// `sidekick run` with a real CPython script (no sidekick library needed).
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestPeer } from '@sidekick/relay/conformance';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startCli, stopAll, TEST_KEY_DIR } from './cli-process.js';

afterEach(stopAll);

const dir = mkdtempSync(join(tmpdir(), 'sidekick-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function script(name: string, source: string): string {
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
}

const echo = script(
  'echo.py',
  `import os, sys
print("args:", sys.argv[1:])
print("url:", os.environ["SIDEKICK_LOCAL_URL"], os.environ.get("SIDEKICK_URL"))
line = sys.stdin.readline().strip()
print("stdin:", line)
print("to stderr", file=sys.stderr)
sys.exit(int(sys.argv[1]))
`,
);

/** GET /healthz with this Host header. */
function fetchWithHost(port: number, host: string): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz', headers: { Host: host } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0 });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('sidekick run', () => {
  it('passes arguments, stdin, stdout, stderr and the server address (SIDEKICK_LOCAL_URL) through, and exits with the script code (--exit)', async () => {
    const proc = startCli(['run', '--port', '0', '--exit', echo, '3', '--not-ours'], { SIDEKICK_URL: 'ws://elsewhere:1' });
    proc.child.stdin!.end('hello script\n');
    expect(await proc.exited).toBe(3);
    const { port } = await proc.listening();
    expect(proc.stdout()).toContain("args: ['3', '--not-ours']");
    // SIDEKICK_URL would pin the script to one session-less URL: run drops it.
    expect(proc.stdout()).toContain(`url: ws://127.0.0.1:${port} None`);
    expect(proc.stdout()).toContain('stdin: hello script');
    expect(proc.stderr()).toContain('to stderr');
  });

  it('keeps serving after the script ends, then exits with its code on Ctrl+C', async () => {
    const proc = startCli(['run', '--port', '0', echo, '5']);
    proc.child.stdin!.end('x\n');
    const { port } = await proc.listening();
    await proc.waitForStdout(/exited with code 5\. .*press Ctrl\+C to stop/);
    // The server still relays after the script is gone.
    const a = await TestPeer.open(`ws://127.0.0.1:${port}/`);
    const b = await TestPeer.open(`ws://127.0.0.1:${port}/`);
    await a.send('{"still":"here"}');
    expect(await b.message(0)).toBe('{"still":"here"}');
    proc.child.kill('SIGINT');
    expect((await b.closed).code).toBe(1001);
    expect(await proc.exited).toBe(5);
  });

  it('passes --allow-host to the server it starts', async () => {
    const proc = startCli(['run', '--port', '0', '--allow-host', 'mybox.local', echo, '0']);
    proc.child.stdin!.end('\n');
    const { port } = await proc.listening();
    await proc.waitForStdout(/exited with code 0\./);
    const status = async (host: string) => (await fetchWithHost(port, host)).status;
    expect(await status(`mybox.local:${port}`)).toBe(200);
    expect(await status(`evil.example:${port}`)).toBe(403);
  });

  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`on ${signal} while the script runs, stops the script and the server and exits with the script's code`, async () => {
      const sleeper = script('sleeper.py', 'import time\nprint("ready", flush=True)\ntime.sleep(60)\n');
      const proc = startCli(['run', '--port', '0', sleeper]);
      const { port } = await proc.listening();
      const ui = await TestPeer.open(`ws://127.0.0.1:${port}/`);
      await proc.waitForStdout(/^ready$/m);
      proc.child.kill(signal); // only to sidekick, as `kill` would: it must pass the stop on
      expect(await proc.exited).toBe(code);
      expect((await ui.closed).code).toBe(1001);
    });
  }

  it('reuses a Sidekick server already running on the port', async () => {
    const server = startCli(['serve', '--port', '0', '--quiet']);
    const { port } = await server.listening();
    const proc = startCli(['run', '--port', String(port), echo, '0']);
    proc.child.stdin!.end('\n');
    expect(await proc.exited).toBe(0); // no server of its own, so it does not wait
    expect(proc.stdout()).toContain(`Using the Sidekick server already running on http://127.0.0.1:${port}`);
    expect(proc.stdout()).toContain(`url: ws://127.0.0.1:${port} None`);
    expect(proc.stdout()).not.toMatch(/Sidekick server listening/);
  });

  it('refuses a server on the port that answers like Sidekick but cannot prove it is one the user started', async () => {
    const impostor = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ name: 'sidekick', version: '9.9.9', sessions: 0, peers: 0, proof: 'f'.repeat(64) }));
    });
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    const port = (impostor.address() as AddressInfo).port;
    try {
      const proc = startCli(['run', '--port', String(port), echo, '0']);
      proc.child.stdin!.end('\n');
      expect(await proc.exited).toBe(1);
      expect(proc.stderr()).toMatch(new RegExp(`port ${port} answers like a Sidekick server, but it is not one you started`));
      expect(proc.stdout()).not.toContain('args:'); // the script never ran against it
    } finally {
      await new Promise((resolve) => impostor.close(resolve));
    }
  });

  it('a server started from the CLI keeps its key in a 0600 file, proves it in /healthz, and removes it on exit', async () => {
    const server = startCli(['serve', '--port', '0', '--quiet']);
    const { port } = await server.listening();
    const file = join(TEST_KEY_DIR, `server-${port}.key`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const key = readFileSync(file, 'utf8');
    const challenge = 'a-challenge-of-enough-length';
    const report = (await (await fetch(`http://127.0.0.1:${port}/healthz?challenge=${challenge}`)).json()) as { proof?: string };
    expect(report.proof).toBe(createHmac('sha256', key).update(challenge).digest('hex'));
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(existsSync(file)).toBe(false);
  });

  it('a script can talk to the UI through the server it started', async () => {
    const hero = script(
      'hero.py',
      `import asyncio, json, os
import websockets
async def main():
    async with websockets.connect(os.environ["SIDEKICK_LOCAL_URL"]) as ws:
        # The UI's online announce reaches us whether it connected before or after us.
        while json.loads(await ws.recv()).get("component") != "system":
            pass
        await ws.send('{"id":0,"component":"label","type":"spawn","target":"l","payload":{"text":"hi"}}')
        print("got:", await ws.recv(), flush=True)
asyncio.run(main())
`,
    );
    const proc = startCli(['run', '--port', '0', '--exit', hero]);
    const { port } = await proc.listening();
    const ui = await TestPeer.open(`ws://127.0.0.1:${port}/`);
    await ui.announce('ui-1', 'sidekick', 'online');
    const first = await ui.message(0);
    expect(JSON.parse(first)).toMatchObject({ component: 'label', type: 'spawn', payload: { text: 'hi' } });
    await ui.send('{"id":0,"component":"label","type":"event","src":"l"}');
    expect(await proc.exited).toBe(0);
    expect(proc.stdout()).toContain('got: {"id":0,"component":"label","type":"event","src":"l"}');
  });

  it('explains a missing script and a missing Python in one line', async () => {
    const missing = startCli(['run', '--port', '0', join(dir, 'nope.py')]);
    expect(await missing.exited).toBe(2);
    expect(missing.stderr().trim()).toBe(`sidekick: No such script: ${join(dir, 'nope.py')}`);
    const noPython = startCli(['run', '--port', '0', '--exit', echo, '0'], { SIDEKICK_PYTHON: join(dir, 'no-python') });
    expect(await noPython.exited).toBe(127);
    expect(noPython.stderr()).toMatch(/sidekick: Cannot start Python \(.*no-python\): not found\. .*SIDEKICK_PYTHON/);
    const noScript = startCli(['run']);
    expect(await noScript.exited).toBe(2);
  });
});
