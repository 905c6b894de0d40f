// grid: React renders the frame once; cells are DOM nodes patched in place
// from the model's dirty list each frame. Clicks are delegated; arrow keys
// move a focus ring and Enter/Space clicks it.
import { useLayoutEffect, useRef } from 'react';
import { GridModel } from '../models/grid';
import { usePanel } from './context';

/** Cell size in px: roomy for small grids, still readable for big ones (which scroll). */
export function cellSize(columns: number): number {
  if (columns <= 12) return 40;
  if (columns <= 30) return 30;
  return 24;
}

function paint(cell: HTMLElement, color: string | null, text: string | null): void {
  cell.style.backgroundColor = color ?? '';
  cell.textContent = text ?? '';
}

export function GridView({ id }: { id: string }) {
  const { store, sendEvent } = usePanel();
  const model = store.model(id, GridModel);
  const board = useRef<HTMLDivElement>(null);
  const active = useRef(0);

  useLayoutEffect(() => {
    const host = board.current;
    if (!model || !host) return;
    const cells: HTMLElement[] = [];
    const fragment = document.createDocumentFragment();
    for (let i = 0; i < model.columns * model.rows; i++) {
      const cell = document.createElement('div');
      cell.className = 'sk-cell';
      cell.dataset.i = String(i);
      cells.push(cell);
      fragment.append(cell);
    }
    host.replaceChildren(fragment);
    cells[active.current]?.classList.add('sk-active');
    model.allDirty = true;
    const draw = () => {
      if (model.allDirty) {
        for (let i = 0; i < cells.length; i++) paint(cells[i]!, model.colors[i] ?? null, model.texts[i] ?? null);
      } else {
        for (const i of model.dirty) paint(cells[i]!, model.colors[i] ?? null, model.texts[i] ?? null);
      }
      model.allDirty = false;
      model.dirty = [];
    };
    draw();
    const unsubscribe = store.subscribe(id, draw);
    return () => {
      unsubscribe();
      model.allDirty = true;
    };
  }, [store, id, model]);

  if (!model) return null;
  const click = (index: number) => {
    sendEvent('grid', id, { event: 'click', x: index % model.columns, y: Math.floor(index / model.columns) });
  };
  const moveActive = (index: number) => {
    const cells = board.current?.children;
    if (!cells) return;
    cells[active.current]?.classList.remove('sk-active');
    active.current = index;
    const cell = cells[index] as HTMLElement | undefined;
    cell?.classList.add('sk-active');
    cell?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  };
  const size = cellSize(model.columns);
  return (
    <div className="sk-grid-scroll" data-sk-id={id}>
      <div
        ref={board}
        className="sk-grid"
        role="grid"
        aria-label={`grid ${model.columns} by ${model.rows}; arrow keys move, Enter clicks`}
        tabIndex={0}
        style={{
          gridTemplateColumns: `repeat(${model.columns}, ${size}px)`,
          gridAutoRows: `${size}px`,
          fontSize: `${Math.round(size * 0.45)}px`,
        }}
        onClick={(event) => {
          const cell = (event.target as HTMLElement).closest<HTMLElement>('[data-i]');
          if (!cell) return;
          const index = Number(cell.dataset.i);
          moveActive(index);
          click(index);
        }}
        onKeyDown={(event) => {
          const { columns, rows } = model;
          const x = active.current % columns;
          const y = Math.floor(active.current / columns);
          const moves: Record<string, [number, number]> = {
            ArrowLeft: [Math.max(0, x - 1), y],
            ArrowRight: [Math.min(columns - 1, x + 1), y],
            ArrowUp: [x, Math.max(0, y - 1)],
            ArrowDown: [x, Math.min(rows - 1, y + 1)],
          };
          const move = moves[event.key];
          if (move) {
            event.preventDefault();
            moveActive(move[1] * columns + move[0]);
          } else if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            click(active.current);
          }
        }}
      />
    </div>
  );
}
