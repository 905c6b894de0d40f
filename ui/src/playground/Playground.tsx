// The playground page: a code editor, Run / Stop, an example picker and the
// script's output on the left; the live Sidekick panel on the right.
import type { EditorView } from '@codemirror/view';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { SidekickPanel } from '../SidekickPanel';
import { createEditor, jumpToLine, markErrorLine, setCode as replaceCode } from './editor';
import { EXAMPLES, findExample } from './examples';
import type { OutputStream, PyodideRunner, RunnerState } from './runner';
import type { InitialScript } from './source';
import { userErrorLine } from './traceback';

const GROUPS = [
  ['playground', 'Playground examples'],
  ['project', 'Project examples'],
] as const;

/** The output pane keeps roughly this many characters, dropping the oldest. */
const OUTPUT_LIMIT = 200_000;

function phaseText(state: RunnerState): string {
  switch (state.phase) {
    case 'loading':
      return state.queued ? 'Starting Python… the script runs when it is ready' : 'Starting Python…';
    case 'failed':
      return 'Python could not start';
    case 'running':
      return 'Running…';
    case 'live':
      return 'Running: waiting for clicks and input';
    case 'stopping':
      return 'Stopping…';
    case 'idle':
      if (state.lastOutcome === 'ok') return 'Finished';
      if (state.lastOutcome === 'error') return 'Ended with an error';
      if (state.lastOutcome === 'stopped') return 'Stopped';
      return state.pythonVersion ? `Ready (Python ${state.pythonVersion})` : 'Ready';
  }
}

function useRunnerState(runner: PyodideRunner): RunnerState {
  return useSyncExternalStore(
    (notify) => runner.onState(notify),
    () => runner.getState(),
  );
}

/** Appends output imperatively: a chatty script must not re-render React per line. */
function useOutput(runner: PyodideRunner, onErrorLine: (line: number) => void) {
  const pane = useRef<HTMLPreElement>(null);
  const size = useRef(0);
  const errorLine = useRef(onErrorLine);
  errorLine.current = onErrorLine;
  useEffect(
    () =>
      runner.onOutput((stream: OutputStream, text: string) => {
        const pre = pane.current;
        if (!pre) return;
        // Tracebacks print a line at a time (runtime.py line-buffers stderr), so each frame's line arrives whole.
        const line = stream === 'stderr' ? userErrorLine(text) : null;
        if (line !== null) errorLine.current(line);
        const stick = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
        const last = pre.lastElementChild as HTMLElement | null;
        if (last && last.dataset.stream === stream) last.append(text);
        else {
          const span = document.createElement('span');
          span.className = `pg-${stream}`;
          span.dataset.stream = stream;
          span.textContent = text;
          pre.append(span);
        }
        size.current += text.length;
        while (size.current > OUTPUT_LIMIT && pre.firstElementChild && pre.firstElementChild !== pre.lastElementChild) {
          size.current -= pre.firstElementChild.textContent?.length ?? 0;
          pre.firstElementChild.remove();
        }
        if (stick) pre.scrollTop = pre.scrollHeight;
      }),
    [runner],
  );
  const clear = () => {
    pane.current?.replaceChildren();
    size.current = 0;
  };
  return { pane, clear };
}

export function Playground({ runner, initial }: { runner: PyodideRunner; initial: InitialScript }) {
  const state = useRunnerState(runner);
  const [example, setExample] = useState(initial.example ?? '');
  const [errorAt, setErrorAt] = useState<number | null>(null);
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<EditorView | null>(null);
  const code = useRef(initial.code);
  const exampleName = useRef(example);
  exampleName.current = example;
  const output = useOutput(runner, (line) => {
    setErrorAt(line);
    if (editor.current) markErrorLine(editor.current, line);
  });
  const active = state.phase === 'running' || state.phase === 'live' || state.phase === 'stopping';

  const run = () => {
    output.clear();
    setErrorAt(null);
    if (editor.current) markErrorLine(editor.current, null);
    runner.run(code.current);
  };
  const runRef = useRef(run);
  runRef.current = run;

  useEffect(() => {
    const view = createEditor(host.current!, {
      doc: code.current,
      label: 'Python code (Tab indents; press Escape then Tab to leave)',
      onRun: () => runRef.current(),
      onChange: (text) => {
        code.current = text;
        const name = exampleName.current;
        if (name !== '' && text !== findExample(name)?.code) setExample('');
      },
    });
    editor.current = view;
    return () => {
      view.destroy();
      editor.current = null;
    };
  }, []);

  useEffect(() => {
    if (initial.autorun) runner.run(initial.code);
  }, [runner, initial]);

  const pick = (name: string) => {
    const chosen = findExample(name);
    if (!chosen) return;
    if (editor.current) replaceCode(editor.current, chosen.code);
    code.current = chosen.code;
    setExample(name);
    // The address bar now links to this example.
    const url = new URL(window.location.href);
    url.search = `?example=${encodeURIComponent(name)}`;
    window.history.replaceState(null, '', url);
  };

  return (
    <div className="pg" data-pg-phase={state.phase} data-pg-outcome={state.lastOutcome ?? ''}>
      <header className="pg-bar">
        <h1 className="pg-title">Sidekick playground</h1>
        <label className="pg-field">
          <span>Example</span>
          <select value={example} onChange={(e) => pick(e.target.value)} aria-label="example">
            {example === '' && <option value="">{initial.example === null ? initial.origin : 'Your script'}</option>}
            {GROUPS.map(([group, label]) => (
              <optgroup key={group} label={label}>
                {EXAMPLES.filter((e) => e.group === group).map((e) => (
                  <option key={e.name} value={e.name}>
                    {e.title}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <button type="button" className="pg-run" onClick={run} disabled={state.phase === 'failed'} title="Run (Ctrl+Enter)">
          {active ? 'Restart' : 'Run'}
        </button>
        <button
          type="button"
          className="pg-stop"
          onClick={() => runner.stop()}
          disabled={state.phase !== 'running' && state.phase !== 'live'}
          title={state.interruptible ? 'Stop (like Ctrl+C)' : 'Stop (this page is not cross-origin isolated: a busy script is ended by restarting Python)'}
        >
          Stop
        </button>
        <span className="pg-state" role="status" aria-live="polite">
          {phaseText(state)}
        </span>
      </header>
      <main className="pg-main">
        <section className="pg-code" aria-label="script">
          {initial.problem && (
            <p className="pg-problem" role="alert">
              {initial.problem}
            </p>
          )}
          <div ref={host} className="pg-editor-host" />
          {errorAt !== null && (
            <button type="button" className="pg-jump" onClick={() => editor.current && jumpToLine(editor.current, errorAt)}>
              Go to line {errorAt}, where the error was raised
            </button>
          )}
          <pre ref={output.pane} className="pg-output" role="log" aria-label="output" tabIndex={0} />
        </section>
        <section className="pg-panel" aria-label="Sidekick panel">
          <SidekickPanel transport={runner.transport} embedded />
        </section>
      </main>
    </div>
  );
}
