// row and column: lay out children in order (the structure owns the order).
import { ROOT_ID } from '../messages/outgoing';
import { usePanel, useInstanceVersion } from './context';
import { Instance } from './Instance';

export function ContainerView({ id, direction }: { id: string; direction: 'row' | 'column' }) {
  const { store } = usePanel();
  useInstanceVersion(id);
  const node = store.node(id);
  if (!node) return null;
  return (
    <div className={`sk-${direction}`} data-sk-id={id}>
      {node.children.map((child) => (
        <Instance key={child} id={child} />
      ))}
      {id === ROOT_ID && node.children.length === 0 && <p className="sk-empty">Nothing to show yet: run a Python program that uses sidekick.</p>}
    </div>
  );
}
