// Test helpers: a store whose frames the test runs by hand, and message builders.
import type { ErrorMessage } from '../../src/protocol/messages';
import { PanelStore } from '../../src/store/store';

export function manualStore(): { store: PanelStore; errors: ErrorMessage[]; frames: () => number } {
  const errors: ErrorMessage[] = [];
  let scheduled = 0;
  const store = new PanelStore({ sendError: (m) => errors.push(m), schedule: () => scheduled++, budgetMs: Infinity });
  // As after a real hero's activation: its clearAll marks the panel in sync, so unknown targets are errors.
  store.enqueue(clearAll());
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
