import { describe, expect, it } from 'vitest';
import { VizModel } from '../../src/models/viz';
import type { VizNode } from '../../src/models/vizTree';
import { manualStore, spawn, update } from './helpers';

// Representation nodes as the hero sends them (protocol.md "viz").
const int = (v: number) => ({ type: 'int', value: v, id: `int-${v}` });
const str = (v: string) => ({ type: 'str', value: v, id: `str-${v}` });
const list = (id: string, items: unknown[]) => ({ type: 'list', value: items, id, length: items.length, observableTracked: true });
const dict = (id: string, entries: [unknown, unknown][]) => ({ type: 'dict', value: entries.map(([key, value]) => ({ key, value })), id, length: entries.length });
const set = (id: string, items: unknown[]) => ({ type: 'set', value: items, id, length: items.length });

/** A plain JS picture of a node, to compare trees easily. */
function plain(node: VizNode): unknown {
  const v = node.value;
  switch (v.kind) {
    case 'scalar':
      return v.value;
    case 'items':
      return v.items.map(plain);
    case 'entries':
      return Object.fromEntries(v.entries.map((e) => [String(plain(e.key)), plain(e.value)]));
    case 'attributes':
      return Object.fromEntries(v.attributes.map(([k, n]) => [k, plain(n)]));
  }
}

function setup() {
  const h = manualStore();
  h.store.receive(spawn('viz', 'v'));
  const viz = (action: string, variableName: string, options: Record<string, unknown>) =>
    h.store.receive(update('viz', 'v', action, options, { variableName }));
  const read = (name: string) => {
    h.store.flush();
    const node = h.store.model('v', VizModel)!.variables.get(name);
    return node ? plain(node) : undefined;
  };
  const node = (name: string) => h.store.model('v', VizModel)!.variables.get(name)!;
  return { ...h, viz, read, node };
}

describe('viz actions', () => {
  it('set shows and replaces a variable; removeVariable hides it', () => {
    const t = setup();
    t.viz('set', 'x', { path: [], valueRepresentation: int(1) });
    expect(t.read('x')).toBe(1);
    t.viz('set', 'x', { path: [], valueRepresentation: str('one') });
    expect(t.read('x')).toBe('one');
    t.viz('removeVariable', 'x', {});
    expect(t.read('x')).toBeUndefined();
    expect(t.errors).toEqual([]);
  });

  it('list actions: setitem, append, insert, pop, remove, delitem, clear', () => {
    const t = setup();
    t.viz('set', 'xs', { path: [], valueRepresentation: list('L', [int(1), int(2), int(3)]), length: 3 });
    t.viz('setitem', 'xs', { path: [0], valueRepresentation: int(10) });
    expect(t.read('xs')).toEqual([10, 2, 3]);
    t.viz('append', 'xs', { path: [3], valueRepresentation: int(4), length: 4 });
    expect(t.read('xs')).toEqual([10, 2, 3, 4]);
    expect(t.node('xs').length).toBe(4);
    t.viz('insert', 'xs', { path: [1], valueRepresentation: int(5), length: 5 });
    expect(t.read('xs')).toEqual([10, 5, 2, 3, 4]);
    t.viz('pop', 'xs', { path: [4], length: 4 });
    t.viz('remove', 'xs', { path: [0], length: 3 });
    t.viz('delitem', 'xs', { path: [0], length: 2 });
    expect(t.read('xs')).toEqual([2, 3]);
    t.viz('clear', 'xs', { path: [], length: 0 });
    expect(t.read('xs')).toEqual([]);
    expect(t.node('xs').length).toBe(0);
    expect(t.errors).toEqual([]);
  });

  it('dict actions: setitem adds and replaces keys, delitem and pop remove them', () => {
    const t = setup();
    t.viz('set', 'd', { path: [], valueRepresentation: dict('D', [[str('a'), int(1)]]) });
    t.viz('setitem', 'd', { path: ['a'], valueRepresentation: int(2), keyRepresentation: str('a') });
    t.viz('setitem', 'd', { path: ['b'], valueRepresentation: int(3), keyRepresentation: str('b'), length: 2 });
    expect(t.read('d')).toEqual({ a: 2, b: 3 });
    t.viz('delitem', 'd', { path: ['a'], length: 1 });
    expect(t.read('d')).toEqual({ b: 3 });
    t.viz('pop', 'd', { path: ['b'], length: 0 });
    expect(t.read('d')).toEqual({});
    expect(t.errors).toEqual([]);
  });

  it('a None dict key in a path matches its "None" node', () => {
    const t = setup();
    t.viz('set', 'd', { path: [], valueRepresentation: dict('D', [[{ type: 'NoneType', value: 'None', id: 'none' }, int(1)]]) });
    t.viz('setitem', 'd', { path: [null], valueRepresentation: int(2) });
    expect(t.read('d')).toEqual({ None: 2 });
    expect(t.errors).toEqual([]);
  });

  it('nested paths edit only their branch and keep siblings identical', () => {
    const t = setup();
    t.viz('set', 'n', { path: [], valueRepresentation: dict('D', [[str('left'), list('A', [int(1)])], [str('right'), list('B', [int(2)])]]) });
    t.read('n');
    const before = t.node('n');
    t.viz('append', 'n', { path: ['left', 1], valueRepresentation: int(9), length: 2 });
    expect(t.read('n')).toEqual({ left: [1, 9], right: [2] });
    const after = t.node('n');
    const entries = (node: VizNode) => (node.value.kind === 'entries' ? node.value.entries : []);
    expect(entries(after)[1]!.value).toBe(entries(before)[1]!.value);
    expect(entries(after)[0]!.value).not.toBe(entries(before)[0]!.value);
  });

  it('set actions: add_set and discard_set address the set itself', () => {
    const t = setup();
    t.viz('set', 's', { path: [], valueRepresentation: set('S', [int(1), int(2)]) });
    t.viz('add_set', 's', { path: [], valueRepresentation: int(3), length: 3 });
    expect(t.read('s')).toEqual([1, 2, 3]);
    t.viz('discard_set', 's', { path: [], valueRepresentation: int(1), length: 2 });
    expect(t.read('s')).toEqual([2, 3]);
    expect(t.node('s').length).toBe(2);
    expect(t.errors).toEqual([]);
  });

  it('marks what changed so the view can highlight it', () => {
    const t = setup();
    t.viz('set', 'xs', { path: [], valueRepresentation: list('L', [int(1), int(2)]) });
    t.read('xs');
    t.viz('setitem', 'xs', { path: [1], valueRepresentation: int(7) });
    t.read('xs');
    const node = t.node('xs');
    const items = node.value.kind === 'items' ? node.value.items : [];
    expect(items[1]!.flash).toBeGreaterThan(0);
    expect(items[0]!.flash).toBe(0);
  });

  it('objects, markers and the error cases', () => {
    const t = setup();
    const obj = { type: 'object (Point)', id: 'P', value: { x: int(1), y: int(2) } };
    t.viz('set', 'p', { path: [], valueRepresentation: obj });
    t.viz('setitem', 'p', { path: ['x'], valueRepresentation: { type: 'recursive_ref', value: '<cycle>', id: 'r' } });
    expect(t.read('p')).toEqual({ x: '<cycle>', y: 2 });
    t.viz('setitem', 'missing', { path: [0], valueRepresentation: int(1) });
    t.viz('setitem', 'p', { path: ['x', 3], valueRepresentation: int(1) });
    t.viz('append', 'p', { path: [], valueRepresentation: 'not a node' });
    t.viz('explode', 'p', { path: [] });
    t.store.flush();
    expect(t.errors.map((e) => e.payload.message)).toEqual([
      expect.stringMatching(/variable "missing" is not shown/),
      expect.stringMatching(/not a container|not found/),
      expect.stringMatching(/valueRepresentation/),
      expect.stringMatching(/explode.*unknown/),
    ]);
    expect(t.errors.every((e) => e.src === 'v' && e.component === 'viz')).toBe(true);
  });
});
