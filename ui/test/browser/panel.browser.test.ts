// @vitest-environment node
// The built UI in Debian's Chromium, served by the real local server, driven
// by a scripted hero over the real relay: every component, every action,
// the events user interaction sends back, and the error replies.
import { describe, expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT_MS, isError, isEvent, msg, panelSessions, ScriptedHero, startServer, useServerAndBrowser } from './harness';
import { eventually, gridCellPoint } from './pixels';

const parts = useServerAndBrowser();
const sessions = panelSessions(parts, 'ui-test');
const openSession = sessions.open;

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
    const page = await parts.browser.newPage();
    try {
      await page.goto(`${parts.server.url}/session/not%20a%20session!`);
      const connection = page.locator('[data-sk-status="connection"]');
      await connection.getByText('not a valid session id').waitFor();
      expect(await connection.textContent()).toMatch(/^Disconnected \(not a valid session id/);
    } finally {
      await page.close();
    }
  });

  it('serves the default session on /', async () => {
    const hero = await ScriptedHero.connect(parts.server.url, null);
    sessions.keep(hero);
    const page = await parts.browser.newPage();
    // Chromium reports a failed load (such as a missing favicon) as a console error.
    const failed: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') failed.push(message.text());
    });
    await page.goto(`${parts.server.url}/`);
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
    const page = await parts.browser.newPage({ viewport: { width: 360, height: 400 } });
    await page.goto(`${parts.server.url}/session/${'3vQbA7xK9mPq2LrT8sWy4ZdEfGhJk1Nc'.repeat(2)}`);
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

});

describe('reconnecting', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  it('shows the drop, reconnects with backoff and announces again', async () => {
    const own = await startServer();
    const port = own.port;
    const page = await parts.browser.newPage();
    try {
      await page.goto(`${own.url}/session/reconnect-test`);
      await page.getByText('Connected').waitFor();
      await own.stop();
      await page.getByText('Reconnecting…').waitFor();
      const again = await startServer({ port });
      try {
        const hero = await ScriptedHero.connect(again.url, 'reconnect-test');
        sessions.keep(hero);
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
