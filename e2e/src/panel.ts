// What a person sees in the Sidekick panel, read from the page: components
// are found by their instance id (the UI marks each with data-sk-id).
import type { Browser, Locator, Page } from 'playwright-core';
import { decodePng, hexColor, type Image, near, pixelAt, type Rgb } from './png.js';

export const VIEWPORT = { width: 1280, height: 1000 };

export async function openPanel(browser: Browser, url: string, viewport = VIEWPORT): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(url);
  return page;
}

export function component(page: Page, id: string): Locator {
  return page.locator(`[data-sk-id="${id}"]`);
}

/** The text of the status bar's parts ("Connected", "Hero online", "input paused until the program is back"). */
export function statusPart(page: Page, part: 'connection' | 'hero' | 'session' | 'input'): Locator {
  return page.locator(`[data-sk-status="${part}"]`);
}

/** A grid as it looks on screen: the UI paints it on one canvas. */
export interface GridSnapshot {
  columns: number;
  rows: number;
  /** Cell size in CSS pixels (the canvas has a 1 px line between cells). */
  size: number;
  image: Image;
}

export async function gridSnapshot(page: Page, gridId: string): Promise<GridSnapshot> {
  const grid = component(page, gridId);
  const [columns, rows, size] = await grid.evaluate((element) => [
    Number(element.getAttribute('data-sk-columns')),
    Number(element.getAttribute('data-sk-rows')),
    Number(element.getAttribute('data-sk-cell')),
  ]);
  const image = decodePng(await grid.locator('canvas').screenshot());
  return { columns: columns ?? 0, rows: rows ?? 0, size: size ?? 0, image };
}

/** A cell's fill colour, sampled near its top-left corner (away from text and the focus ring). */
export function cellColor(shot: GridSnapshot, x: number, y: number): Rgb {
  return pixelAt(shot.image, x * shot.size + 6, y * shot.size + 6);
}

/** Whether a cell shows text: pixels in its middle that differ from its fill. */
export function cellHasText(shot: GridSnapshot, x: number, y: number): boolean {
  const fill = cellColor(shot, x, y);
  const from = Math.round(shot.size * 0.3);
  const to = Math.round(shot.size * 0.7);
  let differing = 0;
  for (let dy = from; dy < to; dy++) {
    for (let dx = from; dx < to; dx++) {
      if (!near(pixelAt(shot.image, x * shot.size + dx, y * shot.size + dy), fill, 60)) differing++;
    }
  }
  return differing >= 4;
}

/** Every cell whose colour is near `hex`, as [x, y] pairs. */
export function cellsColored(shot: GridSnapshot, hex: string): [number, number][] {
  const want = hexColor(hex);
  const found: [number, number][] = [];
  for (let y = 0; y < shot.rows; y++) {
    for (let x = 0; x < shot.columns; x++) if (near(cellColor(shot, x, y), want)) found.push([x, y]);
  }
  return found;
}

/** Click the middle of a grid cell, as a person would. */
export async function clickGridCell(page: Page, gridId: string, x: number, y: number): Promise<void> {
  const grid = component(page, gridId);
  const size = Number(await grid.getAttribute('data-sk-cell'));
  await grid.locator('canvas').click({ position: { x: x * size + size / 2, y: y * size + size / 2 } });
}

export async function consoleText(page: Page, consoleId: string): Promise<string> {
  return (await component(page, consoleId).locator('.sk-console-output').textContent()) ?? '';
}

/** Type a line into a console's input and send it with Enter. */
export async function typeInConsole(page: Page, consoleId: string, text: string): Promise<void> {
  const input = component(page, consoleId).locator('input');
  await input.fill(text);
  await input.press('Enter');
}

export function canvasElement(page: Page, canvasId: string): Locator {
  return component(page, canvasId).locator('canvas');
}

/** A screenshot of the canvas element as shown on screen (1 canvas px = 1 CSS px here). */
export async function canvasScreenshot(page: Page, canvasId: string): Promise<Image> {
  return decodePng(await canvasElement(page, canvasId).screenshot());
}

/** Click a canvas at canvas pixel (x, y). */
export async function clickCanvas(page: Page, canvasId: string, x: number, y: number): Promise<void> {
  await canvasElement(page, canvasId).click({ position: { x, y } });
}

/** The Viz tree's visible lines, each "key type value" (e.g. `0 int 5`, `numbers list 9 items`). */
export async function vizLines(page: Page, vizId: string): Promise<string[]> {
  return component(page, vizId)
    .locator('.sk-viz-line')
    .evaluateAll((lines) =>
      lines.map((line) =>
        ['.sk-viz-key', '.sk-viz-type', '.sk-viz-value']
          .map((part) => (line.querySelector(part)?.textContent ?? '').trim())
          .filter((text) => text !== '')
          .join(' '),
      ),
    );
}
