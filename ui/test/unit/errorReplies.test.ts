// Every `error` the UI sends must itself be a valid protocol message
// (protocol.md "When things go wrong"), whatever nonsense it answers: each
// invalid shared vector and each hand-made bad command below is answered with
// exactly one error that passes the shared schema and names the command's
// target as `src` (or "" when the command had no string target).
import { validateMessage } from '@sidekick/protocol';
import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { isObject } from '../../src/messages/commandError';
import { SidekickPanel } from '../../src/SidekickPanel';
import { FakeTransport } from './fakeTransport';
import { clearAll, isPeerTraffic, manualStore, spawn, update, vectorFiles } from './helpers';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const BAD_COMMANDS: [string, unknown][] = [
  ['unknown component type', spawn('slider', 's1')],
  ['unknown component type, update', update('slider', 's1', 'setValue', { value: 1 })],
  ['unknown component type, empty target', spawn('slider', '')],
  ['unknown component type, no target', { id: 0, component: 'slider', type: 'remove' }],
  ['missing target', { id: 0, component: 'label', type: 'spawn', payload: { text: 'x' } }],
  ['empty target', spawn('label', '', { text: 'x' })],
  ['empty target on update', update('label', '', 'setText', { text: 'x' })],
  ['numeric target', { id: 0, component: 'label', type: 'spawn', target: 42, payload: { text: 'x' } }],
  ['null target', { id: 0, component: 'label', type: 'remove', target: null }],
  ['object target', { id: 0, component: 'grid', type: 'remove', target: { id: 'grid-1' } }],
  ['unknown action', update('label', 'l', 'explode')],
  ['unknown target', update('label', 'ghost', 'setText', { text: 'x' })],
  ['type mismatch', update('grid', 'l', 'clear')],
  ['payload is a string', { id: 0, component: 'label', type: 'spawn', target: 'l2', payload: 'text' }],
  ['payload is an array', { id: 0, component: 'label', type: 'update', target: 'l', payload: [{ action: 'setText' }] }],
  ['options of the wrong type', { id: 0, component: 'label', type: 'update', target: 'l', payload: { action: 'setText', options: 'x' } }],
  ['option of the wrong type', update('label', 'l', 'setText', { text: 5 })],
  ['numeric component', { id: 0, component: 7, type: 'spawn', target: 'x', payload: {} }],
  ['null component', { id: 0, component: null, type: 'spawn', target: 'x' }],
  ['object component', { id: 0, component: { name: 'grid' }, type: 'remove', target: 'x' }],
  ['missing component', { id: 0, type: 'spawn', target: 'x', payload: { text: 'x' } }],
  ['missing type', { id: 0, component: 'label', target: 'l' }],
  ['numeric type', { id: 0, component: 'label', type: 5, target: 'l' }],
  ['unknown type', { id: 0, component: 'label', type: 'explode', target: 'l' }],
  ['missing id', { component: 'label', type: 'remove', target: 'l' }],
  ['system command with a target', { id: 0, component: 'system', type: 'spawn', target: 'sys-1' }],
  ['bad announce', { id: 0, component: 'system', type: 'announce', payload: { role: 'hero' } }],
  ['unknown global type', { id: 0, component: 'global', type: 'explode' }],
  ['a string', 'hello'],
  ['a number', 42],
  ['a boolean', true],
  ['an array', [spawn('label', 'in-array', { text: 'x' })]],
  ['null', null],
];

const INVALID_VECTORS: [string, unknown][] = vectorFiles().flatMap(([file, data]) =>
  data.invalid.filter((v) => !isPeerTraffic(v.message)).map((v): [string, unknown] => [`${file}: ${v.name}`, v.message]),
);

const CASES = [...BAD_COMMANDS, ...INVALID_VECTORS];

/** What the error reply's `src` must be: the command's target when it was a string. */
const expectedSrc = (message: unknown) => (isObject(message) && typeof message.target === 'string' ? message.target : '');

/** What its `component` must be: the command's own when it was a string, else the documented fallback. */
const expectedComponent = (message: unknown) => (isObject(message) && typeof message.component === 'string' ? message.component : 'global');

function expectValidReply(reply: unknown, command: unknown): void {
  const checked = validateMessage(reply);
  expect(checked.valid ? 'valid' : `${checked.error} in ${JSON.stringify(reply)}`).toBe('valid');
  expect(reply).toMatchObject({ id: 0, type: 'error', component: expectedComponent(command), src: expectedSrc(command) });
}

describe('error replies', () => {
  it('covers every hand-made case and a good share of the vectors', () => {
    expect(INVALID_VECTORS.length).toBeGreaterThan(100);
  });

  it.each(CASES)('%s is answered with one schema-valid error', (_name, command) => {
    const { store, errors } = manualStore();
    store.receive(spawn('label', 'l', { text: 'before' }));
    store.flush();
    expect(errors).toEqual([]);
    store.receive(command);
    store.receive(update('label', 'l', 'setText', { text: 'after' }));
    store.flush();
    expect(errors).toHaveLength(1);
    expectValidReply(errors[0], command);
  });

  it('what reaches the transport validates too, one reply per bad command, in order', async () => {
    const transport = new FakeTransport();
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    try {
      await act(async () => root.render(createElement(SidekickPanel, { transport, sessionId: 's-1' })));
      await act(async () => transport.setStatus('connected'));
      await act(async () => {
        transport.deliver(clearAll(), spawn('label', 'l', { text: 'before' }), ...CASES.map(([, command]) => command));
        await new Promise((resolve) => setTimeout(resolve, 300)); // > one frame, even the hidden-tab fallback
      });
      const replies = transport.ofType('error');
      expect(replies).toHaveLength(CASES.length);
      replies.forEach((reply, i) => expectValidReply(reply, CASES[i]![1]));
    } finally {
      await act(async () => root.unmount());
      container.remove();
    }
  });
});
