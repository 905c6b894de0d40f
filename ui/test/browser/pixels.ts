// Reading what the panel painted: canvas pixels, grid cells, and waiting for
// a value the UI shows on a later frame.
import type { Page } from 'playwright-core';

/** RGBA of one pixel of a canvas component's visible canvas. */
export function pixel(page: Page, id: string, x: number, y: number): Promise<number[]> {
  return page.evaluate(
    ([id, x, y]) => {
      const canvas = document.querySelector<HTMLCanvasElement>(`[data-sk-id="${id}"] canvas`)!;
      return Array.from(canvas.getContext('2d')!.getImageData(x, y, 1, 1).data);
    },
    [id, x, y] as const,
  );
}

/** Scroll grid cell (x, y) into view; its centre in client coordinates. */
export function gridCellPoint(page: Page, id: string, x: number, y: number): Promise<{ clientX: number; clientY: number }> {
  return page.evaluate(
    ([id, x, y]) => {
      const box = document.querySelector<HTMLElement>(`[data-sk-id="${id}"]`)!;
      const size = Number(box.dataset.skCell);
      box.scrollLeft = Math.max(0, x * size - box.clientWidth / 2);
      box.scrollTop = Math.max(0, y * size - box.clientHeight / 2);
      const canvas = box.querySelector('canvas')!.getBoundingClientRect();
      return { clientX: canvas.left + x * size + size / 2 - box.scrollLeft, clientY: canvas.top + y * size + size / 2 - box.scrollTop };
    },
    [id, x, y] as const,
  );
}

/**
 * RGBA of grid cell (x, y) as painted on screen: near its top-left corner (away
 * from any text), or on its left edge, where the keyboard cursor's outline is drawn.
 */
export function gridCellColor(page: Page, id: string, x: number, y: number, at: 'corner' | 'edge' = 'corner'): Promise<number[]> {
  return page.evaluate(
    ([id, x, y, at]) => {
      const box = document.querySelector<HTMLElement>(`[data-sk-id="${id}"]`)!;
      const size = Number(box.dataset.skCell);
      const [dx, dy] = at === 'corner' ? [3, 3] : [2, size / 2];
      const canvas = box.querySelector('canvas')!;
      const ratio = canvas.width / canvas.clientWidth;
      const px = Math.floor((x * size + dx - box.scrollLeft) * ratio);
      const py = Math.floor((y * size + dy - box.scrollTop) * ratio);
      return Array.from(canvas.getContext('2d')!.getImageData(px, py, 1, 1).data);
    },
    [id, x, y, at] as const,
  );
}

/** Dark pixels (text ink) inside grid cell (x, y). */
export function gridCellInk(page: Page, id: string, x: number, y: number): Promise<number> {
  return page.evaluate(
    ([id, x, y]) => {
      const box = document.querySelector<HTMLElement>(`[data-sk-id="${id}"]`)!;
      const size = Number(box.dataset.skCell);
      const canvas = box.querySelector('canvas')!;
      const ratio = canvas.width / canvas.clientWidth;
      const data = canvas.getContext('2d')!.getImageData((x * size + 2 - box.scrollLeft) * ratio, (y * size + 2 - box.scrollTop) * ratio, (size - 3) * ratio, (size - 3) * ratio).data;
      let ink = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! + data[i + 1]! + data[i + 2]! < 300) ink++;
      return ink;
    },
    [id, x, y] as const,
  );
}

/** Wait until `read` returns `expected` (the UI applies messages on the next frame). */
export async function eventually<T>(read: () => Promise<T>, expected: T, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (JSON.stringify(last) === JSON.stringify(expected)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${what}: expected ${JSON.stringify(expected)}, last saw ${JSON.stringify(last)}`);
}
