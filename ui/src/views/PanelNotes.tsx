// Notes the store raised for the user: limits the hero hit, or the panel
// falling behind and asking for the state again (docs/ui.md "Limits").
import { useSyncExternalStore } from 'react';
import { NOTES } from '../store/store';
import { usePanel } from './context';

export function PanelNotes() {
  const { store } = usePanel();
  const notes = useSyncExternalStore(
    (onChange) => store.subscribe(NOTES, onChange),
    () => store.notes,
  );
  if (notes.length === 0) return null;
  return (
    <ul className="sk-notes" role="status" aria-live="polite" data-sk-notes="">
      {notes.map((text, index) => (
        <li key={index}>{text}</li>
      ))}
    </ul>
  );
}
