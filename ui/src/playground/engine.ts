// Everything the playground worker does, given a loaded Pyodide: install the
// sidekick library and the hero bridge, run scripts one at a time, stop them.
// Kept apart from worker.ts so that Node tests can drive it with real Pyodide.
import type { PyodideInterface } from 'pyodide';
import type { PyProxy } from 'pyodide/ffi';
import { Batcher } from '../transport/batcher';
import { HeroBridge } from './bridge';
import type { FromWorker, RunOutcome, ToWorker } from './messages';
import runtimeSource from './runtime.py?raw';

/** Where the bundled library goes in Pyodide's file system (put first on sys.path). */
export const LIBRARY_DIR = '/opt/sidekick';

export interface SourceFile {
  /** Path below the library root, e.g. `sidekick/grid.py`. */
  path: string;
  text: string;
}

export interface EngineOptions {
  pyodide: PyodideInterface;
  /** The Python package sources to install. */
  library: readonly SourceFile[];
  /** Sends a message to the page. */
  post(message: FromWorker): void;
  /** The object Python's `js` module reads (the worker's global scope). */
  jsGlobals: Record<string, unknown>;
}

interface RuntimeModule extends PyProxy {
  run(code: string): Promise<RunOutcome>;
  stop(): void;
  reset(): void;
  settle(): Promise<boolean>;
}

interface Run {
  runId: number;
  /** The top-level code has returned. */
  scriptDone: boolean;
  stopping: boolean;
  ended: boolean;
}

/** Decodes a stream's bytes and passes the text on in chunks. */
class OutputStream {
  private readonly decoder = new TextDecoder();
  private readonly batch: Batcher<string>;

  constructor(emit: (text: string) => void) {
    this.batch = new Batcher((parts) => emit(parts.join('')), { maxAgeMs: 30, maxItems: 256, now: () => performance.now() });
  }

  write(bytes: Uint8Array): number {
    this.add(this.decoder.decode(bytes, { stream: true }));
    return bytes.length;
  }

  add(text: string): void {
    if (text !== '') this.batch.add(text);
  }

  flush(): void {
    this.batch.flush();
  }
}

export class PlaygroundEngine {
  private readonly pyodide: PyodideInterface;
  private readonly post: (message: FromWorker) => void;
  private readonly bridge: HeroBridge;
  private readonly stdout: OutputStream;
  private readonly stderr: OutputStream;
  private runtime: RuntimeModule | null = null;
  private interrupt: Uint8Array | null = null;
  private current: Run | null = null;
  /** Runs start one after another. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: EngineOptions) {
    this.pyodide = options.pyodide;
    this.post = options.post;
    this.stdout = new OutputStream((text) => this.post({ kind: 'output', stream: 'stdout', text }));
    this.stderr = new OutputStream((text) => this.post({ kind: 'output', stream: 'stderr', text }));
    this.bridge = new HeroBridge({
      toUi: (messages) => this.post({ kind: 'hero', messages }),
      warn: (text) => this.stderr.add(text),
      heroOffline: () => this.onHeroOffline(),
    });
  }

  /** Install the library, the runtime and the bridge; tell the page we are ready. */
  start(): void {
    const { pyodide } = this;
    pyodide.setStdout({ write: (bytes: Uint8Array) => this.stdout.write(bytes) });
    pyodide.setStderr({ write: (bytes: Uint8Array) => this.stderr.write(bytes) });
    pyodide.setStdin({
      stdin: () => {
        this.stderr.add('input() cannot read from the keyboard here: use sidekick.Console(show_input=True) and on_submit.\n');
        return null;
      },
    });
    for (const file of this.options.library) {
      const target = `${LIBRARY_DIR}/${file.path}`;
      pyodide.FS.mkdirTree(target.slice(0, target.lastIndexOf('/')));
      pyodide.FS.writeFile(target, file.text);
    }
    pyodide.FS.mkdirTree(`${LIBRARY_DIR}/_playground`);
    pyodide.FS.writeFile(`${LIBRARY_DIR}/_playground/runtime.py`, runtimeSource);
    pyodide.FS.writeFile(`${LIBRARY_DIR}/_playground/__init__.py`, '');
    pyodide.runPython(`import sys\nif ${JSON.stringify(LIBRARY_DIR)} not in sys.path: sys.path.insert(0, ${JSON.stringify(LIBRARY_DIR)})`);
    this.runtime = pyodide.pyimport('_playground.runtime') as RuntimeModule;
    this.bridge.install(this.options.jsGlobals);
    const pythonVersion = String(pyodide.runPython('import sys; sys.version.split()[0]'));
    this.post({ kind: 'ready', pythonVersion, libraryFiles: this.options.library.length });
  }

  handle(message: ToWorker): void {
    switch (message.kind) {
      case 'init':
        this.interrupt = message.interruptBuffer;
        if (this.interrupt) this.pyodide.setInterruptBuffer(this.interrupt);
        break;
      case 'run': {
        const { runId, code } = message;
        // A new run replaces the current one: stop it so that the queue moves on.
        if (this.current && !this.current.ended) this.stop(this.current.runId);
        this.queue = this.queue
          .then(() => this.run(runId, code))
          .catch((error: unknown) => {
            // A failure of the playground itself: report it, end the run, keep the queue going.
            this.stderr.add(`The playground failed to run the script: ${String(error)}\n`);
            if (this.current?.runId === runId) this.current.ended = true;
            this.flushAll();
            this.post({ kind: 'ended', runId, outcome: 'error' });
          });
        break;
      }
      case 'stop':
        this.stop(message.runId);
        break;
      case 'ui':
        this.bridge.fromUi(message.message);
        break;
    }
  }

  private async run(runId: number, code: string): Promise<void> {
    const runtime = this.requireRuntime();
    const previous = this.current;
    if (previous && !previous.ended) this.end(previous, 'stopped');
    this.clearInterrupt();
    runtime.reset();
    const run: Run = { runId, scriptDone: false, stopping: false, ended: false };
    this.current = run;
    let outcome: RunOutcome;
    try {
      outcome = await runtime.run(code);
    } catch (error) {
      // An interrupt that landed in the runtime's own code, not the script's.
      outcome = run.stopping ? 'stopped' : 'error';
      if (!run.stopping) this.stderr.add(`${String(error)}\n`);
    }
    // The library connects in a task of its own, which may not have run yet.
    if (outcome === 'ok' && !run.stopping && !this.bridge.heroConnected) {
      await runtime.settle().catch(() => false); // cancelled by a Stop meanwhile
    }
    run.scriptDone = true;
    if (run.ended) return;
    if (run.stopping) outcome = 'stopped';
    // A script that connected a hero keeps answering UI events after its last line,
    // until it shuts down or the user stops it.
    if (outcome === 'ok' && this.bridge.heroConnected) {
      this.flushAll();
      this.post({ kind: 'live', runId });
      return;
    }
    this.end(run, outcome);
  }

  private stop(runId: number): void {
    // The page raised the interrupt byte; if no Python was running, it must not hit the next call.
    this.clearInterrupt();
    const run = this.current;
    if (!run || run.ended || run.runId !== runId) return;
    if (run.scriptDone) {
      this.end(run, 'stopped');
      return;
    }
    // The script is awaiting something: cancelling its tasks makes run() return 'stopped'.
    run.stopping = true;
    this.stopLibrary();
  }

  private onHeroOffline(): void {
    const run = this.current;
    if (run && run.scriptDone && !run.ended) queueMicrotask(() => this.end(run, 'ok'));
  }

  private end(run: Run, outcome: RunOutcome): void {
    if (run.ended) return;
    run.ended = true;
    this.stopLibrary();
    this.bridge.detach();
    this.flushAll();
    this.post({ kind: 'ended', runId: run.runId, outcome });
  }

  private stopLibrary(): void {
    try {
      this.requireRuntime().stop();
    } catch (error) {
      this.stderr.add(`Stopping the script failed: ${String(error)}\n`);
    }
  }

  private clearInterrupt(): void {
    if (this.interrupt) Atomics.store(this.interrupt, 0, 0);
  }

  private flushAll(): void {
    this.bridge.flush();
    this.stdout.flush();
    this.stderr.flush();
  }

  private requireRuntime(): RuntimeModule {
    if (!this.runtime) throw new Error('PlaygroundEngine.start() has not run');
    return this.runtime;
  }
}
