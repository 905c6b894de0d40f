// Deliberately broken copies of every valid vector must fail, so the vector
// tests cannot pass vacuously: each required field (found by walking the
// schema alongside the message) is deleted in turn, and each tag that picks a
// branch (component, type, action, event) is replaced by an unknown value.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { schema, schemaComponents, unionBranches, validateMessage } from '../src/index.js';
import { fieldName, get, isRecord, loadVectors } from './support.js';

type SchemaNode = Readonly<Record<string, unknown>>;

function resolve(node: SchemaNode): SchemaNode {
  const ref = node['$ref'];
  if (typeof ref !== 'string') return node;
  const name = ref.replace('#/$defs/', '');
  const defs = schema['$defs'] as Record<string, SchemaNode>;
  const target = defs[name];
  if (!target) throw new Error(`dangling ${ref}`);
  return target;
}

const ajv = new Ajv2020({ strict: false });

/** Whether `value` satisfies an `if` subschema (which picks `then` over `else`). */
function satisfies(condition: SchemaNode, value: unknown): boolean {
  return ajv.compile({ ...condition, $defs: schema['$defs'] })(value);
}

/** Paths of the required fields present in `value`, per the schema branch it selects. */
function requiredPaths(value: unknown, raw: SchemaNode, path: string[] = []): string[][] {
  const node = resolve(raw);
  const condition = node['if'];
  if (isRecord(condition) && isRecord(node['then']) && isRecord(node['else'])) {
    const required = Array.isArray(node['required']) ? (node['required'] as string[]) : [];
    const own = isRecord(value) ? required.filter((key) => key in value).map((key) => [...path, key]) : [];
    return [...own, ...requiredPaths(value, satisfies(condition, value) ? node['then'] : node['else'], path)];
  }
  const discriminator = node['discriminator'];
  if (isRecord(discriminator) && isRecord(value)) {
    const tag = String(discriminator['propertyName']);
    const branch = unionBranches(node).find((b) => b.value === value[tag]);
    const own = Array.isArray(node['required']) && node['required'].includes(tag) ? [[...path, tag]] : [];
    return branch ? [...own, ...requiredPaths(value, branch.schema, path)] : own;
  }
  const out: string[][] = [];
  if (isRecord(value)) {
    const required = Array.isArray(node['required']) ? (node['required'] as string[]) : [];
    for (const key of required) if (key in value) out.push([...path, key]);
    const properties = isRecord(node['properties']) ? node['properties'] : {};
    for (const [key, sub] of Object.entries(properties)) {
      if (key in value && isRecord(sub)) out.push(...requiredPaths(value[key], sub, [...path, key]));
    }
  }
  const items = node['items'];
  if (Array.isArray(value) && isRecord(items)) {
    value.forEach((item, i) => out.push(...requiredPaths(item, items, [...path, String(i)])));
  }
  return out;
}

function mutate(message: unknown, path: readonly string[], change: (parent: Record<string, unknown>, key: string) => void): unknown {
  const copy: unknown = structuredClone(message);
  let node: unknown = copy;
  for (const key of path.slice(0, -1)) node = (node as Record<string, unknown>)[key];
  change(node as Record<string, unknown>, path[path.length - 1] ?? '');
  return copy;
}

/**
 * The field the validator must name once `path` is broken in `message`. An
 * error about an unknown component that loses its `type` is no longer an
 * error: it becomes a message with an unknown component, and that is what the
 * validator reports.
 */
function blamedField(message: unknown, path: readonly string[]): string {
  const unknownComponentError = get(message, 'type') === 'error' && !schemaComponents().includes(String(get(message, 'component')));
  return unknownComponentError && path.join('.') === 'type' ? 'component' : fieldName(path);
}

const TAGS = [['component'], ['type'], ['payload', 'action'], ['payload', 'event'], ['payload', 'role'], ['payload', 'status']];

for (const [file, data] of loadVectors()) {
  describe(`${file}.json broken copies`, () => {
    for (const v of data.valid) {
      it(`${v.name}: without each required field`, () => {
        const paths = requiredPaths(v.message, schema);
        const unique = [...new Map(paths.map((p) => [p.join('/'), p])).values()];
        expect(unique.length).toBeGreaterThan(2); // at least id, component, type
        for (const path of unique) {
          const result = validateMessage(mutate(v.message, path, (parent, key) => delete parent[key]));
          expect(result.valid, `deleting ${fieldName(path)}`).toBe(false);
          if (!result.valid) expect(result.error).toContain(blamedField(v.message, path));
        }
      });

      it(`${v.name}: with each tag renamed`, () => {
        let renamed = 0;
        const isError = get(v.message, 'type') === 'error';
        for (const path of TAGS) {
          const parent = path.length > 1 ? (v.message as Record<string, unknown>)[path[0] ?? ''] : v.message;
          if (!isRecord(parent) || typeof parent[path[path.length - 1] ?? ''] !== 'string') continue;
          renamed += 1;
          const result = validateMessage(mutate(v.message, path, (p, key) => (p[key] = 'bogus')));
          if (isError && path.join('.') === 'component') {
            // An error echoes whatever component its command named, known or not.
            expect(result.valid ? 'valid' : result.error, `renaming ${fieldName(path)}`).toBe('valid');
            continue;
          }
          expect(result.valid, `renaming ${fieldName(path)}`).toBe(false);
          if (!result.valid) expect(result.error).toContain(blamedField(v.message, path));
        }
        expect(renamed).toBeGreaterThanOrEqual(2);
      });
    }
  });
}
