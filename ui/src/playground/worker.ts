// The playground's Web Worker: loads Pyodide from our own origin and hands every
// message from the page to the engine.
import type { PyodideInterface } from 'pyodide';
import { PlaygroundEngine } from './engine';
import { SIDEKICK_LIBRARY } from './library';
import type { FromWorker, ToWorker } from './messages';

interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}

const scope = self as unknown as WorkerScope & Record<string, unknown>;
const PYODIDE_BASE = `${import.meta.env.BASE_URL}pyodide/`;

// Messages that arrive while Pyodide loads wait here, in order.
const early: ToWorker[] = [];
let engine: PlaygroundEngine | null = null;
scope.onmessage = (event) => {
  if (engine) engine.handle(event.data);
  else early.push(event.data);
};

async function boot(): Promise<void> {
  const url = new URL(`${PYODIDE_BASE}pyodide.mjs`, self.location.href).href;
  const { loadPyodide } = (await import(/* @vite-ignore */ url)) as {
    loadPyodide(options: { indexURL: string }): Promise<PyodideInterface>;
  };
  const pyodide = await loadPyodide({ indexURL: new URL(PYODIDE_BASE, self.location.href).href });
  const ready = new PlaygroundEngine({
    pyodide,
    library: SIDEKICK_LIBRARY,
    post: (message) => scope.postMessage(message),
    jsGlobals: scope,
  });
  ready.start();
  engine = ready;
  for (const message of early.splice(0)) ready.handle(message);
}

boot().catch((error: unknown) => {
  scope.postMessage({ kind: 'loadError', message: error instanceof Error ? error.message : String(error) });
});
