// grid: cells in flat arrays updated in place; the model journals which cells
// changed and the painter drains that journal each frame, so it repaints only
// those (style.md: never copy a grid per cell). The painter keeps its own state.
import { CommandError } from '../messages/commandError';
import { LimitError, LIMITS } from '../store/limits';
import type { Model, ModelFactory, ModelUpdate } from './model';

/** Guard against a hero asking for more cells than a page can hold. */
export const MAX_GRID_CELLS = LIMITS.gridCells;

export class GridModel implements Model<ModelUpdate<'grid'>> {
  readonly colors: (string | null)[];
  readonly texts: (string | null)[];
  /** Cell indexes changed since the last takeChanges (may repeat). */
  private changed: number[] = [];
  /** Everything changed (a clear, or more changes than cells): the list is not kept. */
  private everything = true;

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
        this.everything = true;
        this.changed = [];
        return;
    }
  }

  /** What changed since the last call: cell indexes, or 'all'; drained by the painter. */
  takeChanges(): readonly number[] | 'all' {
    const result = this.everything ? 'all' : this.changed;
    this.everything = false;
    this.changed = [];
    return result;
  }

  private cell({ x, y }: { x: number; y: number }): number {
    if (x < 0 || x >= this.columns || y < 0 || y >= this.rows) {
      throw new CommandError(`cell (${x}, ${y}) is outside the ${this.columns}x${this.rows} grid`);
    }
    return y * this.columns + x;
  }

  private mark(cell: number): void {
    if (this.everything) return;
    this.changed.push(cell);
    // Many more changes than cells: a full repaint is cheaper than the list.
    if (this.changed.length > this.colors.length) {
      this.everything = true;
      this.changed = [];
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
