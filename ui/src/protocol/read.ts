// Small readers for untrusted payloads: each returns the typed value or
// throws a CommandError whose message names the field (sent back to the hero).

export class CommandError extends Error {}

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function object(value: unknown, name: string): Json {
  if (!isObject(value)) throw new CommandError(`${name} must be an object`);
  return value;
}

export function string(from: Json, key: string): string {
  const value = from[key];
  if (typeof value !== 'string') throw new CommandError(`${key} must be a string`);
  return value;
}

/** A string, or null when absent/null. */
export function optionalString(from: Json, key: string): string | null {
  const value = from[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new CommandError(`${key} must be a string or null`);
  return value;
}

export function number(from: Json, key: string): number {
  const value = from[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new CommandError(`${key} must be a finite number`);
  return value;
}

export function optionalNumber(from: Json, key: string): number | null {
  const value = from[key];
  if (value === undefined || value === null) return null;
  return number(from, key);
}

export function integer(from: Json, key: string): number {
  const value = number(from, key);
  if (!Number.isInteger(value)) throw new CommandError(`${key} must be an integer`);
  return value;
}

export function positiveInteger(from: Json, key: string): number {
  const value = integer(from, key);
  if (value <= 0) throw new CommandError(`${key} must be > 0`);
  return value;
}

export function boolean(from: Json, key: string): boolean {
  const value = from[key];
  if (typeof value !== 'boolean') throw new CommandError(`${key} must be a boolean`);
  return value;
}
