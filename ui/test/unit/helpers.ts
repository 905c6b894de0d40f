// Test helpers: a store whose frames the test runs by hand, message builders,
// and the shared protocol vectors (protocol/vectors/*.json).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorMessage } from '../../src/messages/outgoing';
import { isObject } from '../../src/messages/commandError';
import { PanelStore, type StoreOptions } from '../../src/store/store';
import { type Checked, type Incoming, openFrame, screenInto } from '../../src/transport/incoming';

/** A store fed as a transport feeds it: each message is checked at the edge (transport/incoming.ts) first. */
export class TestStore extends PanelStore {
  constructor(options: StoreOptions) {
    super(options);
  }

  /** One message off the wire (`bytes` long). */
  receive(value: unknown, bytes = 0): void {
    const incoming: Checked[] = [];
    screenInto(value, incoming);
    if (incoming.length > 0) this.enqueue(incoming, bytes);
  }
}

/** The messages a store would apply from what a transport handed on (frames handed on as text opened). */
export function opened(incoming: readonly Incoming[]): Checked[] {
  const out: Checked[] = [];
  for (const one of incoming) {
    if (one.type === 'frame') openFrame(one, out);
    else out.push(one);
  }
  return out;
}

export function manualStore(): { store: TestStore; errors: ErrorMessage[]; frames: () => number } {
  const errors: ErrorMessage[] = [];
  let scheduled = 0;
  const store = new TestStore({ sendError: (m) => errors.push(m), schedule: () => scheduled++, budgetMs: Infinity });
  // As after a real hero's activation: its clearAll marks the panel in sync, so unknown targets are errors.
  store.receive(clearAll());
  store.flush();
  scheduled = 0;
  return { store, errors, frames: () => scheduled };
}

export const spawn = (component: string, target: string, payload: Record<string, unknown> = {}) => ({
  id: 0,
  component,
  type: 'spawn',
  target,
  payload,
});

export const update = (component: string, target: string, action: string, options: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  id: 0,
  component,
  type: 'update',
  target,
  payload: { action, options, ...extra },
});

export const remove = (component: string, target: string) => ({ id: 0, component, type: 'remove', target });
export const clearAll = () => ({ id: 0, component: 'global', type: 'clearAll' });

export interface VectorFile {
  description: string;
  valid: { name: string; message: unknown }[];
  invalid: { name: string; reason: string; message: unknown }[];
}

const vectorsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'protocol', 'vectors');

/** Every shared vector file, as [file name, contents], sorted by name. */
export function vectorFiles(): [string, VectorFile][] {
  return readdirSync(vectorsDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f, JSON.parse(readFileSync(join(vectorsDir, f), 'utf8')) as VectorFile]);
}

/** Messages the UI only ever receives from other peers and never answers. */
export function isPeerTraffic(message: unknown): boolean {
  return isObject(message) && (message.type === 'event' || message.type === 'error');
}
