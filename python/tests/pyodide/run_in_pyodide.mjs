// Runs the sidekick library inside real Pyodide (in Node), talking through
// the same two JavaScript globals the UI's Web Worker defines, and prints
// what happened as one JSON line for tests/test_pyodide.py to check.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPyodide } from 'pyodide';

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, '..', '..', 'src', 'sidekick');

const sent = [];
let handler = null;
globalThis.sendHeroMessage = (text) => sent.push(JSON.parse(text));
globalThis.registerSidekickMessageHandler = (callback) => {
  handler = callback;
};

const pyodide = await loadPyodide();

function copyTree(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const target = join('/home/pyodide/sidekick', relative(source, path));
    if (statSync(path).isDirectory()) {
      if (name !== '__pycache__') {
        pyodide.FS.mkdirTree(target);
        copyTree(path);
      }
    } else if (name.endsWith('.py') || name === 'py.typed') {
      pyodide.FS.writeFile(target, readFileSync(path, 'utf8'));
    }
  }
}
pyodide.FS.mkdirTree('/home/pyodide/sidekick');
copyTree(source);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(predicate, what) {
  for (let i = 0; i < 500; i++) {
    if (predicate()) return;
    await sleep(10);
  }
  throw new Error(`timed out waiting for ${what}; sent: ${JSON.stringify(sent.slice(-5))}`);
}
const announce = (peerId, status) =>
  JSON.stringify({
    id: 0,
    component: 'system',
    type: 'announce',
    payload: { peerId, role: 'sidekick', status, version: 'test', timestamp: Date.now() },
  });

await pyodide.runPythonAsync(`
import sys
sys.path.insert(0, "/home/pyodide")
import sidekick
grid = sidekick.Grid(3, 2)
grid.set_color(1, 1, "red")
label = sidekick.Label("waiting")
button = sidekick.Button("Go")

@button.click
def clicked(event):
    label.text = "clicked"

# Existing scripts end with run_forever(): in Pyodide it returns at once and
# the browser's loop keeps dispatching.
sidekick.run_forever()
sidekick.wait_for_connection()

async def main():
    await sidekick.run_forever_async()

task = sidekick.submit_task(main())
`);

// The hero registers its handler first, then announces itself: wait for both.
await until(() => handler !== null && sent.length > 0, 'the handler and the hero announce');
const beforeUi = sent.length;
handler(announce('ui-1', 'online'));
await until(() => sent.some((m) => m.type === 'spawn' && m.component === 'button'), 'spawns');
handler(JSON.stringify({ id: 0, component: 'button', type: 'event', src: 'button-1', payload: { event: 'click' } }));
await until(() => sent.some((m) => m.payload?.options?.text === 'clicked'), 'the click update');
const beforeReplay = sent.length;
handler(announce('ui-2', 'online'));
await until(() => sent.slice(beforeReplay).some((m) => m.type === 'spawn' && m.component === 'button'), 'the replay');
const replay = sent.slice(beforeReplay);
await pyodide.runPythonAsync('sidekick.shutdown()');
await until(() => sent.some((m) => m.payload?.status === 'offline'), 'the offline announce');
const platform = pyodide.runPython('import sys; sys.platform');
// After the close the hero takes its handler back (None arrives as undefined), so nothing leaks.
const handlerReleased = await until(() => handler == null, 'the handler released').then(() => true, () => false);

// A new component starts a fresh connection; sys.exit() in its callback shuts
// it down and comes out of the awaiting run_forever_async().
const beforeExit = sent.length;
await pyodide.runPythonAsync(`
exit_codes = []
again = sidekick.Label("again")
again.on_error(lambda event: sys.exit(3))

async def main_again():
    try:
        await sidekick.run_forever_async()
    except SystemExit as exit:
        exit_codes.append(exit.code)

task_again = sidekick.submit_task(main_again())
`);
await until(() => handler !== null && sent.length > beforeExit, 'the second hero announce');
handler(announce('ui-3', 'online'));
await until(() => sent.slice(beforeExit).some((m) => m.payload?.text === 'again'), 'the second spawn');
const again = sent.slice(beforeExit).find((m) => m.payload?.text === 'again').target;
handler(JSON.stringify({ id: 0, component: 'label', type: 'error', src: again, payload: { message: 'x' } }));
await until(() => sent.slice(beforeExit).some((m) => m.payload?.status === 'offline'), 'the offline after sys.exit');
await until(() => pyodide.runPython('len(exit_codes)') === 1, 'run_forever_async to raise SystemExit');
const exitCodes = pyodide.runPython('exit_codes').toJs();
const afterExit = sent.slice(beforeExit);

console.log(JSON.stringify({ platform, beforeUi, sent, replay, handlerReleased, exitCodes, afterExit }));
// Pyodide's cancelled timers may still hold Node's event loop open.
process.exit(0);
