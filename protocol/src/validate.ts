// Validation of wire messages against the schema (docs/protocol.md, "Errors
// and robustness"). The validator is Ajv's code compiled from the schema by
// scripts/generate.mjs (src/generated/validator.ts), not at run time: pages
// run under a Content-Security-Policy that forbids eval. It has no allErrors:
// it stops at the first problem, so the per-message cost in the UI stays
// small (`verbose` only adds the failing schema to error objects, which the
// error text below uses to list the expected tags). Tagged unions use Ajv's
// `discriminator`, so a message is only checked against the one branch its
// component/type/action names.
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { decodeFrame } from './decode.js';
import { validate as generated } from './generated/validator.js';
import type { Message } from './generated/types.js';
import { unionBranches } from './schema-info.js';

export type ValidationResult = { valid: true; message: Message } | { valid: false; error: string };

const compiled = generated as ValidateFunction<Message>;

function validator(): ValidateFunction<Message> {
  return compiled;
}

/** Kept for callers that warmed the validator up; it is compiled ahead of time now, so this does nothing. */
export function prepareValidator(): void {}

/** Checks one decoded message; on failure says which field is wrong and why. */
export function validateMessage(value: unknown): ValidationResult {
  const check = validator();
  if (check(value)) return { valid: true, message: value };
  return { valid: false, error: describeErrors(check.errors ?? [], value) };
}

/** True when `value` is a valid message (a type guard for hot paths). */
export function isMessage(value: unknown): value is Message {
  return validator()(value);
}

/** Parses one frame's text (with decodeFrame's tolerance for NaN and Infinity) and validates it. */
export function parseMessage(text: string): ValidationResult {
  let value: unknown;
  try {
    value = decodeFrame(text);
  } catch (error) {
    return { valid: false, error: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  return validateMessage(value);
}

// ---- error text -------------------------------------------------------------

const WRAPPERS = new Set(['anyOf', 'oneOf', 'if', 'then', 'else', 'allOf']);

function segments(instancePath: string): string[] {
  return instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** "payload.options.points[1]" for the path segments; "message" for the root. */
function fieldName(parts: readonly string[]): string {
  let name = '';
  for (const part of parts) {
    if (/^\d+$/.test(part)) name += `[${part}]`;
    else name += name ? `.${part}` : part;
  }
  return name || 'message';
}

function valueAt(root: unknown, parts: readonly string[]): unknown {
  let node = root;
  for (const part of parts) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isInteger(value)) return 'integer';
  return typeof value;
}

/** "a string", "an object", "null" for a JSON Schema type name. */
function article(type: string): string {
  if (type === 'null') return 'null';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function shown(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Depth of the field an error is about; the deepest error is the most specific. */
function depth(error: ErrorObject): number {
  const extra = error.keyword === 'required' || error.keyword === 'discriminator' ? 1 : 0;
  return segments(error.instancePath).length + extra;
}

function pick(errors: readonly ErrorObject[]): ErrorObject | undefined {
  const candidates = errors.filter((e) => !WRAPPERS.has(e.keyword));
  const pool = candidates.length ? candidates : errors;
  let best: ErrorObject | undefined;
  for (const error of pool) if (!best || depth(error) > depth(best)) best = error;
  return best;
}

function parentSchema(error: ErrorObject): Readonly<Record<string, unknown>> | undefined {
  const parent: unknown = error.parentSchema;
  return typeof parent === 'object' && parent !== null ? (parent as Record<string, unknown>) : undefined;
}

function expectedTags(error: ErrorObject): string[] {
  const union = parentSchema(error);
  return union ? unionBranches(union).map((b) => b.value) : [];
}

function describeErrors(errors: readonly ErrorObject[], root: unknown): string {
  const error = pick(errors);
  if (!error) return 'message is invalid';
  const parts = segments(error.instancePath);
  const field = fieldName(parts);
  const value = valueAt(root, parts);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${fieldName([...parts, String(params['missingProperty'])])} is required`;
    case 'type':
      return `${field} must be ${String(params['type']).split(',').map(article).join(' or ')} (got ${kind(value)})`;
    case 'const':
      return `${field} must be ${shown(params['allowedValue'])} (got ${shown(value)})`;
    case 'enum':
      return `${field} must be one of ${(params['allowedValues'] as unknown[]).map(shown).join(', ')} (got ${shown(value)})`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `${field} must be ${String(params['comparison'])} ${String(params['limit'])} (got ${shown(value)})`;
    case 'minItems':
      return `${field} must have at least ${String(params['limit'])} items (got ${Array.isArray(value) ? value.length : 0})`;
    case 'minLength':
      return `${field} must not be empty`;
    case 'discriminator': {
      const tag = String(params['tag']);
      const tagField = fieldName([...parts, tag]);
      const tagValue = params['tagValue'];
      if (params['error'] === 'tag') {
        return tagValue === undefined ? `${tagField} is required` : `${tagField} must be a string (got ${kind(tagValue)})`;
      }
      const expected = expectedTags(error);
      const component = valueAt(root, ['component']);
      const context = tag !== 'component' && typeof component === 'string' ? ` for ${component}` : '';
      const choices = expected.length ? ` (expected one of: ${expected.join(', ')})` : '';
      return `${tagField} ${shown(tagValue)} is unknown${context}${choices}`;
    }
    case 'anyOf':
    case 'oneOf': {
      const described = parentSchema(error)?.['description'];
      return `${field} has an unsupported shape${typeof described === 'string' ? `: expected ${described}` : ''}`;
    }
    default:
      return `${field} ${error.message ?? 'is invalid'}`;
  }
}
