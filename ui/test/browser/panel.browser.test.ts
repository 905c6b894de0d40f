// @vitest-environment node
// The built UI in Debian's Chromium, served by the real local server, driven
// by a scripted hero over the real relay: every component, every action,
// the events user interaction sends back, and the error replies.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT_MS, ensureBuilt, launchChromium, type Message, msg, type RunningServer, ScriptedHero, startServer } from './harness';

let server: RunningServer;
let browser: Browser;
const heroes: ScriptedHero[] = [];
let sessionCount = 0;

beforeAll(async () => {
  ensureBuilt();
  server = await startServer();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await Promise.all(heroes.map((h) => h.close()));
  await browser?.close();
  await server?.stop();
});

/** A hero in a fresh session and the panel page for it, both online. */
async function openSession(deviceScaleFactor = 1): Promise<{ hero: ScriptedHero; page: Page; session: string }> {
  const session = `ui-test-${process.pid}-${++sessionCount}`;
  const hero = await ScriptedHero.connect(server.url, session);
  heroes.push(hero);
  const page = await browser.newPage({ deviceScaleFactor });
  page.on('pageerror', (error) => console.error('[page error]', error));
  await page.goto(`${server.url}/session/${session}`);
  await hero.sidekickOnline();
  await page.getByText('Hero online').waitFor();
  hero.send(msg.clearAll());
  return { hero, page, session };
}

const isEvent = (src: string) => (m: Message) => m.type === 'event' && m.src === src;
const isError = (src: string) => (m: Message) => m.type === 'error' && m.src === src;

/** RGBA of one pixel of a canvas component's visible canvas. */
function pixel(page: Page, id: string, x: number, y: number): Promise<number[]> {
  return page.evaluate(
    ([id, x, y]) => {
      const canvas = document.querySelector<HTMLCanvasElement>(`[data-sk-id="${id}"] canvas`)!;
      return Array.from(canvas.getContext('2d')!.getImageData(x, y, 1, 1).data);
    },
    [id, x, y] as const,
  );
}

/** Scroll grid cell (x, y) into view; its centre in client coordinates. */
function gridCellPoint(page: Page, id: string, x: number, y: number): Promise<{ clientX: number; clientY: number }> {
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
function gridCellColor(page: Page, id: string, x: number, y: number, at: 'corner' | 'edge' = 'corner'): Promise<number[]> {
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
function gridCellInk(page: Page, id: string, x: number, y: number): Promise<number> {
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
async function eventually<T>(read: () => Promise<T>, expected: T, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (JSON.stringify(last) === JSON.stringify(expected)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${what}: expected ${JSON.stringify(expected)}, last saw ${JSON.stringify(last)}`);
}

describe('Sidekick UI in Chromium against the local server', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  it('joins /session/<id>, announces itself and shows the hero and session', async () => {
    const { hero, page, session } = await openSession();
    const online = await hero.sidekickOnline();
    expect(online).toMatchObject({ id: 0, component: 'system', type: 'announce', payload: { role: 'sidekick', status: 'online' } });
    expect(await page.locator('[data-sk-status="session"]').textContent()).toContain(session);
    expect(await page.locator('[data-sk-status="connection"]').textContent()).toBe('Connected');
    hero.announce('offline');
    await page.getByText('Hero offline').waitFor();
    await page.close();
    const offline = await hero.waitFor((m) => m.type === 'announce' && m.payload?.status === 'offline' && m.payload?.peerId === online.payload?.peerId, 'sidekick offline');
    expect(offline.payload).toMatchObject({ role: 'sidekick' });
  });

  it('says a malformed session id is not valid instead of retrying a connection the relay refuses', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}/session/not%20a%20session!`);
      const connection = page.locator('[data-sk-status="connection"]');
      await connection.getByText('not a valid session id').waitFor();
      expect(await connection.textContent()).toMatch(/^Disconnected \(not a valid session id/);
    } finally {
      await page.close();
    }
  });

  it('serves the default session on /', async () => {
    const hero = await ScriptedHero.connect(server.url, null);
    heroes.push(hero);
    const page = await browser.newPage();
    // Chromium reports a failed load (such as a missing favicon) as a console error.
    const failed: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') failed.push(message.text());
    });
    await page.goto(`${server.url}/`);
    await hero.sidekickOnline();
    hero.send(msg.spawn('label', 'hello', { text: 'default session' }));
    await page.locator('[data-sk-id="hello"]').getByText('default session').waitFor();
    expect(await page.locator('[data-sk-status="session"]').count()).toBe(0);
    expect(failed).toEqual([]); // e.g. no 404 for /favicon.ico in every learner's console
    await page.close();
  });

  it('lines up the text of a label, a button and a text box in a row', async () => {
    const { hero, page } = await openSession();
    hero.sendAll([
      msg.spawn('row', 'r'),
      msg.spawn('button', 'b', { text: 'Start', parent: 'r' }),
      msg.spawn('label', 'l', { text: 'Count: 0', parent: 'r' }),
      msg.spawn('textbox', 't', { value: 'typed', parent: 'r' }),
      msg.spawn('canvas', 'c', { width: 50, height: 80, parent: 'r' }),
    ]);
    await page.locator('[data-sk-id="c"] canvas').waitFor();
    const layout = await page.evaluate(() => {
      const textBottom = (id: string) => {
        const range = document.createRange();
        range.selectNodeContents(document.querySelector(`[data-sk-id="${id}"]`)!);
        return range.getBoundingClientRect().bottom;
      };
      const top = (id: string) => document.querySelector(`[data-sk-id="${id}"]`)!.getBoundingClientRect().top;
      return { button: textBottom('b'), label: textBottom('l'), rowTop: top('r'), canvasTop: top('c') };
    });
    expect(Math.abs(layout.label - layout.button)).toBeLessThan(2);
    expect(layout.canvasTop).toBe(layout.rowTop); // a box without text stays at the top of the row
    await page.close();
  });

  it('wraps long words instead of widening the page', async () => {
    const { hero, page } = await openSession();
    await page.setViewportSize({ width: 600, height: 600 });
    const long = `https://example.test/${'averylongword'.repeat(30)}`;
    hero.sendAll([
      msg.spawn('label', 'l', { text: long }),
      msg.spawn('button', 'b', { text: long }),
      msg.spawn('markdown', 'm', { text: `${long}\n\n\`\`\`\n${long}\n\`\`\`` }),
      msg.spawn('viz', 'v'),
      msg.update('viz', 'v', 'set', { path: [], valueRepresentation: { type: 'str', id: 's', value: long } }, { variableName: 'url' }),
    ]);
    await page.locator('[data-sk-id="v"] .sk-viz-value').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await page.close();
  });

  it('fits the status bar into a phone-width window', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 400 } });
    await page.goto(`${server.url}/session/${'3vQbA7xK9mPq2LrT8sWy4ZdEfGhJk1Nc'.repeat(2)}`);
    await page.getByText('Connected').waitFor();
    const layout = await page.evaluate(() => {
      const hero = document.querySelector('[data-sk-status="hero"]')!;
      return {
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        heroLines: hero.getClientRects().length === 1 && hero.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(hero).lineHeight),
      };
    });
    expect(layout).toEqual({ overflow: 0, heroLines: true });
    await page.close();
  });

  it('sets markdown tables, quotes and code blocks apart from the text around them', async () => {
    const { hero, page } = await openSession();
    hero.send(msg.spawn('markdown', 'md', { text: '> a quote\n\n```\ncode\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |' }));
    await page.locator('[data-sk-id="md"] td').first().waitFor();
    const styles = await page.evaluate(() => {
      const style = (selector: string) => getComputedStyle(document.querySelector(`[data-sk-id="md"] ${selector}`)!);
      return {
        quoteBorder: parseFloat(style('blockquote').borderLeftWidth) > 0,
        codePadding: parseFloat(style('pre').paddingLeft) > 0,
        cellBorder: parseFloat(style('td').borderLeftWidth) > 0,
        cellPadding: parseFloat(style('td').paddingLeft) > 0,
      };
    });
    expect(styles).toEqual({ quoteBorder: true, codePadding: true, cellBorder: true, cellPadding: true });
    await page.close();
  });

  it('renders text components, layout, changeParent and remove', async () => {
    const { hero, page } = await openSession();
    const el = (id: string) => page.locator(`[data-sk-id="${id}"]`);
    hero.sendAll([
      msg.spawn('label', 'l', { text: 'first' }),
      msg.spawn('markdown', 'md', { text: '## Heading\n\n- one\n- **two**' }),
      msg.spawn('row', 'row'),
      msg.spawn('column', 'col', { parent: 'row' }),
      msg.spawn('button', 'b1', { text: 'one', parent: 'col' }),
      msg.spawn('button', 'b2', { text: 'two', parent: 'col' }),
      msg.spawn('textbox', 't', { placeholder: 'your name', parent: 'row' }),
      msg.update('label', 'l', 'setText', { text: 'second' }),
      msg.update('markdown', 'md', 'setText', { text: '### Changed <img src=x onerror="window.__pwned=1">' }),
      msg.update('textbox', 't', 'setValue', { value: 'Ada' }),
      msg.update('textbox', 't', 'setPlaceholder', { placeholder: 'who?' }),
      msg.update('label', 'l', 'changeParent', { parent: 'col', insertBefore: 'b2' }),
    ]);
    await el('b2').waitFor();
    await eventually(() => el('l').textContent(), 'second', 'label text');
    expect(await el('md').locator('h3').textContent()).toBe('Changed ');
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await el('md').innerHTML()).not.toContain('onerror');
    expect(await el('t').inputValue()).toBe('Ada');
    expect(await el('t').getAttribute('placeholder')).toBe('who?');
    expect(await el('col').locator(':scope > *').evaluateAll((nodes) => nodes.map((n) => n.textContent))).toEqual(['one', 'second', 'two']);
    hero.send(msg.remove('row', 'row'));
    await el('row').waitFor({ state: 'detached' });
    expect(await el('b1').count()).toBe(0);
    expect(await el('l').count()).toBe(0);
    expect(await el('md').count()).toBe(1);
    hero.send(msg.clearAll());
    await el('md').waitFor({ state: 'detached' });
    await page.close();
  });

  it('sends click and submit events back to the hero', async () => {
    const { hero, page } = await openSession();
    hero.sendAll([
      msg.spawn('button', 'btn', { text: 'Press me' }),
      msg.spawn('textbox', 'tb', { placeholder: 'type' }),
      msg.spawn('console', 'con', { showInput: true, text: 'Say something:\n' }),
      msg.spawn('grid', 'grid', { numColumns: 5, numRows: 4 }),
      msg.spawn('canvas', 'cv', { width: 400, height: 200 }),
    ]);
    await page.locator('[data-sk-id="cv"] canvas').waitFor();

    await page.getByRole('button', { name: 'Press me' }).click();
    expect((await hero.waitFor(isEvent('btn'), 'button click')).payload).toEqual({ event: 'click' });

    const textbox = page.locator('[data-sk-id="tb"]');
    await textbox.fill('hello');
    await textbox.press('Enter');
    expect((await hero.waitFor(isEvent('tb'), 'textbox submit')).payload).toEqual({ event: 'submit', value: 'hello' });
    await textbox.fill('on blur');
    const blurred = hero.next(isEvent('tb'), 'textbox submit on blur');
    await page.keyboard.press('Tab');
    expect((await blurred).payload).toEqual({ event: 'submit', value: 'on blur' });

    const input = page.locator('[data-sk-id="con"] input');
    await input.fill('42');
    await input.press('Enter');
    expect((await hero.waitFor(isEvent('con'), 'console submit')).payload).toEqual({ event: 'submit', value: '42' });
    expect(await input.inputValue()).toBe('');

    const cell = await gridCellPoint(page, 'grid', 3, 2);
    await page.mouse.click(cell.clientX, cell.clientY);
    expect((await hero.waitFor(isEvent('grid'), 'grid click')).payload).toEqual({ event: 'click', x: 3, y: 2 });

    // Scale the canvas to half its size with CSS: the event still speaks canvas pixels.
    // (Through the CSSOM: the page's Content-Security-Policy refuses an injected <style>.)
    await page.locator('[data-sk-id="cv"]').evaluate((element: HTMLElement) => element.style.setProperty('width', '200px', 'important'));
    const canvas = page.locator('[data-sk-id="cv"] canvas');
    await eventually(async () => Math.round((await canvas.boundingBox())!.width), 200, 'scaled canvas width');
    await canvas.click({ position: { x: 50, y: 25 } });
    const click = (await hero.waitFor(isEvent('cv'), 'canvas click')).payload as { event: string; x: number; y: number };
    // CSS px (50, 25) at half scale is canvas px (100, 50). Chromium delivers whole CSS
    // pixels, so a fractional layout offset moves the point by up to one CSS px = two canvas px;
    // unscaled coordinates would be (50, 25).
    expect(click.event).toBe('click');
    expect(Math.abs(click.x - 100)).toBeLessThanOrEqual(2);
    expect(Math.abs(click.y - 50)).toBeLessThanOrEqual(2);
    expect(Number.isInteger(click.x) && Number.isInteger(click.y)).toBe(true);
    await page.close();
  });

  it('takes frames in a socket worker: a flood arrives complete and in order, and clicks still go out', async () => {
    const { hero, page } = await openSession();
    // The WebSocket lives in a worker so a flood does not starve painting (ui/src/transport/workerSocket.ts).
    expect(page.workers().map((worker) => worker.url()).some((url) => /socketWorker/.test(url))).toBe(true);
    const lines = Array.from({ length: 3000 }, (_, n) => `${n}\n`);
    hero.sendAll([msg.spawn('console', 'flood', { showInput: false }), ...lines.map((text) => msg.update('console', 'flood', 'append', { text })), msg.spawn('button', 'after', { text: 'After' })]);
    await eventually(() => page.locator('[data-sk-id="flood"] pre').textContent(), lines.join(''), 'every line, in order');
    await page.locator('[data-sk-id="after"]').click();
    expect((await hero.waitFor(isEvent('after'), 'click after the flood')).payload).toEqual({ event: 'click' });
  });

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

  it('viz shows variables and follows every action', async () => {
    const { hero, page } = await openSession();
    const int = (v: number) => ({ type: 'int', value: v, id: `int-${v}` });
    const str = (v: string) => ({ type: 'str', value: v, id: `str-${v}` });
    const viz = (action: string, name: string, options: Record<string, unknown>) => msg.update('viz', 'v', action, options, { variableName: name });
    hero.sendAll([
      msg.spawn('viz', 'v'),
      viz('set', 'xs', { path: [], valueRepresentation: { type: 'list', id: 'L', value: [int(1), int(2)], length: 2, observableTracked: true }, length: 2 }),
      viz('set', 'd', { path: [], valueRepresentation: { type: 'dict', id: 'D', value: [{ key: str('a'), value: int(1) }], length: 1 } }),
      viz('set', 's', { path: [], valueRepresentation: { type: 'set', id: 'S', value: [int(5)], length: 1 } }),
      viz('append', 'xs', { path: [2], valueRepresentation: int(3), length: 3 }),
      viz('insert', 'xs', { path: [0], valueRepresentation: int(0), length: 4 }),
      viz('setitem', 'xs', { path: [1], valueRepresentation: int(10) }),
      viz('pop', 'xs', { path: [3], length: 3 }),
      viz('remove', 'xs', { path: [0], length: 2 }),
      viz('setitem', 'd', { path: ['b'], valueRepresentation: int(2), keyRepresentation: str('b'), length: 2 }),
      viz('delitem', 'd', { path: ['a'], length: 1 }),
      viz('add_set', 's', { path: [], valueRepresentation: int(6), length: 2 }),
      viz('discard_set', 's', { path: [], valueRepresentation: int(5), length: 1 }),
      viz('set', 'gone', { path: [], valueRepresentation: int(99) }),
      viz('removeVariable', 'gone', {}),
    ]);
    const lines = () => page.locator('[data-sk-id="v"] .sk-viz-line').evaluateAll((nodes) => nodes.map((n) => (n.textContent ?? '').replace(/\s+/g, ' ').trim()));
    await eventually(lines, ['▾xslist2 items', '0int10', '1int2', '▾ddict1 item', '"b"int2', '▾sset1 item', '•int6'], 'viz tree');
    hero.send(viz('clear', 'xs', { path: [], length: 0 }));
    await eventually(async () => (await lines())[0], '▾xslist0 items', 'cleared list');
    await page.getByRole('button', { name: 'collapse' }).first().click();
    await page.getByRole('button', { name: 'expand' }).first().waitFor();
    await page.close();
  });

  it('answers commands it cannot apply with error messages and keeps working', async () => {
    const { hero, page } = await openSession();
    hero.sendAll([
      msg.spawn('label', 'alive', { text: 'before' }),
      msg.spawn('slider', 'sl', {}),
      msg.update('label', 'nobody', 'setText', { text: 'x' }),
      msg.update('label', 'alive', 'explode', {}),
      msg.spawn('grid', 'huge', { numColumns: -1, numRows: 2 }),
      msg.update('label', 'alive', 'setText', { text: 'after' }),
    ]);
    await page.locator('[data-sk-id="alive"]').getByText('after').waitFor();
    const errors = await Promise.all(['sl', 'nobody', 'alive', 'huge'].map((src) => hero.waitFor(isError(src), `error for ${src}`)));
    expect(errors.map((e) => e.component)).toEqual(['slider', 'label', 'label', 'grid']);
    for (const e of errors) expect(typeof e.payload?.message).toBe('string');
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

describe('reconnecting', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  it('shows the drop, reconnects with backoff and announces again', async () => {
    const own = await startServer();
    const port = own.port;
    const page = await browser.newPage();
    try {
      await page.goto(`${own.url}/session/reconnect-test`);
      await page.getByText('Connected').waitFor();
      await own.stop();
      await page.getByText('Reconnecting…').waitFor();
      const again = await startServer({ port });
      try {
        const hero = await ScriptedHero.connect(again.url, 'reconnect-test');
        heroes.push(hero);
        await hero.sidekickOnline();
        await page.getByText('Hero online').waitFor({ timeout: 15_000 });
        hero.send(msg.spawn('label', 'back', { text: 'back again' }));
        await page.getByText('back again').waitFor();
        await hero.close();
      } finally {
        await again.stop();
      }
    } finally {
      await page.close();
      await own.stop();
    }
  });
});
