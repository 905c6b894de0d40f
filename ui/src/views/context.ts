// What every view needs: the store, and a way to send events to the hero.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { PanelStore } from '../store/store';

export interface PanelContextValue {
  store: PanelStore;
  /** Send `{event, ...}` from instance `src` (protocol.md "event"). */
  sendEvent(component: string, src: string, payload: { event: string } & Record<string, unknown>): void;
}

export const PanelContext = createContext<PanelContextValue | null>(null);

export function usePanel(): PanelContextValue {
  const value = useContext(PanelContext);
  if (!value) throw new Error('views must render inside <SidekickPanel>');
  return value;
}

/** Re-render when instance `id` changes, and only then (style.md T1). */
export function useInstanceVersion(id: string): number {
  const { store } = usePanel();
  return useSyncExternalStore(
    (onChange) => store.subscribe(id, onChange),
    () => store.version(id),
  );
}
