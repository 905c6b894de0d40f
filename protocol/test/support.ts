// Shared helpers for the protocol tests: load the vector files, walk values.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const protocolDir = join(import.meta.dirname, '..');
export const vectorsDir = join(protocolDir, 'vectors');

export interface Vector {
  name: string;
  reason?: string;
  message: unknown;
}

export interface VectorFile {
  description: string;
  valid: Vector[];
  invalid: Vector[];
}

/**
 * The one vector file not named after a component: `error` messages whose
 * component is none of the ten component types (the schema's GeneralErrorMessage).
 */
export const GENERAL_ERROR_FILE = 'general-error';

/** Every vector file, keyed by its stem ("grid", "system", ...). */
export function loadVectors(): Map<string, VectorFile> {
  const files = readdirSync(vectorsDir).filter((f) => f.endsWith('.json')).sort();
  return new Map(
    files.map((file) => [file.replace(/\.json$/, ''), JSON.parse(readFileSync(join(vectorsDir, file), 'utf8')) as VectorFile]),
  );
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path` inside `value`, or undefined. */
export function get(value: unknown, ...path: string[]): unknown {
  let node = value;
  for (const key of path) {
    if (!isRecord(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The name the validator uses for a field: payload.options.points[1].y */
export function fieldName(path: readonly string[]): string {
  let name = '';
  for (const part of path) name += /^\d+$/.test(part) ? `[${part}]` : name ? `.${part}` : part;
  return name || 'message';
}

/** What kind of message this is: "grid spawn", "grid update setColor", "system announce". */
export function kindOf(message: unknown): string {
  const parts = [get(message, 'component'), get(message, 'type')];
  if (get(message, 'type') === 'update') parts.push(get(message, 'payload', 'action'));
  return parts.map(String).join(' ');
}
