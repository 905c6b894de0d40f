// How big a grid's cells are: as big as the space allows (square, up to a
// roomy size), down to a floor that keeps text readable (or, without text,
// keeps a cell clickable); only below that floor does the grid scroll.

/** Largest cell in px: roomy for small grids, less so for big ones. */
export function maxCell(columns: number): number {
  if (columns <= 12) return 40;
  if (columns <= 30) return 30;
  return 24;
}

/** Smallest cell that still shows its text legibly. */
export const MIN_TEXT_CELL = 14;
/** Smallest cell when no cell shows text: a 100x100 grid fits a 600 px side panel. */
export const MIN_PLAIN_CELL = 4;

/** The share of the window's height a grid may take before it scrolls inside its box. */
export const HEIGHT_SHARE = 0.75;

/**
 * The cell size (whole px) that fits `columns` x `rows` cells and their 1 px
 * lines into `width` x `height` px.
 */
export function fitCell(columns: number, rows: number, width: number, height: number, hasText: boolean): number {
  const fit = Math.floor(Math.min((width - 1) / columns, (height - 1) / rows));
  const floor = hasText ? MIN_TEXT_CELL : MIN_PLAIN_CELL;
  return Math.max(floor, Math.min(maxCell(columns), fit));
}
