// @vitest-environment node
// The painted components in Debian's Chromium, served by the real local
// server, driven by a scripted hero: the console and the grid's colours and
// text, every canvas action (buffers, default colours, line widths, HiDPI, a
// memory budget), and a large grid reached by mouse and keyboard.
import { describe, expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT_MS, isError, isEvent, msg, panelSessions, useServerAndBrowser } from './harness';
import { eventually, gridCellColor, gridCellInk, gridCellPoint, pixel } from './pixels';

const parts = useServerAndBrowser();
const openSession = panelSessions(parts, 'paint-test').open;

describe('grid, console and canvas in Chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  it('console appends and clears; grid colours, text, clearCell and clear', async () => {
    const { hero, page } = await openSession();
    hero.sendAll([
      msg.spawn('console', 'out', { showInput: false }),
      msg.update('console', 'out', 'append', { text: 'a\n' }),
      msg.update('console', 'out', 'append', { text: 'b\n' }),
      msg.spawn('grid', 'g', { numColumns: 3, numRows: 3 }),
      msg.update('grid', 'g', 'setColor', { x: 0, y: 0, color: 'rgb(255, 0, 0)' }),
      msg.update('grid', 'g', 'setColor', { x: 2, y: 2, color: '#00ff00' }),
      msg.update('grid', 'g', 'setText', { x: 1, y: 1, text: 'X' }),
    ]);
    const output = page.locator('[data-sk-id="out"] pre');
    await eventually(() => output.textContent(), 'a\nb\n', 'console text');
    expect(await page.locator('[data-sk-id="out"] input').count()).toBe(0);
    const color = (x: number, y: number) => gridCellColor(page, 'g', x, y);
    const white = [255, 255, 255, 255];
    await eventually(() => color(2, 2), [0, 255, 0, 255], 'cell (2,2) colour');
    expect(await color(0, 0)).toEqual([255, 0, 0, 255]);
    expect(await color(1, 0)).toEqual(white);
    expect(await gridCellInk(page, 'g', 1, 1)).toBeGreaterThan(5);
    expect(await gridCellInk(page, 'g', 1, 0)).toBe(0);
    // Colours the painter remembers in the canvas's own form: black, any CSS form, and refused ones (blank, twice).
    hero.sendAll([
      msg.update('grid', 'g', 'setColor', { x: 0, y: 1, color: '#000000' }),
      msg.update('grid', 'g', 'setColor', { x: 1, y: 2, color: 'hsl(240 100% 50%)' }),
      msg.update('grid', 'g', 'setColor', { x: 2, y: 1, color: 'not a colour' }),
      msg.update('grid', 'g', 'setColor', { x: 2, y: 0, color: 'rgb(255, 0, 0)' }),
      msg.update('grid', 'g', 'setColor', { x: 2, y: 0, color: 'not a colour' }),
    ]);
    await eventually(() => color(1, 2), [0, 0, 255, 255], 'an hsl() colour');
    expect(await color(0, 1)).toEqual([0, 0, 0, 255]);
    expect(await color(2, 1)).toEqual(white);
    expect(await color(2, 0)).toEqual(white);
    hero.sendAll([
      msg.update('console', 'out', 'clear'),
      msg.update('console', 'out', 'append', { text: 'c' }),
      msg.update('grid', 'g', 'clearCell', { x: 0, y: 0 }),
      msg.update('grid', 'g', 'setText', { x: 1, y: 1, text: '' }),
    ]);
    await eventually(() => output.textContent(), 'c', 'console after clear');
    await eventually(() => gridCellInk(page, 'g', 1, 1), 0, 'cleared text');
    expect(await color(0, 0)).toEqual(white);
    hero.send(msg.update('grid', 'g', 'clear'));
    await eventually(() => color(2, 2), white, 'grid clear');
    await page.close();
  });

  it('draws every canvas action, including offscreen buffers and early draws', async () => {
    const { hero, page } = await openSession();
    const draw = (action: string, options: Record<string, unknown>) => msg.update('canvas', 'c', action, options);
    // Everything in one burst right after the spawn: nothing may be lost before the element mounts.
    hero.sendAll([
      msg.spawn('canvas', 'c', { width: 300, height: 200 }),
      draw('drawRect', { x: 10, y: 10, width: 20, height: 20, fillColor: 'rgb(255, 0, 0)', lineColor: 'rgb(255, 0, 0)' }),
      draw('drawCircle', { cx: 100, cy: 50, radius: 10, fillColor: 'rgb(0, 0, 255)', lineColor: 'rgb(0, 0, 255)' }),
      draw('drawEllipse', { cx: 200, cy: 50, radiusX: 20, radiusY: 8, fillColor: 'rgb(0, 128, 0)' }),
      draw('drawLine', { x1: 0, y1: 100, x2: 300, y2: 100, lineColor: 'rgb(255, 0, 255)', lineWidth: 4 }),
      draw('drawPolyline', { points: [{ x: 10, y: 150 }, { x: 50, y: 150 }, { x: 50, y: 190 }], lineColor: 'rgb(0, 255, 255)', lineWidth: 3 }),
      draw('drawPolygon', { points: [{ x: 100, y: 140 }, { x: 140, y: 140 }, { x: 120, y: 180 }], fillColor: 'rgb(255, 255, 0)', lineColor: 'rgb(255, 255, 0)' }),
      draw('drawText', { x: 200, y: 170, text: 'Hi', textColor: 'rgb(0, 0, 0)', textSize: 30 }),
    ]);
    await page.locator('[data-sk-id="c"] canvas').waitFor();
    await eventually(() => pixel(page, 'c', 120, 160), [255, 255, 0, 255], 'polygon fill');
    expect(await pixel(page, 'c', 20, 20)).toEqual([255, 0, 0, 255]);
    expect(await pixel(page, 'c', 100, 50)).toEqual([0, 0, 255, 255]);
    expect(await pixel(page, 'c', 200, 50)).toEqual([0, 128, 0, 255]);
    expect(await pixel(page, 'c', 150, 100)).toEqual([255, 0, 255, 255]);
    expect(await pixel(page, 'c', 30, 150)).toEqual([0, 255, 255, 255]);
    const textInk = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-sk-id="c"] canvas')!;
      const data = canvas.getContext('2d')!.getImageData(195, 140, 60, 35).data;
      let ink = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) ink++;
      return ink;
    });
    expect(textInk).toBeGreaterThan(20);

    // Double buffering: draw offscreen, then clear + drawBuffer onto the visible canvas.
    hero.sendAll([
      draw('createBuffer', { bufferId: 1 }),
      draw('drawRect', { bufferId: 1, x: 250, y: 150, width: 20, height: 20, fillColor: 'rgb(10, 20, 30)', lineColor: 'rgb(10, 20, 30)' }),
    ]);
    await eventually(() => pixel(page, 'c', 260, 160), [0, 0, 0, 0], 'buffer drawing stays offscreen');
    hero.sendAll([draw('clear', {}), draw('drawBuffer', { sourceBufferId: 1, targetBufferId: 0 })]);
    await eventually(() => pixel(page, 'c', 260, 160), [10, 20, 30, 255], 'buffer copied to the visible canvas');
    expect(await pixel(page, 'c', 20, 20)).toEqual([0, 0, 0, 0]);
    hero.sendAll([draw('clear', { bufferId: 1 }), draw('drawBuffer', { sourceBufferId: 1, targetBufferId: 0 })]);
    hero.send(draw('destroyBuffer', { bufferId: 1 }));
    hero.send(draw('drawLine', { bufferId: 1, x1: 0, y1: 0, x2: 1, y2: 1 }));
    const error = await hero.waitFor(isError('c'), 'error for a destroyed buffer');
    expect(error).toMatchObject({ component: 'canvas', payload: { message: expect.stringContaining('buffer 1') } });
    await page.close();
  });

  it('draws with the default colours, not the last ones used, when a colour is not a CSS colour', async () => {
    const { hero, page } = await openSession();
    const draw = (action: string, options: Record<string, unknown>) => msg.update('canvas', 'k', action, options);
    hero.sendAll([
      msg.spawn('canvas', 'k', { width: 100, height: 100 }),
      draw('drawRect', { x: 10, y: 10, width: 20, height: 20, fillColor: 'rgb(255, 0, 0)', lineColor: 'rgb(255, 0, 0)', lineWidth: 4 }),
      draw('drawRect', { x: 50, y: 10, width: 20, height: 20, fillColor: 'bleu', lineColor: 'gren', lineWidth: 4 }),
      draw('drawText', { x: 10, y: 90, text: '██', textColor: 'nope', textSize: 30 }),
    ]);
    await page.locator('[data-sk-id="k"] canvas').waitFor();
    await eventually(() => pixel(page, 'k', 20, 20), [255, 0, 0, 255], 'the first rectangle');
    expect(await pixel(page, 'k', 60, 20)).toEqual([0, 0, 0, 0]); // no fill
    expect(await pixel(page, 'k', 50, 20)).toEqual([0, 0, 0, 255]); // the default black outline
    expect(await pixel(page, 'k', 20, 80)).toEqual([0, 0, 0, 255]); // default black text
    await page.close();
  });

  it('draws a shape with lineWidth 0 without an outline, even after a thick one (sidekick-py 0.0.7 line_width=0)', async () => {
    const { hero, page } = await openSession();
    const draw = (action: string, options: Record<string, unknown>) => msg.update('canvas', 'w', action, options);
    hero.sendAll([
      msg.spawn('canvas', 'w', { width: 100, height: 100 }),
      draw('drawRect', { x: 10, y: 10, width: 20, height: 20, lineColor: 'rgb(255, 0, 0)', lineWidth: 6 }),
      draw('drawRect', { x: 50, y: 10, width: 20, height: 20, fillColor: 'rgb(0, 128, 0)', lineWidth: 0 }),
      draw('drawCircle', { cx: 30, cy: 70, radius: 15, fillColor: 'rgb(0, 0, 255)', lineWidth: 0 }),
    ]);
    await page.locator('[data-sk-id="w"] canvas').waitFor();
    await eventually(() => pixel(page, 'w', 60, 20), [0, 128, 0, 255], 'the filled rectangle');
    expect(await pixel(page, 'w', 10, 20)).toEqual([255, 0, 0, 255]); // the first one's thick outline
    // A 6-pixel outline would reach 3 pixels outside the edge of the second rectangle and the circle.
    expect(await pixel(page, 'w', 48, 20)).toEqual([0, 0, 0, 0]);
    expect(await pixel(page, 'w', 13, 70)).toEqual([0, 0, 0, 0]);
    expect(await pixel(page, 'w', 30, 70)).toEqual([0, 0, 255, 255]);
    expect(hero.received.filter((m) => m.type === 'error')).toEqual([]);
    await page.close();
  });

  it('keeps a huge canvas within a memory budget on a HiDPI screen, and it still draws', async () => {
    const { hero, page } = await openSession(2);
    hero.sendAll([
      msg.spawn('canvas', 'huge', { width: 8000, height: 6000 }),
      msg.update('canvas', 'huge', 'drawRect', { x: 0, y: 0, width: 8000, height: 6000, fillColor: 'rgb(0, 200, 0)' }),
    ]);
    const canvas = page.locator('[data-sk-id="huge"] canvas');
    await canvas.waitFor();
    const backing = await canvas.evaluate((element: HTMLCanvasElement) => element.width * element.height);
    expect(backing).toBeLessThanOrEqual(4096 * 4096 * 1.01); // not 8000 x 6000 x 4 device pixels
    await eventually(() => canvas.evaluate((element: HTMLCanvasElement) => Array.from(element.getContext('2d')!.getImageData(100, 100, 1, 1).data)), [0, 200, 0, 255], 'the fill');
    await page.close();
  });

  it('draws canvases crisply on a HiDPI screen and still reports canvas pixels', async () => {
    const { hero, page } = await openSession(2);
    hero.sendAll([
      msg.spawn('canvas', 'hi', { width: 100, height: 50 }),
      msg.update('canvas', 'hi', 'createBuffer', { bufferId: 1 }),
      msg.update('canvas', 'hi', 'drawRect', { bufferId: 1, x: 60, y: 20, width: 10, height: 10, fillColor: 'rgb(200, 0, 0)', lineColor: 'rgb(200, 0, 0)' }),
      msg.update('canvas', 'hi', 'drawBuffer', { sourceBufferId: 1, targetBufferId: 0 }),
    ]);
    const canvas = page.locator('[data-sk-id="hi"] canvas');
    await canvas.waitFor();
    expect(await canvas.evaluate((c: HTMLCanvasElement) => [c.width, c.height, c.clientWidth])).toEqual([200, 100, 100]);
    // Canvas pixel (65, 25) is device pixel (130, 50).
    await eventually(() => pixel(page, 'hi', 130, 50), [200, 0, 0, 255], 'buffer drawn at device resolution');
    await canvas.click({ position: { x: 65, y: 25 } });
    const click = (await hero.waitFor(isEvent('hi'), 'canvas click')).payload as { x: number; y: number };
    expect(Math.abs(click.x - 65)).toBeLessThanOrEqual(1);
    expect(Math.abs(click.y - 25)).toBeLessThanOrEqual(1);
    await page.close();
  });

  it('fits a large grid on the page and reaches every cell by mouse and keyboard', async () => {
    const { hero, page } = await openSession();
    hero.sendAll([msg.spawn('grid', 'big', { numColumns: 100, numRows: 100 }), msg.update('grid', 'big', 'setColor', { x: 99, y: 99, color: 'rgb(0, 0, 255)' })]);
    const grid = page.locator('[data-sk-id="big"]');
    await grid.locator('canvas').waitFor();
    const box = (await grid.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(1280); // it shrinks (or scrolls) instead of overflowing the page
    const point = await gridCellPoint(page, 'big', 99, 99);
    await eventually(() => gridCellColor(page, 'big', 99, 99), [0, 0, 255, 255], 'last cell painted after scrolling to it');
    await page.mouse.click(point.clientX, point.clientY);
    expect((await hero.waitFor(isEvent('big'), 'click on the last cell')).payload).toEqual({ event: 'click', x: 99, y: 99 });
    expect(await gridCellColor(page, 'big', 99, 99, 'edge')).toEqual([0, 0, 255, 255]); // no keyboard cursor after a mouse click
    // Keyboard: focus the grid, move from (99, 99) and press Enter.
    await grid.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowUp');
    const accent = await page.evaluate(() => {
      const probe = document.createElement('canvas').getContext('2d')!;
      const span = document.body.appendChild(document.createElement('span'));
      span.style.color = 'var(--sk-focus)';
      probe.fillStyle = getComputedStyle(span).color;
      probe.fillRect(0, 0, 1, 1);
      return Array.from(probe.getImageData(0, 0, 1, 1).data);
    });
    await eventually(() => gridCellColor(page, 'big', 98, 98, 'edge'), accent, 'keyboard cursor drawn on the cell it moved to');
    const pressed = hero.next(isEvent('big'), 'keyboard click');
    await page.keyboard.press('Enter');
    expect((await pressed).payload).toEqual({ event: 'click', x: 98, y: 98 });
    await page.close();
  });
});
