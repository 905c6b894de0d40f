// Replays the shared protocol vectors (protocol/vectors/*.json) through the
// store: every valid hero->UI message applies without an error reply, every
// invalid one is answered with exactly one protocol `error` (src = target).
import { validateMessage } from '@sidekick/protocol';
import { describe, expect, it } from 'vitest';
import { isObject, type Json } from '../../src/messages/commandError';
import { isPeerTraffic, manualStore, spawn, update, vectorFiles } from './helpers';

/** Spawn payloads good enough to host any update a vector sends. */
const SPAWN: Record<string, Json> = {
  grid: { numColumns: 200, numRows: 200 },
  console: { showInput: true },
  canvas: { width: 400, height: 300 },
  viz: {},
  label: { text: '' },
  markdown: { text: '' },
  button: { text: '' },
  textbox: {},
  row: {},
  column: {},
};

/** The container an action addresses: a set, a list long enough, or a dict holding `key`. */
type Leaf = { kind: 'set' } | { kind: 'list' } | { kind: 'dict'; key: string };

const int = (value: number, id: string): Json => ({ type: 'int', value, id });

/** A representation with containers along `path` so element actions find their target. */
function shaped(path: unknown[], leaf: Leaf, depth = 0): Json {
  if (path.length === 0) {
    const items = Array.from({ length: 8 }, (_, i) => int(i, `leaf-${i}`));
    if (leaf.kind === 'set') return { type: 'set', id: `s${depth}`, value: [int(1, 'int_1_1'), int(2, 'i2')] };
    if (leaf.kind === 'list') return { type: 'list', id: `l${depth}`, value: items };
    return { type: 'dict', id: `d${depth}`, value: [{ key: { type: 'str', value: leaf.key, id: 'leaf-key' }, value: int(0, 'leaf-value') }] };
  }
  const [key, ...rest] = path;
  const inner = shaped(rest, leaf, depth + 1);
  if (typeof key === 'number') {
    const items: Json[] = Array.from({ length: Math.max(key + 1, 1) }, (_, i) => int(i, `n${depth}-${i}`));
    items[key] = inner;
    return { type: 'list', id: `c${depth}`, value: items };
  }
  return { type: 'dict', id: `c${depth}`, value: [{ key: { type: 'str', value: key, id: `k${depth}` }, value: inner }] };
}

/** Messages a vector's message needs before it (its target, parent, siblings, buffers, viz variable). */
function prerequisites(message: unknown): unknown[] {
  // A batch needs what each of its messages needs.
  if (isObject(message) && message.type === 'batch' && isObject(message.payload) && Array.isArray(message.payload.messages)) {
    const seen = new Set<string>();
    return message.payload.messages.flatMap(prerequisites).filter((m) => {
      const key = JSON.stringify(m);
      return !seen.has(key) && (seen.add(key), true);
    });
  }
  if (!isObject(message) || typeof message.component !== 'string' || typeof message.target !== 'string' || !message.target) return [];
  const { component, target } = message;
  const payload = isObject(message.payload) ? message.payload : {};
  const options = isObject(payload.options) ? payload.options : {};
  const before: unknown[] = [];
  const parent = message.type === 'spawn' ? payload.parent : options.parent;
  if (typeof parent === 'string' && parent !== '' && parent !== 'root' && parent !== target) before.push(spawn('column', parent));
  if (message.type === 'spawn' || !(component in SPAWN)) return before;
  before.push(spawn(component, target, SPAWN[component]));
  if (typeof options.insertBefore === 'string') {
    before.push(spawn('label', options.insertBefore, { text: '', parent: typeof parent === 'string' ? parent : 'root' }));
  }
  if (component === 'canvas' && payload.action !== 'createBuffer') {
    for (const key of ['bufferId', 'sourceBufferId', 'targetBufferId']) {
      const id = options[key];
      if (typeof id === 'number' && Number.isInteger(id) && id > 0) before.push(update('canvas', target, 'createBuffer', { bufferId: id }));
    }
  }
  const action = payload.action;
  if (component === 'viz' && typeof payload.variableName === 'string' && typeof action === 'string') {
    const path = Array.isArray(options.path) ? options.path : [];
    const rootSet = action === 'set' && path.length === 0;
    if (!rootSet) {
      const setAction = action === 'add_set' || action === 'discard_set' || action === 'clear';
      const last: unknown = path[path.length - 1];
      const leaf: Leaf = setAction ? { kind: 'set' } : typeof last === 'string' ? { kind: 'dict', key: last } : { kind: 'list' };
      const containerPath = setAction ? path : path.slice(0, -1);
      before.push(update('viz', target, 'set', { path: [], valueRepresentation: shaped(containerPath, leaf) }, { variableName: payload.variableName }));
    }
  }
  return before;
}

describe.each(vectorFiles())('protocol vectors %s', (_file, vectors) => {

  // Schema-valid but impossible here: a container moved into itself (answered with an error instead).
  const selfMove = (m: unknown) => isObject(m) && isObject(m.payload) && isObject(m.payload.options) && m.payload.options.parent === m.target;
  it.each(vectors.valid.filter((v) => !selfMove(v.message)).map((v) => [v.name, v.message] as const))('valid: %s applies', (_name, message) => {
    const { store, errors } = manualStore();
    for (const m of prerequisites(message)) store.receive(m);
    store.flush();
    expect(errors).toEqual([]);
    store.receive(message);
    store.flush();
    expect(errors).toEqual([]);
    if (isObject(message) && message.type === 'spawn' && typeof message.target === 'string') {
      expect(store.node(message.target)?.type).toBe(message.component);
    }
  });

  const invalid = [
    ...vectors.invalid.filter((v) => !isPeerTraffic(v.message)),
    ...vectors.valid.filter((v) => selfMove(v.message)).map((v) => ({ ...v, reason: 'moving a container into itself' })),
  ];
  if (invalid.length === 0) return;
  it.each(invalid.map((v) => [v.name, v.reason, v.message] as const))('invalid: %s (%s) is answered with an error', (_name, _reason, message) => {
    const { store, errors } = manualStore();
    for (const m of prerequisites(message)) store.receive(m);
    store.flush();
    expect(errors).toEqual([]);
    store.receive(message);
    store.receive(spawn('label', 'still-alive', { text: 'ok' }));
    store.flush();
    expect(errors).toHaveLength(1);
    const target = isObject(message) && typeof message.target === 'string' ? message.target : '';
    expect(errors[0]).toMatchObject({ id: 0, type: 'error', src: target });
    expect(validateMessage(errors[0]).valid).toBe(true); // the reply is itself a valid message
    expect(store.node('still-alive')).toBeDefined();
  });
});
