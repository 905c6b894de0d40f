// Messages between the playground page and its Pyodide Web Worker.
// Hero ↔ UI protocol messages travel inside `hero` / `ui` envelopes unchanged.

/** Why a run ended. */
export type RunOutcome = 'ok' | 'error' | 'stopped';

export type ToWorker =
  /** First message: the shared interrupt byte (null when the page is not cross-origin isolated). */
  | { kind: 'init'; interruptBuffer: Uint8Array | null }
  /** Run a script; any previous run is stopped and cleared first. */
  | { kind: 'run'; runId: number; code: string }
  /** Stop the current run (the page has already raised the interrupt byte if it can). */
  | { kind: 'stop'; runId: number }
  /** A protocol message from the UI to the hero. */
  | { kind: 'ui'; message: unknown };

export type FromWorker =
  /** Pyodide is loaded and the sidekick library is in place. */
  | { kind: 'ready'; pythonVersion: string; libraryFiles: number }
  /** Pyodide could not start. */
  | { kind: 'loadError'; message: string }
  /** Protocol messages from the hero to the UI, in order. */
  | { kind: 'hero'; messages: unknown[] }
  /** Text the script wrote to stdout / stderr (and the playground's own notes on stderr). */
  | { kind: 'output'; stream: 'stdout' | 'stderr'; text: string }
  /** The script's top-level code finished but its hero stays connected, answering UI events. */
  | { kind: 'live'; runId: number }
  /** The run is over: nothing of it runs any more. */
  | { kind: 'ended'; runId: number; outcome: RunOutcome };
