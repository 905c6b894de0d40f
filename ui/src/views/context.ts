// What every view needs: the store, and a way to send events to the hero.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { PanelStore } from '../store/store';

export interface PanelContextValue {
  store: PanelStore;
  /**
   * Whether input reaches the program now: connected, with a hero online. While
   * not, controls are disabled and clicks are dropped (docs/ui.md, "While
   * disconnected"): nothing the user does is silently lost in a gap.
   */
  interactive: boolean;
  /** Send `{event, ...}` from instance `src` (protocol.md "event"); dropped while not `interactive`. */
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
