// console: output is appended to the DOM imperatively each frame
// (ConsoleOutput: O(new text)); the optional input line sends
// `{event:"submit", value}`.
import { useLayoutEffect, useRef, useState } from 'react';
import { ConsoleModel } from '../models/console';
import { ConsoleAnnouncer } from './consoleAnnouncer';
import { ConsoleOutput } from './consoleOutput';
import { usePanel } from './context';

export function ConsoleView({ id }: { id: string }) {
  const { store, sendEvent, interactive } = usePanel();
  const model = store.model(id, ConsoleModel);
  const output = useRef<HTMLPreElement>(null);
  const live = useRef<HTMLSpanElement>(null);
  const [input, setInput] = useState('');

  useLayoutEffect(() => {
    const pre = output.current;
    const region = live.current;
    if (!model || !pre || !region) return;
    const out = new ConsoleOutput(pre);
    const announcer = new ConsoleAnnouncer(region);
    const draw = () => {
      const { reset, text } = model.drain();
      if (!reset && !text) return;
      const stick = pre.scrollHeight - pre.scrollTop - pre.clientHeight < 24;
      if (reset) out.clear();
      if (reset) announcer.reset();
      if (text) out.append(text);
      if (text) announcer.add(text);
      if (stick) pre.scrollTop = pre.scrollHeight;
    };
    model.remount();
    draw();
    const unsubscribe = store.subscribe(id, draw);
    return () => {
      unsubscribe();
      announcer.dispose();
    };
  }, [store, id, model]);

  if (!model) return null;
  const submit = () => {
    if (!interactive) return; // the line stays in the input until the program is back
    sendEvent('console', id, { event: 'submit', value: input });
    setInput('');
  };
  return (
    <div className="sk-console" data-sk-id={id}>
      {/* The log itself is not live: the announcer reads new output out, throttled. */}
      <pre ref={output} className="sk-console-output" tabIndex={0} role="log" aria-label="console output" aria-live="off" />
      <span ref={live} className="sk-visually-hidden" aria-live="polite" />
      {model.showInput && (
        <form
          className="sk-console-input"
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <input type="text" value={input} aria-label="console input" disabled={!interactive} onChange={(event) => setInput(event.target.value)} />
          <button type="submit" disabled={!interactive}>
            Send
          </button>
        </form>
      )}
    </div>
  );
}
