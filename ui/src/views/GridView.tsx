// grid: React owns the frame; a GridPainter draws the visible cells on one
// canvas and repaints only changed cells each frame. The cells are sized to
// the space the grid has (grid/fit.ts), re-measured only when that space
// changes. Clicks map to cells; arrow keys move a cursor and Enter/Space click it.
import { useLayoutEffect, useRef, useState } from 'react';
import { fitCell, HEIGHT_SHARE, maxCell } from '../grid/fit';
import { GridPainter, type GridPalette } from '../grid/painter';
import { GridModel } from '../models/grid';
import { usePanel } from './context';
import { onThemeChange } from './theme';

/** The theme's colours as the canvas needs them: resolved through a real property (a theme may use var() or light-dark()). */
function readPalette(element: HTMLElement): GridPalette {
  const probe = document.createElement('span');
  probe.hidden = true;
  element.append(probe);
  const read = (name: string) => {
    probe.style.color = `var(${name})`;
    return getComputedStyle(probe).color;
  };
  const palette = { cell: read('--sk-cell'), line: read('--sk-border'), accent: read('--sk-focus') };
  probe.remove();
  return palette;
}

export function GridView({ id }: { id: string }) {
  const { store, sendEvent } = usePanel();
  const model = store.model(id, GridModel);
  const host = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const space = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const painter = useRef<GridPainter | null>(null);
  const [announcement, setAnnouncement] = useState('');

  useLayoutEffect(() => {
    const outer = host.current;
    const box = scroller.current;
    const inner = space.current;
    const element = canvas.current;
    if (!model || !outer || !box || !inner || !element) return;
    let palette = readPalette(box);
    const current = new GridPainter(model, element, box, maxCell(model.columns), () => palette, () => fit());
    painter.current = current;
    current.active = 0;
    // Measure the space once per change of space (not per update) and repaint at the new size.
    const fit = () => {
      // Offer the host the grid's largest size to learn the width there is (CSS caps it at 100%), then shrink it to the grid.
      outer.style.width = `${model.columns * maxCell(model.columns) + 1}px`;
      const cell = fitCell(model.columns, model.rows, outer.clientWidth || Infinity, Math.max(120, window.innerHeight * HEIGHT_SHARE), current.sawText);
      current.cell = cell;
      // Set here, not through React: a new size must not re-render the view.
      box.dataset.skCell = String(cell);
      outer.style.width = `${model.columns * cell + 1}px`;
      box.style.width = `${model.columns * cell + 1}px`;
      inner.style.width = `${model.columns * cell + 1}px`;
      inner.style.height = `${model.rows * cell + 1}px`;
      current.resize();
    };
    fit();
    const unsubscribe = store.subscribe(id, () => current.update());
    const onScroll = () => current.full();
    box.addEventListener('scroll', onScroll, { passive: true });
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(fit) : null;
    resize?.observe(outer);
    if (outer.parentElement) resize?.observe(outer.parentElement);
    window.addEventListener('resize', fit);
    const stopTheme = onThemeChange(() => {
      palette = readPalette(box);
      current.full();
    });
    return () => {
      unsubscribe();
      box.removeEventListener('scroll', onScroll);
      resize?.disconnect();
      window.removeEventListener('resize', fit);
      stopTheme();
      painter.current = null;
    };
  }, [store, id, model]);

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
    const size = current.cell;
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
    <div ref={host} className="sk-grid">
      <div
        ref={scroller}
        className="sk-grid-scroll"
        data-sk-id={id}
        data-sk-columns={columns}
        data-sk-rows={rows}
        role="application"
        aria-roledescription="grid"
        aria-label={`${columns} columns by ${rows} rows; arrow keys move, Enter clicks`}
        tabIndex={0}
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
        <div ref={space} className="sk-grid-space">
          <canvas ref={canvas} className="sk-grid-canvas" />
        </div>
        <span className="sk-visually-hidden" aria-live="polite">
          {announcement}
        </span>
      </div>
    </div>
  );
}
