// grid: cells in flat arrays updated in place; the view patches only the
// cells listed in `dirty` (style.md: never copy a grid per cell).
import { CommandError } from '../protocol/read';
import { LimitError, LIMITS } from '../store/limits';
import type { Model, ModelFactory, ModelUpdate } from './model';

/** Guard against a hero asking for more cells than a page can hold. */
export const MAX_GRID_CELLS = LIMITS.gridCells;

export class GridModel implements Model<ModelUpdate<'grid'>> {
  readonly colors: (string | null)[];
  readonly texts: (string | null)[];
  /** Cell indexes changed since the view last drained (may repeat). */
  dirty: number[] = [];
  /** When true the view repaints every cell and ignores `dirty`. */
  allDirty = true;

  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    this.colors = new Array<string | null>(columns * rows).fill(null);
    this.texts = new Array<string | null>(columns * rows).fill(null);
  }

  apply(update: ModelUpdate<'grid'>): void {
    switch (update.action) {
      case 'setColor': {
        const cell = this.cell(update.options);
        this.colors[cell] = update.options.color;
        return this.mark(cell);
      }
      case 'setText': {
        const cell = this.cell(update.options);
        const text = update.options.text;
        this.texts[cell] = text === '' ? null : text;
        return this.mark(cell);
      }
      case 'clearCell': {
        const cell = this.cell(update.options);
        this.colors[cell] = null;
        this.texts[cell] = null;
        return this.mark(cell);
      }
      case 'clear':
        this.colors.fill(null);
        this.texts.fill(null);
        this.allDirty = true;
        this.dirty = [];
        return;
    }
  }

  private cell({ x, y }: { x: number; y: number }): number {
    if (x < 0 || x >= this.columns || y < 0 || y >= this.rows) {
      throw new CommandError(`cell (${x}, ${y}) is outside the ${this.columns}x${this.rows} grid`);
    }
    return y * this.columns + x;
  }

  private mark(cell: number): void {
    if (this.allDirty) return;
    this.dirty.push(cell);
    // Many more changes than cells: a full repaint is cheaper than the list.
    if (this.dirty.length > this.colors.length) {
      this.allDirty = true;
      this.dirty = [];
    }
  }
}

export const gridFactory: ModelFactory<'grid'> = {
  create({ numColumns: columns, numRows: rows }, { id, budget }) {
    if (columns * rows > MAX_GRID_CELLS) {
      throw new LimitError(`a grid of ${columns}x${rows} is larger than ${MAX_GRID_CELLS} cells`);
    }
    budget.take(id, 'gridCells', columns * rows);
    return new GridModel(columns, rows);
  },
};
