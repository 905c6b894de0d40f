// @vitest-environment node
// The worker's engine and hero bridge, driven with real Pyodide (from the npm
// package) in Node: everything the playground worker does except postMessage.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { loadPyodide } from 'pyodide';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlaygroundEngine } from '../../src/playground/engine';
import { SIDEKICK_LIBRARY } from '../../src/playground/library';
import type { FromWorker, ToWorker } from '../../src/playground/messages';

const HANG_GUARD_MS = 20_000;
const globals = globalThis as unknown as Record<string, unknown>;

let engine: PlaygroundEngine;
const posted: FromWorker[] = [];
let nextRunId = 1;
const interrupt = new Uint8Array(new SharedArrayBuffer(1));

function send(message: ToWorker): void {
  engine.handle(message);
}

async function waitFor<T>(find: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + HANG_GUARD_MS;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function postedSince(mark: number): FromWorker[] {
  return posted.slice(mark);
}

function heroMessages(mark: number): Record<string, unknown>[] {
  return postedSince(mark).flatMap((m) => (m.kind === 'hero' ? (m.messages as Record<string, unknown>[]) : []));
}

function output(mark: number, stream: 'stdout' | 'stderr'): string {
  return postedSince(mark)
    .map((m) => (m.kind === 'output' && m.stream === stream ? m.text : ''))
    .join('');
}

function ended(mark: number, runId: number): Promise<FromWorker & { kind: 'ended' }> {
  return waitFor(
    () => postedSince(mark).find((m): m is FromWorker & { kind: 'ended' } => m.kind === 'ended' && m.runId === runId),
    `run ${runId} to end`,
  );
}

function live(mark: number, runId: number): Promise<unknown> {
  return waitFor(() => postedSince(mark).find((m) => m.kind === 'live' && m.runId === runId), `run ${runId} to go live`);
}

/** Start a script; returns its run id and the index of the first message it may cause. */
function run(code: string): { runId: number; mark: number } {
  const mark = posted.length;
  const runId = nextRunId++;
  send({ kind: 'run', runId, code });
  return { runId, mark };
}

const uiAnnounce = {
  id: 0,
  component: 'system',
  type: 'announce',
  payload: { peerId: 'ui-test', role: 'sidekick', status: 'online', version: 'test', timestamp: 1 },
};

// A hero written directly against the two globals (no library), as protocol.md describes them.
const INLINE_HERO = `
import js, json

def send(message):
    js.sendHeroMessage(json.dumps(message))

count = 0

def on_message(text):
    global count
    message = json.loads(text)
    if message["component"] == "system" and message["payload"]["role"] == "sidekick":
        send({"id": 0, "component": "global", "type": "clearAll"})
        send({"id": 0, "component": "button", "type": "spawn", "target": "button-1", "payload": {"text": "clicks: 0"}})
    elif message["type"] == "event" and message["src"] == "button-1":
        count += 1
        send({"id": 0, "component": "button", "type": "update", "target": "button-1",
              "payload": {"action": "setText", "options": {"text": f"clicks: {count}"}}})

js.registerSidekickMessageHandler(on_message)
send({"id": 0, "component": "system", "type": "announce",
      "payload": {"peerId": "hero-inline", "role": "hero", "status": "online", "version": "0", "timestamp": 0}})
`;

beforeAll(async () => {
  const indexURL = dirname(createRequire(import.meta.url).resolve('pyodide/package.json')) + '/';
  const pyodide = await loadPyodide({ indexURL });
  engine = new PlaygroundEngine({ pyodide, library: SIDEKICK_LIBRARY, post: (m) => posted.push(m), jsGlobals: globals });
  engine.start();
  send({ kind: 'init', interruptBuffer: interrupt });
}, HANG_GUARD_MS);

afterAll(() => {
  delete globals.sendHeroMessage;
  delete globals.registerSidekickMessageHandler;
  delete globals.playgroundTick;
});

describe('playground engine (real Pyodide in Node)', { timeout: 2 * HANG_GUARD_MS }, () => {
  it('starts with the bundled sidekick library in place', () => {
    const ready = posted.find((m) => m.kind === 'ready');
    expect(ready).toMatchObject({ kind: 'ready', pythonVersion: expect.stringMatching(/^3\.\d+/) });
    expect(SIDEKICK_LIBRARY.map((f) => f.path)).toContain('sidekick/__init__.py');
    expect(typeof globals.sendHeroMessage).toBe('function');
    expect(typeof globals.registerSidekickMessageHandler).toBe('function');
  });

  it('runs a script, passes on its output and reports the end', async () => {
    const { runId, mark } = run('import sidekick\nprint("hello from", __name__, sidekick.__version__)');
    expect(await ended(mark, runId)).toMatchObject({ outcome: 'ok' });
    expect(output(mark, 'stdout')).toMatch(/^hello from __main__ \d+\.\d+/);
  });

  it('allows top-level await', async () => {
    const { runId, mark } = run('import asyncio\nawait asyncio.sleep(0.01)\nprint("awaited")');
    expect(await ended(mark, runId)).toMatchObject({ outcome: 'ok' });
    expect(output(mark, 'stdout')).toBe('awaited\n');
  });

  it("reports the script's errors with its own lines only", async () => {
    const { runId, mark } = run('def f():\n    return 1 / 0\n\nf()\n');
    expect(await ended(mark, runId)).toMatchObject({ outcome: 'error' });
    const err = output(mark, 'stderr');
    expect(err).toContain('ZeroDivisionError');
    expect(err).toContain('main.py", line 2');
    expect(err).not.toContain('_pyodide');
  });

  it('answers input() with a hint instead of hanging', async () => {
    const { runId, mark } = run('input("name? ")');
    expect(await ended(mark, runId)).toMatchObject({ outcome: 'error' });
    expect(output(mark, 'stderr')).toContain('sidekick.Console(show_input=True)');
    expect(output(mark, 'stderr')).toContain('EOFError');
  });

  it('bridges a hero: replays the UI announce, forwards messages both ways, ends it on stop', async () => {
    send({ kind: 'ui', message: uiAnnounce }); // the UI announced before the hero registered
    const { runId, mark } = run(INLINE_HERO);
    await live(mark, runId);
    await waitFor(() => heroMessages(mark).find((m) => m.type === 'spawn'), 'the button spawn');
    expect(heroMessages(mark).map((m) => `${String(m.component)}/${String(m.type)}`)).toEqual([
      'system/announce',
      'global/clearAll',
      'button/spawn',
    ]);
    send({ kind: 'ui', message: { id: 0, component: 'button', type: 'event', src: 'button-1', payload: { event: 'click' } } });
    send({ kind: 'ui', message: { id: 0, component: 'button', type: 'event', src: 'button-1', payload: { event: 'click' } } });
    const second = await waitFor(
      () => heroMessages(mark).find((m) => JSON.stringify(m.payload ?? null).includes('clicks: 2')),
      'the second click reply',
    );
    expect(second).toMatchObject({ type: 'update', target: 'button-1' });

    const stopMark = posted.length;
    send({ kind: 'stop', runId });
    expect(await ended(stopMark, runId)).toMatchObject({ outcome: 'stopped' });
    // The hero never said goodbye: the bridge says it in the hero's name, as a relay would.
    expect(heroMessages(stopMark)).toContainEqual(
      expect.objectContaining({ component: 'system', type: 'announce', payload: expect.objectContaining({ peerId: 'hero-inline', status: 'offline' }) }),
    );
    // After the run, UI events reach nobody (and break nothing).
    const afterMark = posted.length;
    send({ kind: 'ui', message: { id: 0, component: 'button', type: 'event', src: 'button-1', payload: { event: 'click' } } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heroMessages(afterMark)).toEqual([]);
  });

  it("reads a hero's json.dumps text with bare NaN/Infinity as it would over a socket", async () => {
    const { runId, mark } = run(`
import js, json
js.sendHeroMessage(json.dumps({"id": 0, "component": "viz", "type": "update", "target": "viz-1",
    "payload": {"action": "set", "variableName": "best", "options": {"path": [],
        "valueRepresentation": {"type": "float", "value": float("inf"), "id": "float_1"}}}}))
`);
    await ended(mark, runId);
    const set = heroMessages(mark).find((m) => m.target === 'viz-1');
    expect(set?.payload).toMatchObject({ options: { valueRepresentation: { type: 'float', value: 'inf' } } });
    expect(output(mark, 'stderr')).not.toContain('not JSON');
  });

  it('ends a live run when its hero announces offline itself', async () => {
    const { runId, mark } = run(
      INLINE_HERO +
        `
def on_goodbye(text):
    if json.loads(text)["type"] == "event":
        send({"id": 0, "component": "system", "type": "announce",
              "payload": {"peerId": "hero-inline", "role": "hero", "status": "offline", "version": "0", "timestamp": 1}})

js.registerSidekickMessageHandler(on_goodbye)
`,
    );
    await live(mark, runId);
    send({ kind: 'ui', message: { id: 0, component: 'button', type: 'event', src: 'button-1', payload: { event: 'click' } } });
    expect(await ended(mark, runId)).toMatchObject({ outcome: 'ok' });
    const offline = heroMessages(mark).filter((m) => m.type === 'announce' && JSON.stringify(m.payload ?? null).includes('offline'));
    expect(offline, JSON.stringify(heroMessages(mark))).toHaveLength(1);
  });

  it('starts every run clean: fresh globals, the previous run stopped and its tasks cancelled', async () => {
    const first = run(
      INLINE_HERO +
        `
import asyncio
leftover = 1
async def ticker():
    while True:
        print("tick")
        await asyncio.sleep(0.005)
asyncio.ensure_future(ticker())
`,
    );
    await live(first.mark, first.runId);
    await waitFor(() => (output(first.mark, 'stdout').includes('tick') ? true : undefined), 'the first run to tick');

    const second = run('print("leftover" in globals(), __name__)');
    expect(await ended(second.mark, first.runId)).toMatchObject({ outcome: 'stopped' });
    expect(await ended(second.mark, second.runId)).toMatchObject({ outcome: 'ok' });
    const quietMark = posted.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(output(second.mark, 'stdout')).toContain('False __main__');
    expect(output(quietMark, 'stdout')).not.toContain('tick');
  });

  it('stops a script that is awaiting', async () => {
    const { runId, mark } = run('import asyncio\nprint("waiting")\nawait asyncio.sleep(3600)\nprint("never")');
    await waitFor(() => (output(mark, 'stdout').includes('waiting') ? true : undefined), 'the script to start');
    send({ kind: 'stop', runId });
    expect(await ended(mark, runId)).toMatchObject({ outcome: 'stopped' });
    expect(output(mark, 'stdout')).not.toContain('never');
  });

  it('interrupts a busy loop through the interrupt buffer, then runs the next script', async () => {
    let calls = 0;
    // The page raises the byte from another thread; here the loop's own call into JS does it.
    globals.playgroundTick = () => {
      calls += 1;
      if (calls === 1000) Atomics.store(interrupt, 0, 2);
    };
    const { runId, mark } = run('import js\nwhile True:\n    js.playgroundTick()\n');
    expect(await ended(mark, runId)).toMatchObject({ outcome: 'stopped' });
    expect(calls).toBeGreaterThanOrEqual(1000);
    const next = run('print("after the interrupt")');
    expect(await ended(next.mark, next.runId)).toMatchObject({ outcome: 'ok' });
    expect(output(next.mark, 'stdout')).toBe('after the interrupt\n');
  });

  it('runs a script written with the sidekick library: spawns, updates, click round trip', async () => {
    send({ kind: 'ui', message: uiAnnounce });
    const { runId, mark } = run(`
import sidekick

grid = sidekick.Grid(3, 2)
button = sidekick.Button("not clicked")

@button.click
def clicked(event):
    button.text = "clicked in Python"

grid.set_color(1, 1, "red")
sidekick.run_forever()
`);
    await live(mark, runId);
    const update = await waitFor(
      () => heroMessages(mark).find((m) => m.component === 'grid' && m.type === 'update'),
      'the grid update',
    );
    expect(update.payload).toEqual({ action: 'setColor', options: { x: 1, y: 1, color: 'red' } });
    const kinds = heroMessages(mark).map((m) => `${String(m.component)}/${String(m.type)}`);
    // The UI is there before the script's first line, which runs before the loop can
    // send anything: the UI gets the state (state-based sync), the grid with its cell.
    expect(kinds.slice(0, 3)).toEqual(['system/announce', 'global/clearAll', 'grid/spawn']);
    expect(kinds).toContain('button/spawn');
    const spawn = heroMessages(mark).find((m) => m.component === 'button' && m.type === 'spawn');
    const buttonId = String(spawn?.target);
    send({ kind: 'ui', message: { id: 0, component: 'button', type: 'event', src: buttonId, payload: { event: 'click' } } });
    await waitFor(
      () => heroMessages(mark).find((m) => m.target === buttonId && JSON.stringify(m.payload ?? null).includes('clicked in Python')),
      'the reply to the click',
    );
    const stopMark = posted.length;
    send({ kind: 'stop', runId });
    expect(await ended(stopMark, runId)).toMatchObject({ outcome: 'stopped' });
    const offline = heroMessages(stopMark).filter((m) => m.type === 'announce' && JSON.stringify(m.payload).includes('"offline"'));
    expect(offline).toHaveLength(1);
  });

  it('ends a library script that shuts itself down', async () => {
    const { runId, mark } = run(`
import sidekick

button = sidekick.Button("quit")
button.on_click(lambda event: sidekick.shutdown())
await sidekick.run_forever_async()
print("run_forever_async returned")
`);
    const spawn = await waitFor(() => heroMessages(mark).find((m) => m.component === 'button' && m.type === 'spawn'), 'the button');
    send({ kind: 'ui', message: { id: 0, component: 'button', type: 'event', src: String(spawn.target), payload: { event: 'click' } } });
    expect(await ended(mark, runId)).toMatchObject({ outcome: 'ok' });
    expect(output(mark, 'stdout')).toContain('run_forever_async returned');
    const offline = heroMessages(mark).filter((m) => m.type === 'announce' && JSON.stringify(m.payload).includes('"offline"'));
    expect(offline).toHaveLength(1);
  });
});
