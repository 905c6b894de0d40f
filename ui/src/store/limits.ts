// How much one tab lets a hero make it hold (issue 14 "the tab bounds
// itself"). Each limit refused is a protocol `error` to the hero and a visible
// note in the panel; the tab keeps going. docs/ui.md lists them.
import { CommandError } from '../messages/commandError';

export const LIMITS = Object.freeze({
  /** Cells in one grid. */
  gridCells: 250_000,
  /** Cells in all grids of the panel together. */
  totalGridCells: 1_000_000,
  /** Longest side of a canvas, in pixels. */
  canvasSide: 8192,
  /** Offscreen buffers one canvas may hold at once. */
  canvasBuffers: 32,
  /**
   * Device pixels of all canvases and their buffers together (4 bytes each:
   * 256 MiB). Each counts as it may be backed on a 2x screen, at most
   * canvas/surface.ts MAX_BACKING_PIXELS (a huge canvas gives up sharpness).
   */
  totalCanvasPixels: 64 * 1024 * 1024,
  /** Children of one row or column (the root column included). */
  childrenPerContainer: 10_000,
  /** Bytes of messages waiting in the store for the next frame. */
  queuedBytes: 16 * 1024 * 1024,
});

/** A command refused because it would pass one of LIMITS: also shown in the panel. */
export class LimitError extends CommandError {}

export type Resource = 'gridCells' | 'canvasPixels';

const CAPS: Record<Resource, number> = { gridCells: LIMITS.totalGridCells, canvasPixels: LIMITS.totalCanvasPixels };
const NAMES: Record<Resource, string> = { gridCells: 'grid cells', canvasPixels: 'canvas pixels' };

/**
 * Panel-wide totals, charged to the instance that holds them so a remove or
 * clearAll gives them back.
 */
export class Budget {
  private readonly used: Record<Resource, number> = { gridCells: 0, canvasPixels: 0 };
  private readonly held = new Map<string, Record<Resource, number>>();

  /** Charge `amount` of `resource` to `owner`, or throw LimitError (charging nothing). */
  take(owner: string, resource: Resource, amount: number): void {
    if (this.used[resource] + amount > CAPS[resource]) {
      throw new LimitError(
        `the panel holds at most ${CAPS[resource]} ${NAMES[resource]} in all (${this.used[resource]} in use, ${amount} asked for)`,
      );
    }
    this.used[resource] += amount;
    let mine = this.held.get(owner);
    if (!mine) this.held.set(owner, (mine = { gridCells: 0, canvasPixels: 0 }));
    mine[resource] += amount;
  }

  /** Give back part of what `owner` holds (e.g. a destroyed canvas buffer). */
  give(owner: string, resource: Resource, amount: number): void {
    const mine = this.held.get(owner);
    if (!mine) return;
    const back = Math.min(amount, mine[resource]);
    mine[resource] -= back;
    this.used[resource] -= back;
  }

  /** Give back everything `owner` holds (it was removed). */
  release(owner: string): void {
    const mine = this.held.get(owner);
    if (!mine) return;
    this.used.gridCells -= mine.gridCells;
    this.used.canvasPixels -= mine.canvasPixels;
    this.held.delete(owner);
  }

  inUse(resource: Resource): number {
    return this.used[resource];
  }
}
