// The pure part of the store: which instances exist, their type, parent and
// child order (protocol.md "Component messages": spawn/remove/changeParent).
// Component contents (text, cells, drawings) live in models, not here.
import { CONTAINER_TYPES, ROOT_ID } from '../messages/outgoing';
import { CommandError } from '../messages/commandError';
import { LimitError, LIMITS } from './limits';

export interface NodeRecord {
  readonly id: string;
  readonly type: string;
  readonly parent: string | null;
  readonly children: readonly string[];
}

export type Structure = ReadonlyMap<string, NodeRecord>;

export type StructureOp =
  | { op: 'spawn'; id: string; type: string; parent: string }
  | { op: 'remove'; id: string }
  | { op: 'move'; id: string; parent: string; insertBefore: string | null }
  | { op: 'clear' };

const freeze: <T>(value: T) => T = import.meta.env?.DEV ? (value) => Object.freeze(value) : (value) => value;

function record(id: string, type: string, parent: string | null, children: readonly string[]): NodeRecord {
  return freeze({ id, type, parent, children: freeze(children) });
}

/** A record whose child list the draft still edits in place (frozen by `finish`). */
function openRecord(id: string, type: string, parent: string | null, children: readonly string[]): NodeRecord {
  return freeze({ id, type, parent, children });
}

export function emptyStructure(): Structure {
  return new Map([[ROOT_ID, record(ROOT_ID, 'column', null, [])]]);
}

export function isContainer(node: NodeRecord): boolean {
  return node.id === ROOT_ID || CONTAINER_TYPES.has(node.type);
}

/**
 * A mutable working copy of a Structure for one batch: copies the map once on
 * first write, and a parent's child list once per batch, then edits that copy
 * in place, so appending n children costs O(n) and not O(n²). `changed`
 * collects ids whose record was replaced, added or removed.
 */
export class StructureDraft {
  private nodes: Map<string, NodeRecord> | null = null;
  /** Child lists copied in this batch, by parent id: safe to edit until `finish`. */
  private owned = new Map<string, string[]>();
  readonly changed = new Set<string>();

  constructor(private base: Structure) {}

  get(id: string): NodeRecord | undefined {
    return (this.nodes ?? this.base).get(id);
  }

  /** Apply one op; throws CommandError (leaving the draft unchanged) if it cannot apply. Returns removed ids. */
  apply(op: StructureOp): string[] {
    switch (op.op) {
      case 'spawn':
        this.spawn(op.id, op.type, op.parent);
        return [];
      case 'remove':
        return this.remove(op.id);
      case 'move':
        this.move(op.id, op.parent, op.insertBefore);
        return [];
      case 'clear':
        return this.clear();
    }
  }

  finish(): Structure {
    for (const children of this.owned.values()) freeze(children);
    this.owned = new Map();
    const result = this.nodes ?? this.base;
    this.base = result;
    this.nodes = null;
    return result;
  }

  private write(): Map<string, NodeRecord> {
    if (!this.nodes) this.nodes = new Map(this.base);
    return this.nodes;
  }

  private set(node: NodeRecord): void {
    this.write().set(node.id, node);
    this.changed.add(node.id);
  }

  private container(id: string): NodeRecord {
    const parent = this.get(id);
    if (!parent) throw new CommandError(`parent "${id}" does not exist`);
    if (!isContainer(parent)) throw new CommandError(`parent "${id}" is a ${parent.type}, not a row or column`);
    return parent;
  }

  /** The child list of `parent`, copied once per batch, to edit in place. */
  private editChildren(parent: NodeRecord): string[] {
    let children = this.owned.get(parent.id);
    if (children && parent.children === children) {
      this.changed.add(parent.id);
      return children;
    }
    children = [...parent.children];
    this.owned.set(parent.id, children);
    this.set(openRecord(parent.id, parent.type, parent.parent, children));
    return children;
  }

  private roomIn(parent: NodeRecord): void {
    if (parent.children.length >= LIMITS.childrenPerContainer) {
      throw new LimitError(`"${parent.id}" already holds ${LIMITS.childrenPerContainer} children, the most a row or column may hold`);
    }
  }

  private spawn(id: string, type: string, parentId: string): void {
    if (this.get(id)) throw new CommandError(`an instance "${id}" already exists`);
    const parent = this.container(parentId);
    this.roomIn(parent);
    this.set(record(id, type, parentId, []));
    this.editChildren(parent).push(id);
  }

  private detach(node: NodeRecord): void {
    if (node.parent === null) return;
    const parent = this.get(node.parent);
    if (!parent) return;
    const children = this.editChildren(parent);
    const at = children.indexOf(node.id);
    if (at >= 0) children.splice(at, 1);
  }

  private remove(id: string): string[] {
    if (id === ROOT_ID) throw new CommandError('the root column cannot be removed');
    const node = this.get(id);
    if (!node) throw new CommandError(`instance "${id}" does not exist`);
    this.detach(node);
    const removed: string[] = [];
    const stack = [id];
    const nodes = this.write();
    while (stack.length) {
      const current = nodes.get(stack.pop()!);
      if (!current) continue;
      nodes.delete(current.id);
      this.owned.delete(current.id);
      this.changed.add(current.id);
      removed.push(current.id);
      stack.push(...current.children);
    }
    return removed;
  }

  private move(id: string, parentId: string, insertBefore: string | null): void {
    if (id === ROOT_ID) throw new CommandError('the root column cannot be moved');
    const node = this.get(id);
    if (!node) throw new CommandError(`instance "${id}" does not exist`);
    const target = this.container(parentId);
    // A container cannot move into itself or its own descendants.
    for (let at: string | null = parentId; at !== null; at = this.get(at)?.parent ?? null) {
      if (at === id) throw new CommandError(`cannot move "${id}" into itself or its own child "${parentId}"`);
    }
    if (node.parent !== parentId) this.roomIn(target);
    this.detach(node);
    const children = this.editChildren(this.get(parentId)!); // re-read: detach may have replaced it
    const index = insertBefore === null ? -1 : children.indexOf(insertBefore);
    // An insertBefore that is not a child of the new parent appends (lenient, like append).
    if (index < 0) children.push(id);
    else children.splice(index, 0, id);
    this.set(openRecord(node.id, node.type, parentId, this.owned.get(id) ?? node.children));
  }

  private clear(): string[] {
    const removed = [...(this.nodes ?? this.base).keys()].filter((id) => id !== ROOT_ID);
    this.nodes = new Map(emptyStructure());
    this.owned = new Map();
    for (const id of removed) this.changed.add(id);
    this.changed.add(ROOT_ID);
    return removed;
  }
}

/** The pure reducer: fold ops into a new Structure (ops that cannot apply are skipped). */
export function reduceStructure(state: Structure, ops: readonly StructureOp[]): Structure {
  const draft = new StructureDraft(state);
  for (const op of ops) {
    try {
      draft.apply(op);
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
    }
  }
  return draft.finish();
}
