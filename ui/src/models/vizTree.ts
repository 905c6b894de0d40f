// The viz representation tree (protocol.md "viz"): normalising the hero's
// representation nodes, and immutable edits at a path that copy only the
// nodes on that path (so React re-renders one branch, not the whole tree).
import { CommandError, isObject, type Json } from '../messages/commandError';

export type Scalar = string | number | boolean | null;

export type VizValue =
  | { kind: 'scalar'; value: Scalar }
  | { kind: 'items'; items: readonly VizNode[] }
  | { kind: 'entries'; entries: readonly VizEntry[] }
  | { kind: 'attributes'; attributes: readonly (readonly [string, VizNode])[] };

export interface VizNode {
  readonly id: string;
  readonly type: string;
  readonly length: number | null;
  readonly observable: boolean;
  readonly value: VizValue;
  /** Non-zero when this node just changed; a new number restarts the highlight. */
  readonly flash: number;
}

export interface VizEntry {
  readonly key: VizNode;
  readonly value: VizNode;
}

export type PathKey = string | number | boolean | null | readonly unknown[] | Json;

const MAX_DEPTH = 64;
let anonymous = 0;

/** Turn an untrusted representation node into a VizNode (throws CommandError if it is not one). */
export function normalise(raw: unknown, flash = 0, depth = 0): VizNode {
  if (!isObject(raw) || typeof raw.type !== 'string') {
    throw new CommandError('a representation node must be an object with a string "type"');
  }
  const id = typeof raw.id === 'string' || typeof raw.id === 'number' ? String(raw.id) : `anon-${++anonymous}`;
  const length = typeof raw.length === 'number' ? raw.length : null;
  const base = { id, type: raw.type, length, observable: raw.observableTracked === true, flash };
  if (depth >= MAX_DEPTH) return { ...base, type: 'truncated', value: { kind: 'scalar', value: '<too deep>' } };
  const value = raw.value;
  if (Array.isArray(value)) {
    const isDict = raw.type === 'dict' || (value.length > 0 && value.every((e) => isObject(e) && 'key' in e && 'value' in e && !('type' in e)));
    if (isDict) {
      const entries = value.map((entry: unknown) => {
        if (!isObject(entry)) throw new CommandError('a dict entry must be {key, value}');
        return { key: normalise(entry.key, 0, depth + 1), value: normalise(entry.value, 0, depth + 1) };
      });
      return { ...base, value: { kind: 'entries', entries } };
    }
    return { ...base, value: { kind: 'items', items: value.map((item: unknown) => normalise(item, 0, depth + 1)) } };
  }
  if (isObject(value)) {
    const attributes = Object.entries(value).map(([name, node]) => [name, normalise(node, 0, depth + 1)] as const);
    return { ...base, value: { kind: 'attributes', attributes } };
  }
  if (value === undefined || value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return { ...base, value: { kind: 'scalar', value: value ?? null } };
  }
  throw new CommandError('a representation value must be a scalar, list or object');
}

/** A scalar node for a dict key that came without a keyRepresentation. */
export function keyNode(key: PathKey, flash: number): VizNode {
  const value: Scalar = typeof key === 'object' && key !== null ? JSON.stringify(key) : key;
  const type = typeof key === 'number' ? (Number.isInteger(key) ? 'int' : 'float') : typeof key === 'boolean' ? 'bool' : 'str';
  return { id: `key-${String(value)}`, type, length: null, observable: false, value: { kind: 'scalar', value }, flash };
}

function sameKey(node: VizNode, key: PathKey): boolean {
  if (node.value.kind !== 'scalar') return false;
  if (node.value.value === key) return true;
  // Python's None is sent as the string "None" in nodes but as null in paths.
  if (key === null && node.type === 'NoneType') return true;
  // Keys sent as JSON arrays/objects (tuples) match their JSON text.
  return typeof key === 'object' && key !== null && node.value.value === JSON.stringify(key);
}

function index(key: PathKey, size: number, allowEnd: boolean): number {
  if (typeof key !== 'number' || !Number.isInteger(key)) throw new CommandError(`list index ${JSON.stringify(key)} is not an integer`);
  const at = key < 0 ? size + key : key;
  if (at < 0 || at > size || (at === size && !allowEnd)) throw new CommandError(`list index ${key} is out of range`);
  return at;
}

function withValue(node: VizNode, value: VizValue, length: number | null, flash: number): VizNode {
  return { ...node, value, length: length ?? node.length, flash };
}

/** The child at `key` of a container node. */
function child(node: VizNode, key: PathKey): VizNode {
  const v = node.value;
  if (v.kind === 'items') {
    const found = v.items[index(key, v.items.length, false)];
    if (found) return found;
  } else if (v.kind === 'entries') {
    const found = v.entries.find((e) => sameKey(e.key, key));
    if (found) return found.value;
  } else if (v.kind === 'attributes') {
    const found = v.attributes.find(([name]) => name === key);
    if (found) return found[1];
  }
  throw new CommandError(`path element ${JSON.stringify(key)} not found in ${node.type}`);
}

/** Copy the nodes on `path` with `edit` applied to the node at its end. */
export function editAt(node: VizNode, path: readonly PathKey[], edit: (node: VizNode) => VizNode): VizNode {
  if (path.length === 0) return edit(node);
  const [key, ...rest] = path as [PathKey, ...PathKey[]];
  const next = editAt(child(node, key), rest, edit);
  return setChild(node, key, next, null, 0, false);
}

/** Replace (or add) the child at `key`; `keyRep` names a new dict key. */
export function setChild(node: VizNode, key: PathKey, value: VizNode, keyRep: VizNode | null, flash: number, append: boolean): VizNode {
  const v = node.value;
  switch (v.kind) {
    case 'items': {
      const items = [...v.items];
      const at = index(key, items.length, true);
      if (at === items.length || append) items.splice(at, 0, value);
      else items[at] = value;
      return withValue(node, { kind: 'items', items }, null, flash || node.flash);
    }
    case 'entries': {
      const entries = [...v.entries];
      const at = entries.findIndex((e) => sameKey(e.key, key));
      if (at >= 0) entries[at] = { key: entries[at]!.key, value };
      else entries.push({ key: keyRep ?? keyNode(key, flash), value });
      return withValue(node, { kind: 'entries', entries }, null, flash || node.flash);
    }
    case 'attributes': {
      const name = String(key);
      const attributes = v.attributes.filter(([n]) => n !== name);
      const at = v.attributes.findIndex(([n]) => n === name);
      attributes.splice(at >= 0 ? at : attributes.length, 0, [name, value]);
      return withValue(node, { kind: 'attributes', attributes }, null, flash || node.flash);
    }
    case 'scalar':
      throw new CommandError(`${node.type} is not a container`);
  }
}

/** Remove the child at `key`. */
export function removeChild(node: VizNode, key: PathKey, flash: number): VizNode {
  const v = node.value;
  switch (v.kind) {
    case 'items': {
      const items = [...v.items];
      items.splice(index(key, items.length, false), 1);
      return withValue(node, { kind: 'items', items }, null, flash);
    }
    case 'entries': {
      const entries = v.entries.filter((e) => !sameKey(e.key, key));
      if (entries.length === v.entries.length) throw new CommandError(`key ${JSON.stringify(key)} not found`);
      return withValue(node, { kind: 'entries', entries }, null, flash);
    }
    case 'attributes':
      return withValue(node, { kind: 'attributes', attributes: v.attributes.filter(([n]) => n !== String(key)) }, null, flash);
    case 'scalar':
      throw new CommandError(`${node.type} is not a container`);
  }
}

/** Remove the first item equal (type and scalar value) to `rep` from a set/list. */
export function discardItem(node: VizNode, rep: VizNode, flash: number): VizNode {
  if (node.value.kind !== 'items') throw new CommandError(`${node.type} is not a set`);
  const items = [...node.value.items];
  const at = items.findIndex(
    (item) => item.id === rep.id || (item.type === rep.type && item.value.kind === 'scalar' && rep.value.kind === 'scalar' && item.value.value === rep.value.value),
  );
  if (at >= 0) items.splice(at, 1);
  return withValue(node, { kind: 'items', items }, null, flash);
}

/** Empty a container. */
export function emptied(node: VizNode, flash: number): VizNode {
  const v = node.value;
  const value: VizValue =
    v.kind === 'items' ? { kind: 'items', items: [] } : v.kind === 'entries' ? { kind: 'entries', entries: [] } : v.kind === 'attributes' ? { kind: 'attributes', attributes: [] } : v;
  return withValue(node, value, 0, flash);
}

export function withLength(node: VizNode, length: number | null): VizNode {
  return length === null ? node : { ...node, length };
}
