// Read-only questions about the schema itself (which types a component takes,
// which update actions exist), answered by walking its tagged unions. Tests
// and tools use this so nothing keeps a second, hand-written list.
import { schema } from './generated/schema.js';

type Node = Readonly<Record<string, unknown>>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The schema node at a JSON pointer such as `#/$defs/GridUpdatePayload`. */
function schemaAt(pointer: string): Node | undefined {
  if (pointer !== '#' && !pointer.startsWith('#/')) return undefined;
  let node: unknown = schema;
  for (const raw of pointer.slice(2).split('/').filter(Boolean)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isNode(node)) node = node[key];
    else return undefined;
  }
  return isNode(node) ? node : undefined;
}

function resolve(node: Node): Node {
  const ref = node['$ref'];
  if (typeof ref !== 'string') return node;
  const target = schemaAt(ref);
  if (!target) throw new Error(`schema: dangling $ref ${ref}`);
  return target;
}

/** The branches of a tagged union, each with the constant value of `tag`. */
export function unionBranches(union: Node): Array<{ tag: string; value: string; schema: Node }> {
  const discriminator = union['discriminator'];
  const oneOf = union['oneOf'];
  if (!isNode(discriminator) || !Array.isArray(oneOf)) return [];
  const tag = String(discriminator['propertyName']);
  return oneOf.filter(isNode).map((branch) => {
    const target = resolve(branch);
    const properties = target['properties'];
    const tagSchema = isNode(properties) ? properties[tag] : undefined;
    const value = isNode(tagSchema) ? tagSchema['const'] : undefined;
    if (typeof value !== 'string') throw new Error(`schema: a branch of a union on "${tag}" has no const tag`);
    return { tag, value, schema: target };
  });
}

function branch(union: Node, value: string): Node | undefined {
  return unionBranches(union).find((b) => b.value === value)?.schema;
}

/**
 * The union tagged on `component` that every message other than a
 * GeneralErrorMessage is checked against (the root schema's `else`).
 */
function componentUnion(): Node {
  const otherwise = schema['else'];
  return isNode(otherwise) ? resolve(otherwise) : schema;
}

/** Values of the envelope's `component` field that the schema accepts (an `error` may echo any other). */
export function schemaComponents(): string[] {
  return unionBranches(componentUnion()).map((b) => b.value);
}

/** Message types (`spawn`, `update`, ...) the schema accepts for a component. */
export function schemaMessageTypes(component: string): string[] {
  const union = branch(componentUnion(), component);
  return union ? unionBranches(union).map((b) => b.value) : [];
}

/** Update actions the schema accepts for a component (including `changeParent`). */
export function schemaUpdateActions(component: string): string[] {
  const union = branch(componentUnion(), component);
  const update = union && branch(union, 'update');
  const properties = update?.['properties'];
  const payload = isNode(properties) && isNode(properties['payload']) ? resolve(properties['payload']) : undefined;
  return payload ? unionBranches(payload).map((b) => b.value) : [];
}
