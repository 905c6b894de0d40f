// What the models throw when a command cannot apply (its message goes back to
// the hero as a protocol `error`), and a guard for untyped JSON values.

export class CommandError extends Error {}

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
