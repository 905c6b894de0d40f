// console: output is appended to the DOM imperatively each frame. Complete
// lines go into a new block per frame and the unfinished last line into a
// tail block, so the browser lays out only what is new (O(new text), not
// O(whole log)). The optional input line sends `{event:"submit", value}`.
import { useLayoutEffect, useRef, useState } from 'react';
import { ConsoleModel } from '../models/console';
import { usePanel } from './context';

export function ConsoleView({ id }: { id: string }) {
  const { store, sendEvent } = usePanel();
  const model = store.model(id, ConsoleModel);
  const output = useRef<HTMLPreElement>(null);
  const [input, setInput] = useState('');

  useLayoutEffect(() => {
    const pre = output.current;
    if (!model || !pre) return;
    const tail = document.createElement('div');
    const draw = () => {
      const { reset, text } = model.drain();
      if (!reset && !text) return;
      const stick = pre.scrollHeight - pre.scrollTop - pre.clientHeight < 24;
      if (reset) {
        tail.textContent = '';
        pre.replaceChildren(tail);
      }
      if (text) {
        const combined = (tail.textContent ?? '') + text;
        const cut = combined.lastIndexOf('\n') + 1;
        if (cut > 0) {
          const block = document.createElement('div');
          block.textContent = combined.slice(0, cut);
          pre.insertBefore(block, tail);
        }
        tail.textContent = combined.slice(cut);
      }
      if (stick) pre.scrollTop = pre.scrollHeight;
    };
    model.remount();
    draw();
    return store.subscribe(id, draw);
  }, [store, id, model]);

  if (!model) return null;
  const submit = () => {
    sendEvent('console', id, { event: 'submit', value: input });
    setInput('');
  };
  return (
    <div className="sk-console" data-sk-id={id}>
      <pre ref={output} className="sk-console-output" tabIndex={0} aria-label="console output" aria-live="polite" />
      {model.showInput && (
        <form
          className="sk-console-input"
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <input type="text" value={input} aria-label="console input" onChange={(event) => setInput(event.target.value)} />
          <button type="submit">Send</button>
        </form>
      )}
    </div>
  );
}
