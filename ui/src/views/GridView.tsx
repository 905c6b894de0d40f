// grid: React owns the frame; a GridPainter draws the visible cells on one
// canvas and repaints only changed cells each frame. Clicks map to cells;
// arrow keys move a cursor and Enter/Space click it.
import { useLayoutEffect, useRef, useState } from 'react';
import { GridPainter, type GridPalette } from '../grid/painter';
import { GridModel } from '../models/grid';
import { usePanel } from './context';

/** Cell size in px: roomy for small grids, still readable for big ones (which scroll). */
export function cellSize(columns: number): number {
  if (columns <= 12) return 40;
  if (columns <= 30) return 30;
  return 24;
}

function readPalette(element: HTMLElement): GridPalette {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return { cell: read('--sk-cell', '#ffffff'), line: read('--sk-border', '#d8dadd'), accent: read('--sk-accent', '#2f6fda') };
}

export function GridView({ id }: { id: string }) {
  const { store, sendEvent } = usePanel();
  const model = store.model(id, GridModel);
  const scroller = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const painter = useRef<GridPainter | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const size = cellSize(model?.columns ?? 1);

  useLayoutEffect(() => {
    const box = scroller.current;
    const element = canvas.current;
    if (!model || !box || !element) return;
    let palette = readPalette(box);
    const current = new GridPainter(model, element, box, size, () => palette);
    painter.current = current;
    current.active = 0;
    current.resize();
    const unsubscribe = store.subscribe(id, () => current.update());
    const onScroll = () => current.full();
    box.addEventListener('scroll', onScroll, { passive: true });
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(() => current.resize()) : null;
    resize?.observe(box);
    const scheme = window.matchMedia?.('(prefers-color-scheme: dark)');
    const onScheme = () => {
      palette = readPalette(box);
      current.full();
    };
    scheme?.addEventListener?.('change', onScheme);
    return () => {
      unsubscribe();
      box.removeEventListener('scroll', onScroll);
      resize?.disconnect();
      scheme?.removeEventListener?.('change', onScheme);
      model.allDirty = true;
      painter.current = null;
    };
  }, [store, id, model, size]);

  if (!model) return null;
  const { columns, rows } = model;
  const click = (index: number) => sendEvent('grid', id, { event: 'click', x: index % columns, y: Math.floor(index / columns) });
  const moveTo = (index: number) => {
    const current = painter.current;
    if (!current) return;
    current.focused = true;
    current.setActive(index);
    const x = index % columns;
    const y = Math.floor(index / columns);
    // Keep the cursor in view.
    const box = scroller.current!;
    if (x * size < box.scrollLeft) box.scrollLeft = x * size;
    else if ((x + 1) * size > box.scrollLeft + box.clientWidth) box.scrollLeft = (x + 1) * size - box.clientWidth + 1;
    if (y * size < box.scrollTop) box.scrollTop = y * size;
    else if ((y + 1) * size > box.scrollTop + box.clientHeight) box.scrollTop = (y + 1) * size - box.clientHeight + 1;
    const text = model.texts[index];
    setAnnouncement(`column ${x}, row ${y}${text ? `: ${text}` : ''}`);
  };
  return (
    <div
      ref={scroller}
      className="sk-grid-scroll"
      data-sk-id={id}
      data-sk-cell={size}
      role="grid"
      aria-label={`grid of ${columns} columns and ${rows} rows; arrow keys move, Enter clicks`}
      aria-rowcount={rows}
      aria-colcount={columns}
      tabIndex={0}
      style={{ width: `${columns * size + 1}px` }}
      onFocus={(event) => {
        // The cursor is for keyboard users: a mouse click that focuses the grid does not draw it.
        if (painter.current) painter.current.focused = event.currentTarget.matches(':focus-visible');
        painter.current?.setActive(painter.current.active);
      }}
      onBlur={() => {
        if (painter.current) painter.current.focused = false;
        painter.current?.setActive(painter.current.active);
      }}
      onClick={(event) => {
        const index = painter.current?.cellAt(event.clientX, event.clientY) ?? -1;
        if (index < 0) return;
        painter.current?.setActive(index);
        click(index);
      }}
      onKeyDown={(event) => {
        const active = painter.current?.active ?? 0;
        const x = active % columns;
        const y = Math.floor(active / columns);
        const moves: Record<string, [number, number]> = {
          ArrowLeft: [Math.max(0, x - 1), y],
          ArrowRight: [Math.min(columns - 1, x + 1), y],
          ArrowUp: [x, Math.max(0, y - 1)],
          ArrowDown: [x, Math.min(rows - 1, y + 1)],
        };
        const move = moves[event.key];
        if (move) {
          event.preventDefault();
          moveTo(move[1] * columns + move[0]);
        } else if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          click(active);
        }
      }}
    >
      <div className="sk-grid-space" style={{ width: `${columns * size + 1}px`, height: `${rows * size + 1}px` }}>
        <canvas ref={canvas} className="sk-grid-canvas" />
      </div>
      <span className="sk-visually-hidden" aria-live="polite">
        {announcement}
      </span>
    </div>
  );
}
