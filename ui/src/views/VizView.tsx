// viz: a collapsible tree per variable. Nodes are immutable and memoised, so
// an edit re-renders only the branch it touched; a changed node flashes
// briefly via the Web Animations API (its final value is already shown).
import { memo, useLayoutEffect, useRef, useState } from 'react';
import { VizModel } from '../models/viz';
import type { VizNode } from '../models/vizTree';
import { usePanel, useInstanceVersion } from './context';

function summary(node: VizNode): string {
  const v = node.value;
  if (v.kind === 'scalar') {
    if (node.type === 'str') return JSON.stringify(v.value);
    return String(v.value);
  }
  const count = node.length ?? (v.kind === 'items' ? v.items.length : v.kind === 'entries' ? v.entries.length : v.attributes.length);
  return `${count} ${count === 1 ? 'item' : 'items'}`;
}

function useFlash(flash: number) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!flash || !el || typeof el.animate !== 'function') return;
    el.animate([{ backgroundColor: 'var(--sk-flash)' }, { backgroundColor: 'transparent' }], { duration: 900, easing: 'ease-out' });
  }, [flash]);
  return ref;
}

/**
 * React keys from node ids, so an insert keeps its siblings' open/closed state.
 * Ids can repeat (equal small values share one id), so the nth repeat gets `#n`.
 */
function keyer(): (id: string) => string {
  const seen = new Map<string, number>();
  return (id) => {
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    return `${id}#${n}`;
  };
}

function children(node: VizNode): { label: string; node: VizNode; key: string }[] {
  const v = node.value;
  const key = keyer();
  switch (v.kind) {
    case 'items':
      return v.items.map((item, i) => ({ label: node.type === 'set' ? '•' : String(i), node: item, key: key(item.id) }));
    case 'entries':
      return v.entries.map((entry) => ({ label: summary(entry.key), node: entry.value, key: key(entry.key.id) }));
    case 'attributes':
      return v.attributes.map(([name, value]) => ({ label: name, node: value, key: name }));
    case 'scalar':
      return [];
  }
}

const VizBranch = memo(function VizBranch({ label, node, depth }: { label: string; node: VizNode; depth: number }) {
  const [open, setOpen] = useState(depth < 2);
  const ref = useFlash(node.flash);
  const isContainer = node.value.kind !== 'scalar';
  const kids = isContainer && open ? children(node) : [];
  return (
    // Plain nested lists with disclosure buttons: the ARIA tree role would promise arrow-key navigation.
    <div className="sk-viz-node">
      <div ref={ref} className={`sk-viz-line${node.observable ? ' sk-viz-observed' : ''}`}>
        {isContainer ? (
          <button type="button" className="sk-viz-toggle" aria-label={`${open ? 'collapse' : 'expand'} ${label}`} aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="sk-viz-toggle" />
        )}
        <span className="sk-viz-key">{label}</span>
        <span className="sk-viz-type">{node.type}</span>
        <span className={`sk-viz-value sk-viz-${node.type === 'truncated' || node.type === 'recursive_ref' || node.type === 'error' ? 'marker' : 'plain'}`}>
          {summary(node)}
        </span>
      </div>
      {kids.length > 0 && (
        <div className="sk-viz-children">
          {kids.map((kid) => (
            <VizBranch key={kid.key} label={kid.label} node={kid.node} depth={depth + 1} />
          ))}
        </div>
      )}
    </div>
  );
});

export function VizView({ id }: { id: string }) {
  const { store } = usePanel();
  useInstanceVersion(id);
  const model = store.model(id, VizModel);
  if (!model) return null;
  const variables = [...model.variables];
  return (
    <div className="sk-viz" data-sk-id={id} role="group" aria-label="variables">
      {variables.length === 0 && <p className="sk-viz-empty">No variables shown yet.</p>}
      {variables.map(([name, node]) => (
        <VizBranch key={name} label={name} node={node} depth={0} />
      ))}
    </div>
  );
}
