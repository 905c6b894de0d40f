// Paints a grid model onto one viewport-sized canvas: only the cells in view
// are drawn, a changed cell costs one fillRect, and the page paints a single
// image instead of thousands of elements (style.md: imperative, O(1) per update).
// The cell size is the painter's: the view changes it when the space changes,
// never per update.
import type { GridModel } from '../models/grid';

export interface GridPalette {
  cell: string;
  line: string;
  accent: string;
}

/** Black or white, whichever reads better on `color` (a canvas-normalised #rrggbb or rgba()). */
export function textColorOn(color: string): string {
  let r = 255;
  let g = 255;
  let b = 255;
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(color);
  const rgb = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/i.exec(color);
  if (hex) [r, g, b] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  else if (rgb) [r, g, b] = [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? '#111111' : '#ffffff';
}

/** Distinct colours whose canvas form is remembered (a hero may send endless ones: start over past this). */
const MAX_REMEMBERED_COLOURS = 4096;
/** What `fills` keeps for a colour the canvas refuses. */
const INVALID = '';

export class GridPainter {
  private readonly ctx: CanvasRenderingContext2D | null;
  /**
   * A hero's colour → the canvas's own form of it ('#rrggbb' or 'rgba(…)'),
   * or INVALID. Parsing a CSS colour is most of what painting a cell costs;
   * the canvas form parses fastest, and each colour is parsed in full once.
   */
  private readonly fills = new Map<string, string>();
  private width = 0;
  private height = 0;
  private left = 0;
  private top = 0;
  active = -1;
  focused = false;
  /** Whether any cell has shown text (text needs bigger cells); set once seen. */
  sawText: boolean;

  constructor(
    private readonly model: GridModel,
    private readonly canvas: HTMLCanvasElement,
    private readonly scroller: HTMLElement,
    public cell: number,
    private readonly palette: () => GridPalette,
    /** Called the first time a cell with text is painted. */
    private readonly onText: () => void = () => {},
  ) {
    this.ctx = canvas.getContext('2d');
    // Once per mount, not per update: the journal tells about later texts.
    this.sawText = model.texts.some((text) => text !== null);
  }

  /** Fit the canvas to the visible part of the grid, then repaint it. */
  resize(): void {
    const fullWidth = this.model.columns * this.cell + 1;
    const fullHeight = this.model.rows * this.cell + 1;
    this.width = Math.max(1, Math.min(fullWidth, this.scroller.clientWidth || fullWidth));
    this.height = Math.max(1, Math.min(fullHeight, this.scroller.clientHeight || fullHeight));
    const ratio = window.devicePixelRatio || 1;
    this.canvas.style.width = `${this.width}px`;
    this.canvas.style.height = `${this.height}px`;
    this.canvas.width = Math.round(this.width * ratio);
    this.canvas.height = Math.round(this.height * ratio);
    this.ctx?.setTransform(ratio, 0, 0, ratio, 0, 0);
    this.full();
  }

  /** Repaint every visible cell (after a scroll, a resize or a `clear`). */
  full(): void {
    const ctx = this.ctx;
    this.left = this.scroller.scrollLeft;
    this.top = this.scroller.scrollTop;
    this.model.takeChanges();
    if (!ctx) return;
    const { line } = this.palette();
    ctx.fillStyle = line;
    ctx.fillRect(0, 0, this.width, this.height);
    const { columns, rows } = this.model;
    const firstColumn = Math.floor(this.left / this.cell);
    const lastColumn = Math.min(columns - 1, Math.floor((this.left + this.width) / this.cell));
    const firstRow = Math.floor(this.top / this.cell);
    const lastRow = Math.min(rows - 1, Math.floor((this.top + this.height) / this.cell));
    for (let y = firstRow; y <= lastRow; y++) {
      for (let x = firstColumn; x <= lastColumn; x++) this.paintCell(y * columns + x);
    }
  }

  /** Paint what changed since the last call: the model's dirty cells that are in view. */
  update(): void {
    const changes = this.model.takeChanges();
    if (changes === 'all' || this.scroller.scrollLeft !== this.left || this.scroller.scrollTop !== this.top) return this.full();
    for (const index of changes) this.paintCell(index);
  }

  /** Move the keyboard cursor, repainting the old and new cells. */
  setActive(index: number): void {
    const previous = this.active;
    this.active = index;
    if (previous >= 0) this.paintCell(previous);
    this.paintCell(index);
  }

  /** The cell index under a point in client coordinates, or -1. */
  cellAt(clientX: number, clientY: number): number {
    const box = this.canvas.getBoundingClientRect();
    const x = Math.floor((clientX - box.left + this.scroller.scrollLeft) / this.cell);
    const y = Math.floor((clientY - box.top + this.scroller.scrollTop) / this.cell);
    if (x < 0 || y < 0 || x >= this.model.columns || y >= this.model.rows) return -1;
    return y * this.model.columns + x;
  }

  private paintCell(index: number): void {
    const text = this.model.texts[index];
    if (text && !this.sawText) {
      this.sawText = true;
      this.onText();
    }
    const ctx = this.ctx;
    if (!ctx) return;
    const { columns } = this.model;
    const size = this.cell;
    const x = (index % columns) * size - this.left;
    const y = Math.floor(index / columns) * size - this.top;
    if (x + size < 0 || y + size < 0 || x > this.width || y > this.height) return;
    const palette = this.palette();
    const color = this.model.colors[index];
    // An invalid CSS colour leaves the cell blank.
    const fill = (color && this.fillFor(ctx, color)) || palette.cell;
    ctx.fillStyle = fill;
    ctx.fillRect(x + 1, y + 1, size - 1, size - 1);
    if (this.focused && index === this.active) {
      ctx.strokeStyle = palette.accent;
      ctx.lineWidth = 2;
      ctx.strokeRect(x + 2, y + 2, size - 3, size - 3);
    }
    if (text) {
      ctx.fillStyle = textColorOn(fill);
      ctx.font = `${Math.round(size * 0.55)}px system-ui, sans-serif`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(text, x + (size + 1) / 2, y + (size + 1) / 2, size - 4);
    }
  }

  /** The canvas form of `color`, or INVALID when the canvas refuses it. */
  private fillFor(ctx: CanvasRenderingContext2D, color: string): string {
    let fill = this.fills.get(color);
    if (fill !== undefined) return fill;
    // A refused colour leaves fillStyle as it was: try from two different ones to tell.
    ctx.fillStyle = '#000000';
    ctx.fillStyle = color;
    fill = String(ctx.fillStyle);
    if (fill === '#000000') {
      ctx.fillStyle = '#ffffff';
      ctx.fillStyle = color;
      if (String(ctx.fillStyle) === '#ffffff') fill = INVALID;
    }
    if (this.fills.size >= MAX_REMEMBERED_COLOURS) this.fills.clear();
    this.fills.set(color, fill);
    return fill;
  }
}
