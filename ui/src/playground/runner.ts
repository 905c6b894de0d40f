// The page side of Pyodide mode: owns the Web Worker, runs and stops scripts,
// and is the Transport the Sidekick panel talks through.
import { type Checked, type PanelMessage, screenInto } from '../transport/incoming';
import type { Transport, TransportListener, TransportStatus } from '../transport/types';
import type { FromWorker, RunOutcome, ToWorker } from './messages';

export type RunnerPhase =
  /** Pyodide is starting (first load or after a restart). */
  | 'loading'
  /** Nothing runs; Run starts a script. */
  | 'idle'
  /** The script's top-level code runs. */
  | 'running'
  /** The script finished its last line; its hero still answers UI events. */
  | 'live'
  | 'stopping'
  /** Pyodide could not start. */
  | 'failed';

export interface RunnerState {
  phase: RunnerPhase;
  /** Stop can interrupt busy Python (the page is cross-origin isolated). */
  interruptible: boolean;
  pythonVersion: string | null;
  /** How the last run ended. */
  lastOutcome: RunOutcome | null;
  /** Pyodide's load error, when phase is 'failed'. */
  error: string | null;
  /** A script waits to run once Python is ready or the current run has stopped. */
  queued: boolean;
}

export type OutputStream = 'stdout' | 'stderr' | 'note';

interface RunnerWorker {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface RunnerOptions {
  /** Makes the worker (tests may pass their own). */
  createWorker?: () => RunnerWorker;
  /** How long Stop waits for the script to end before restarting Python. */
  stopGraceMs?: number;
}

function defaultWorker(): RunnerWorker {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'sidekick-python' });
}

const CLEAR_ALL: PanelMessage = { id: 0, component: 'global', type: 'clearAll' };

export class PyodideRunner {
  readonly transport: Transport;
  private readonly createWorker: () => RunnerWorker;
  private readonly stopGraceMs: number;
  private worker: RunnerWorker | null = null;
  private interrupt: Uint8Array | null = null;
  private status: TransportStatus = 'connecting';
  private state: RunnerState;
  private runId = 0;
  private pendingCode: string | null = null;
  private stopTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private readonly listeners = new Set<TransportListener>();
  private readonly stateListeners = new Set<(state: RunnerState) => void>();
  private readonly outputListeners = new Set<(stream: OutputStream, text: string) => void>();

  constructor(options: RunnerOptions = {}) {
    this.createWorker = options.createWorker ?? defaultWorker;
    this.stopGraceMs = options.stopGraceMs ?? 3000;
    this.state = {
      phase: 'loading',
      interruptible: typeof SharedArrayBuffer !== 'undefined' && globalThis.crossOriginIsolated === true,
      pythonVersion: null,
      lastOutcome: null,
      error: null,
      queued: false,
    };
    this.transport = {
      send: (message) => this.post({ kind: 'ui', message }),
      subscribe: (listener) => {
        this.listeners.add(listener);
        listener.onStatus(this.status);
        return () => this.listeners.delete(listener);
      },
      close: () => this.close(),
    };
    this.spawn();
  }

  getState(): RunnerState {
    return this.state;
  }

  onState(listener: (state: RunnerState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onOutput(listener: (stream: OutputStream, text: string) => void): () => void {
    this.outputListeners.add(listener);
    return () => this.outputListeners.delete(listener);
  }

  /** Run a script from a clean panel; a running script is stopped first. */
  run(code: string): void {
    if (this.closed) return;
    const { phase } = this.state;
    if (phase === 'failed') return;
    if (phase !== 'idle') {
      // Runs as soon as Python is ready, or once the current run has stopped.
      this.pendingCode = code;
      this.setState({ queued: true });
      if (phase === 'running' || phase === 'live') this.stop();
      return;
    }
    this.runId += 1;
    this.deliver(CLEAR_ALL); // also when the new script never uses sidekick
    this.post({ kind: 'run', runId: this.runId, code });
    this.setState({ phase: 'running', lastOutcome: null });
  }

  /** Stop the running script: interrupt it, and restart Python if it does not end in time. */
  stop(): void {
    const { phase } = this.state;
    if (phase === 'loading' && this.pendingCode !== null) {
      this.pendingCode = null;
      this.setState({ queued: false });
    }
    if (phase !== 'running' && phase !== 'live') return;
    // KeyboardInterrupt in busy Python; an awaiting or finished script ends on the stop message.
    if (this.interrupt && phase === 'running') Atomics.store(this.interrupt, 0, 2);
    this.post({ kind: 'stop', runId: this.runId });
    this.setState({ phase: 'stopping' });
    this.stopTimer = setTimeout(() => {
      this.stopTimer = null;
      this.emitOutput('note', 'The script did not stop, so Python was restarted.\n');
      this.restart('stopped');
    }, this.stopGraceMs);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.clearStopTimer();
    this.worker?.terminate();
    this.worker = null;
    this.setStatus('closed');
  }

  private spawn(): void {
    this.interrupt = this.state.interruptible ? new Uint8Array(new SharedArrayBuffer(1)) : null;
    const worker = this.createWorker();
    worker.onmessage = (event) => {
      if (this.worker === worker) this.onWorkerMessage(event.data);
    };
    worker.onerror = (event) => {
      if (this.worker !== worker) return;
      event.preventDefault();
      if (this.state.phase === 'loading') {
        this.fail(event.message || 'the Python worker failed to start');
        return;
      }
      // The worker broke after it had started: a fresh one gets the next run.
      this.emitOutput('note', `The Python worker failed (${event.message || 'unknown error'}), so Python was restarted.\n`);
      this.restart('error');
    };
    this.worker = worker;
    worker.postMessage({ kind: 'init', interruptBuffer: this.interrupt });
  }

  /** Throw the worker away and start a fresh Python (the stop of last resort). */
  private restart(outcome: RunOutcome): void {
    this.clearStopTimer();
    this.worker?.terminate();
    this.worker = null;
    this.setStatus('connecting');
    this.setState({ phase: 'loading', lastOutcome: outcome });
    this.spawn();
  }

  private onWorkerMessage(message: FromWorker): void {
    switch (message.kind) {
      case 'ready':
        this.setState({ phase: 'idle', pythonVersion: message.pythonVersion });
        this.setStatus('connected');
        this.startPending();
        break;
      case 'loadError':
        this.fail(message.message);
        break;
      case 'hero':
        this.deliverFromHero(message.messages);
        break;
      case 'output':
        this.emitOutput(message.stream, message.text);
        break;
      case 'live':
        if (message.runId === this.runId && this.state.phase === 'running') this.setState({ phase: 'live' });
        break;
      case 'ended':
        if (message.runId !== this.runId) break;
        this.clearStopTimer();
        this.setState({ phase: 'idle', lastOutcome: message.outcome });
        this.startPending();
        break;
    }
  }

  private startPending(): void {
    const code = this.pendingCode;
    this.pendingCode = null;
    if (code === null) return;
    this.setState({ queued: false });
    this.run(code);
  }

  private fail(error: string): void {
    this.clearStopTimer();
    this.setState({ phase: 'failed', error });
    this.setStatus('closed');
    this.emitOutput('note', `Python could not start: ${error}\n`);
  }

  private post(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  private deliver(message: PanelMessage): void {
    for (const listener of this.listeners) listener.onMessages([message], 0);
  }

  /** The playground's edge (transport/incoming.ts): check what Python sent. */
  private deliverFromHero(messages: readonly unknown[]): void {
    const checked: Checked[] = [];
    for (const raw of messages) screenInto(raw, checked);
    if (checked.length > 0) for (const listener of this.listeners) listener.onMessages(checked, 0);
  }

  private emitOutput(stream: OutputStream, text: string): void {
    for (const listener of this.outputListeners) listener(stream, text);
  }

  private setStatus(status: TransportStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const listener of this.listeners) listener.onStatus(status);
  }

  private setState(change: Partial<RunnerState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.stateListeners) listener(this.state);
  }

  private clearStopTimer(): void {
    if (this.stopTimer !== null) clearTimeout(this.stopTimer);
    this.stopTimer = null;
  }
}
