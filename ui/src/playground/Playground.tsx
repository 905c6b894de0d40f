// The playground page: a code editor, Run / Stop, an example picker and the
// script's output on the left; the live Sidekick panel on the right.
import { useEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { SidekickPanel } from '../SidekickPanel';
import { indent } from './editor';
import { EXAMPLES, findExample } from './examples';
import type { OutputStream, PyodideRunner, RunnerState } from './runner';
import type { InitialScript } from './source';

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
function useOutput(runner: PyodideRunner) {
  const pane = useRef<HTMLPreElement>(null);
  const size = useRef(0);
  useEffect(
    () =>
      runner.onOutput((stream: OutputStream, text: string) => {
        const pre = pane.current;
        if (!pre) return;
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
  const [code, setCode] = useState(initial.code);
  const [example, setExample] = useState(initial.example ?? '');
  const editor = useRef<HTMLTextAreaElement>(null);
  const tabLeaves = useRef(false);
  const output = useOutput(runner);
  const active = state.phase === 'running' || state.phase === 'live' || state.phase === 'stopping';

  const run = () => {
    output.clear();
    runner.run(editor.current?.value ?? code);
  };

  useEffect(() => {
    if (initial.autorun) runner.run(initial.code);
  }, [runner, initial]);

  const pick = (name: string) => {
    const chosen = findExample(name);
    if (!chosen) return;
    setExample(name);
    setCode(chosen.code);
    // The address bar now links to this example.
    const url = new URL(window.location.href);
    url.search = `?example=${encodeURIComponent(name)}`;
    window.history.replaceState(null, '', url);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const area = event.currentTarget;
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      run();
      return;
    }
    if (event.key === 'Escape') {
      tabLeaves.current = true;
      return;
    }
    if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) {
      tabLeaves.current = false;
      return;
    }
    if (tabLeaves.current) return; // after Escape, Tab moves focus as usual
    event.preventDefault();
    const edit = indent(area.value, area.selectionStart, area.selectionEnd, event.shiftKey);
    area.value = edit.value;
    area.setSelectionRange(edit.selectionStart, edit.selectionEnd);
    setCode(edit.value);
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
      <div className="pg-main">
        <section className="pg-code" aria-label="script">
          {initial.problem && (
            <p className="pg-problem" role="alert">
              {initial.problem}
            </p>
          )}
          <textarea
            ref={editor}
            className="pg-editor"
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
              if (example !== '' && e.target.value !== findExample(example)?.code) setExample('');
            }}
            onKeyDown={onKeyDown}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            autoCorrect="off"
            aria-label="Python code (Tab indents; press Escape then Tab to leave)"
          />
          <pre ref={output.pane} className="pg-output" aria-label="output" aria-live="polite" tabIndex={0} />
        </section>
        <section className="pg-panel" aria-label="Sidekick panel">
          <SidekickPanel transport={runner.transport} />
        </section>
      </div>
    </div>
  );
}
