// @vitest-environment node
// The panel on a phone, in a side panel and on a desktop (real Chromium, real
// server, scripted hero): a 25x25 grid and a 400x300 canvas fit whole, clicks
// land on the right cell and pixel at every scale and device pixel ratio, a
// 100x100 grid fits a 600 px panel, and rows wrap instead of scrolling the page.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MIN_TEXT_CELL } from '../../src/grid/fit';
import { BROWSER_TEST_TIMEOUT_MS, isEvent, msg, openPanelSession, useServerAndBrowser } from './harness';
import { gridCellColor } from './pixels';

const parts = useServerAndBrowser();
let sessions = 0;


const open = (viewport: { width: number; height: number }, deviceScaleFactor: number) =>
  openPanelSession(parts.browser, parts.server.url, `layout-${process.pid}-${++sessions}`, { viewport, deviceScaleFactor });

/** How an element sits in the window, after scrolling the page (not the element) to it. */
function placement(page: Page, id: string) {
  return page.evaluate((id) => {
    const element = document.querySelector<HTMLElement>(`[data-sk-id="${id}"]`)!;
    element.scrollIntoView({ block: 'start' });
    const box = element.getBoundingClientRect();
    return {
      left: box.left,
      top: box.top,
      right: box.right,
      bottom: box.bottom,
      innerWidth: window.innerWidth,
      innerHeight: window.innerHeight,
      scrollsInside: element.scrollWidth > element.clientWidth || element.scrollHeight > element.clientHeight,
      pageScrollsSideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
      cell: Number(element.dataset.skCell ?? 0),
    };
  }, id);
}

type Placement = Awaited<ReturnType<typeof placement>>;

function expectWhollyVisible(where: Placement, what: string): void {
  expect(where.left, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(where.top, `${what}: top edge`).toBeGreaterThanOrEqual(0);
  expect(where.right, `${what}: right edge`).toBeLessThanOrEqual(where.innerWidth);
  expect(where.bottom, `${what}: bottom edge`).toBeLessThanOrEqual(where.innerHeight);
  expect(where.pageScrollsSideways, `${what}: the page scrolls sideways`).toBe(false);
}

const SCREENS = [
  { name: 'phone 390x844 at DPR 3', viewport: { width: 390, height: 844 }, ratio: 3 },
  { name: 'side panel 600x800 at DPR 1', viewport: { width: 600, height: 800 }, ratio: 1 },
  { name: 'desktop 1920x1080 at DPR 2', viewport: { width: 1920, height: 1080 }, ratio: 2 },
];

describe.each(SCREENS)('on a $name', { timeout: BROWSER_TEST_TIMEOUT_MS }, ({ viewport, ratio }) => {
  it('shows a 25x25 grid whole, and a click on its bottom-right cell reaches the hero as (24, 24)', async () => {
    const { hero, page, close } = await open(viewport, ratio);
    try {
      hero.sendAll([msg.spawn('grid', 'life', { numColumns: 25, numRows: 25 }), msg.update('grid', 'life', 'setColor', { x: 24, y: 24, color: 'rgb(200, 0, 0)' })]);
      await page.locator('[data-sk-id="life"] canvas').waitFor();
      await expect.poll(() => gridCellColor(page, 'life', 24, 24, 'edge')).toEqual([200, 0, 0, 255]);
      const where = await placement(page, 'life');
      expectWhollyVisible(where, 'grid');
      expect(where.scrollsInside, 'the grid scrolls inside its box').toBe(false);
      // The centre of cell (24, 24), measured from the canvas on screen.
      const point = await page.evaluate(() => {
        const box = document.querySelector<HTMLElement>('[data-sk-id="life"]')!;
        const canvas = box.querySelector('canvas')!.getBoundingClientRect();
        const size = Number(box.dataset.skCell);
        return { x: canvas.left + 24.5 * size, y: canvas.top + 24.5 * size };
      });
      await page.mouse.click(point.x, point.y);
      expect((await hero.waitFor(isEvent('life'), 'click on the last cell')).payload).toEqual({ event: 'click', x: 24, y: 24 });
    } finally {
      await close();
    }
  });

  it('shows a 400x300 canvas whole, keeping its shape, and maps a click to canvas pixels', async () => {
    const { hero, page, close } = await open(viewport, ratio);
    try {
      hero.send(msg.spawn('canvas', 'pic', { width: 400, height: 300 }));
      await page.locator('[data-sk-id="pic"] canvas').waitFor();
      const where = await placement(page, 'pic');
      expectWhollyVisible(where, 'canvas');
      const shown = await page.evaluate(() => {
        const canvas = document.querySelector<HTMLCanvasElement>('[data-sk-id="pic"] canvas')!.getBoundingClientRect();
        return { left: canvas.left, top: canvas.top, width: canvas.width, height: canvas.height };
      });
      expect(shown.width / shown.height).toBeCloseTo(4 / 3, 1);
      // Three quarters across and down: canvas pixel (300, 225) at any scale.
      await page.mouse.click(shown.left + shown.width * 0.75, shown.top + shown.height * 0.75);
      const click = (await hero.waitFor(isEvent('pic'), 'canvas click')).payload as { x: number; y: number };
      expect(Math.abs(click.x - 300)).toBeLessThanOrEqual(2);
      expect(Math.abs(click.y - 225)).toBeLessThanOrEqual(2);
    } finally {
      await close();
    }
  });
});

describe('narrow panels', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  it('fits a 100x100 grid whole in a 600 px panel, without sideways page scroll', async () => {
    const { hero, page, close } = await open({ width: 600, height: 800 }, 1);
    try {
      hero.sendAll([msg.spawn('grid', 'big', { numColumns: 100, numRows: 100 }), msg.update('grid', 'big', 'setColor', { x: 99, y: 99, color: 'rgb(0, 0, 255)' })]);
      await page.locator('[data-sk-id="big"] canvas').waitFor();
      await expect.poll(() => gridCellColor(page, 'big', 99, 99, 'edge')).toEqual([0, 0, 255, 255]);
      const where = await placement(page, 'big');
      expectWhollyVisible(where, '100x100 grid');
      expect(where.scrollsInside).toBe(false);
    } finally {
      await close();
    }
  });

  it('wraps a row of a grid, a canvas and buttons on a phone instead of widening the page', async () => {
    const { hero, page, close } = await open({ width: 390, height: 844 }, 2);
    try {
      hero.sendAll([
        msg.spawn('row', 'r'),
        msg.spawn('grid', 'g', { numColumns: 10, numRows: 10, parent: 'r' }),
        msg.spawn('canvas', 'c', { width: 300, height: 200, parent: 'r' }),
        msg.spawn('button', 'b1', { text: 'Start the game', parent: 'r' }),
        msg.spawn('button', 'b2', { text: 'Stop the game', parent: 'r' }),
      ]);
      await page.locator('[data-sk-id="b2"]').waitFor();
      await page.locator('[data-sk-id="c"] canvas').waitFor();
      for (const id of ['g', 'c', 'b1', 'b2']) expectWhollyVisible(await placement(page, id), id);
    } finally {
      await close();
    }
  });

  it('gives a grid that shows text cells big enough to read, shrinking no further', async () => {
    const { hero, page, close } = await open({ width: 600, height: 800 }, 1);
    try {
      hero.sendAll([msg.spawn('grid', 'words', { numColumns: 100, numRows: 100 }), msg.update('grid', 'words', 'setText', { x: 0, y: 0, text: 'A' })]);
      await page.locator('[data-sk-id="words"] canvas').waitFor();
      await expect.poll(async () => (await placement(page, 'words')).cell).toBe(MIN_TEXT_CELL);
      expect((await placement(page, 'words')).pageScrollsSideways).toBe(false);
    } finally {
      await close();
    }
  });
});
