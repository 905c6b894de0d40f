// viz: named variables, each a representation tree, edited by the actions of
// protocol.md "viz". Element actions address the element by `path` (the
// container's path plus the key/index); set actions address the set itself.
import type { VizOptions } from '@sidekick/protocol';
import { CommandError } from '../messages/commandError';
import type { Model, ModelFactory, ModelUpdate } from './model';
import {
  discardItem,
  editAt,
  emptied,
  normalise,
  type PathKey,
  removeChild,
  setChild,
  type VizNode,
  withLength,
} from './vizTree';

export class VizModel implements Model<ModelUpdate<'viz'>> {
  /** Variables in the order they were first shown. Replaced (not mutated) on change. */
  variables: ReadonlyMap<string, VizNode> = new Map();
  private flashes = 0;

  apply(update: ModelUpdate<'viz'>): void {
    const { action, variableName: name } = update;
    const options: VizOptions = update.options;
    const path: PathKey[] = options.path ?? [];
    const length = options.length ?? null;
    const flash = ++this.flashes;
    const rep = () => normalise(options.valueRepresentation, flash);
    const keyRep = () => (options.keyRepresentation === undefined ? null : normalise(options.keyRepresentation, flash));

    if (action === 'removeVariable') {
      this.variable(name);
      const next = new Map(this.variables);
      next.delete(name);
      this.variables = next;
      return;
    }
    if (action === 'set' && path.length === 0) return this.put(name, rep());
    if (action === 'clear' && path.length === 0 && options.valueRepresentation !== undefined) {
      return this.put(name, rep());
    }

    const root = this.variable(name);
    const container = path.slice(0, -1);
    const key = path[path.length - 1] as PathKey;
    const needKey = () => {
      if (path.length === 0) throw new CommandError(`${action} needs a path ending with the key or index`);
    };
    let next: VizNode;
    switch (action) {
      case 'set':
      case 'setitem':
        needKey();
        next = editAt(root, container, (node) => withLength(setChild(node, key, rep(), keyRep(), 0, false), length));
        break;
      case 'append':
        next =
          path.length === 0
            ? editAt(root, [], (node) => withLength(appendItem(node, rep()), length))
            : editAt(root, container, (node) => withLength(appendItem(node, rep()), length));
        break;
      case 'insert':
        needKey();
        next = editAt(root, container, (node) => withLength(setChild(node, key, rep(), null, 0, true), length));
        break;
      case 'pop':
      case 'remove':
      case 'delitem':
        needKey();
        next = editAt(root, container, (node) => withLength(removeChild(node, key, flash), length));
        break;
      case 'add_set':
        next = editAt(root, path, (node) => withLength(appendItem(node, rep()), length));
        break;
      case 'discard_set':
        next = editAt(root, path, (node) => withLength(discardItem(node, rep(), flash), length));
        break;
      case 'clear':
        next = editAt(root, path, (node) => emptied(node, flash));
        break;
    }
    this.put(name, next);
  }

  private variable(name: string): VizNode {
    const node = this.variables.get(name);
    if (!node) throw new CommandError(`variable "${name}" is not shown`);
    return node;
  }

  private put(name: string, node: VizNode): void {
    const next = new Map(this.variables);
    next.set(name, node);
    this.variables = next;
  }
}

function appendItem(node: VizNode, item: VizNode): VizNode {
  if (node.value.kind !== 'items') throw new CommandError(`cannot append to ${node.type}`);
  return setChild(node, node.value.items.length, item, null, 0, true);
}

export const vizFactory: ModelFactory<'viz'> = {
  create: () => new VizModel(),
};
