// @vitest-environment node
// The playground in real Debian Chromium against the real local server serving
// the built UI (run `npm run build -w ui` and `npx tsc -b server` first):
// examples render and answer clicks, Stop interrupts a busy loop, ?src= loads.
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, repoRoot, type ServeProcess, startSidekickServe } from '@sidekick/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../browser/harness';

const HANG_GUARD_MS = 90_000;
const repo = repoRoot;
const dist = join(repo, 'ui/dist');

let server: ServeProcess | null = null;
let base = '';
let browser: Browser | null = null;
const fixtures: string[] = [];

/** A script file served by the real server from the build (same origin as the page). */
function fixture(code: string): string {
  const name = `playground-test-${process.pid}-${fixtures.length}.py`;
  writeFileSync(join(dist, name), code);
  fixtures.push(join(dist, name));
  return `/${name}`;
}

/** Every request a page made that did not go to our own server (must stay empty: no CDN). */
const foreignRequests: string[] = [];

async function openPlayground(query: string): Promise<Page> {
  if (!browser) throw new Error('no browser');
  const page = await browser.newPage();
  page.setDefaultTimeout(HANG_GUARD_MS);
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${base}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
  });
  await page.goto(`${base}/playground${query}`);
  return page;
}

async function waitForPhase(page: Page, phase: string): Promise<void> {
  await page.waitForSelector(`.pg[data-pg-phase="${phase}"]`);
}

/** A failure with what the page showed: the run's phase and its output pane. */
async function explain(page: Page, error: unknown): Promise<Error> {
  const phase = await page.getAttribute('.pg', 'data-pg-phase').catch(() => '?');
  const text = await output(page).catch(() => '?');
  return new Error(`${String(error)}\n--- playground phase ${String(phase)}, output: ---\n${text}`, { cause: error });
}

function output(page: Page): Promise<string> {
  return page.locator('.pg-output').innerText();
}

beforeAll(async () => {
  if (!existsSync(join(dist, 'playground.html'))) throw new Error('ui/dist has no playground.html: run `npm run build -w ui` first');
  if (!existsSync(join(repo, 'server/dist/src/cli.js'))) throw new Error('the server is not built: run `npx tsc -b server` first');
  server = await startSidekickServe();
  base = server.url;
  browser = await launchChromium();
}, HANG_GUARD_MS);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  for (const file of fixtures) rmSync(file, { force: true });
});

describe('playground in Chromium', { timeout: 4 * HANG_GUARD_MS }, () => {
  it('runs an example, answers clicks from Python, re-runs clean, and Stop interrupts a busy loop', async () => {
    const page = await openPlayground('?example=button_counter');
    try {
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      await waitForPhase(page, 'idle');
      await page.click('.pg-run');
      const button = page.locator('.sk-button', { hasText: /^Click me$/ });
      await button.click();
      await page.locator('.sk-button', { hasText: 'Clicked 1 times' }).waitFor();
      await page.locator('.sk-button', { hasText: 'Clicked 1 times' }).click();
      await page.locator('.sk-button', { hasText: 'Clicked 2 times' }).waitFor();
      await page.locator('.sk-label', { hasText: 'Python saw 2 clicks.' }).waitFor();
      await page.locator('[data-sk-status="hero"]', { hasText: 'Hero online' }).waitFor();

      // Run again: the panel starts from nothing (one counter, not two) and the count is back to 0.
      await page.click('.pg-run');
      await page.locator('.sk-button', { hasText: /^Click me$/ }).waitFor();
      expect(await page.locator('.sk-button').count()).toBe(2);
      expect(await page.locator('.sk-button', { hasText: 'Clicked' }).count()).toBe(0);

      // A busy loop that never yields: only the interrupt buffer can stop it.
      await page.fill('.pg-editor', 'n = 0\nwhile True:\n    n += 1\n    if n % 200000 == 0:\n        print("busy", n)\n');
      await page.click('.pg-run');
      await page.waitForFunction(() => document.querySelector('.pg-output')?.textContent?.includes('busy'));
      expect(await page.getAttribute('.pg', 'data-pg-phase')).toBe('running');
      await page.click('.pg-stop');
      await page.waitForSelector('.pg[data-pg-phase="idle"][data-pg-outcome="stopped"]');
      expect(await output(page)).not.toContain('Python was restarted'); // interrupted, not killed

      // The same Python goes on to run the next script.
      await page.fill('.pg-editor', 'import sys\nprint("after stop", sys.version_info[0])\n');
      await page.click('.pg-run');
      await page.waitForSelector('.pg[data-pg-phase="idle"][data-pg-outcome="ok"]');
      expect(await output(page)).toContain('after stop 3');
      expect(foreignRequests).toEqual([]); // Pyodide and the library came from our server
    } catch (error) {
      throw await explain(page, error);
    } finally {
      await page.close();
    }
  });

  it('paints the grid example and reacts to a cell click', async () => {
    const page = await openPlayground('');
    try {
      await waitForPhase(page, 'idle');
      await page.selectOption('select[aria-label="example"]', 'grid_painter');
      expect(new URL(page.url()).search).toBe('?example=grid_painter');
      await page.click('.pg-run');
      // The panel paints the grid on a canvas: read the pixel in the middle of a cell.
      const canvas = page.locator('.sk-grid-canvas');
      await canvas.waitFor();
      const size = Number(await page.getAttribute('.sk-grid-scroll', 'data-sk-cell'));
      expect(size).toBeGreaterThan(10);
      const centre = (cell: number) => cell * size + Math.floor(size / 2) + 1;
      const cellColour = (x: number, y: number) =>
        canvas.evaluate((element, [px, py]) => {
          const c = element as HTMLCanvasElement;
          const scale = c.width / c.clientWidth; // canvas pixels per CSS pixel
          const data = c.getContext('2d')?.getImageData(Math.floor(px! * scale), Math.floor(py! * scale), 1, 1).data;
          return data ? `${data[0]},${data[1]},${data[2]}` : 'none';
        }, [centre(x), centre(y)]);
      // The diagonal the script paints before run_forever() (#ffb224).
      for (let i = 0; i < 8; i++) await expect.poll(() => cellColour(i, i), { timeout: HANG_GUARD_MS }).toBe('255,178,36');
      expect(await cellColour(3, 0)).not.toBe('229,72,77');
      await page.locator('.sk-button', { hasText: 'Eraser' }).waitFor(); // the last thing the script adds
      const box = await canvas.boundingBox();
      if (!box) throw new Error('the grid has no box');
      await page.mouse.click(box.x + centre(3), box.y + centre(0)); // (3, 0): Python paints it red
      await expect.poll(() => cellColour(3, 0), { timeout: HANG_GUARD_MS }).toBe('229,72,77');
      await page.locator('.sk-label', { hasText: '1 cells painted' }).waitFor();
      await page.click('.pg-stop');
      await page.waitForSelector('.pg[data-pg-phase="idle"][data-pg-outcome="stopped"]');
      await page.locator('[data-sk-status="hero"]', { hasText: 'Hero offline' }).waitFor();
      // run_forever() was waiting (stack switching); Stop ended it without restarting Python.
      expect(await output(page)).not.toContain('Python was restarted');
    } catch (error) {
      throw await explain(page, error);
    } finally {
      await page.close();
    }
  });

  it('echoes console input through Python', async () => {
    const page = await openPlayground('?example=console_echo&run');
    try {
      const input = page.locator('.sk-console-input input');
      await input.fill('hello there');
      await input.press('Enter');
      await page.locator('.sk-console-output', { hasText: "You said: 'hello there' (11 characters)" }).waitFor();
    } catch (error) {
      throw await explain(page, error);
    } finally {
      await page.close();
    }
  });

  it('loads and runs a script linked with ?src= from the same site, and refuses other sites', async () => {
    const src = fixture('import sidekick\nsidekick.Label("loaded from a link")\nprint("linked script ran")\n');
    const page = await openPlayground(`?src=${encodeURIComponent(src)}&run`);
    try {
      await page.locator('.sk-label', { hasText: 'loaded from a link' }).waitFor();
      await page.waitForFunction(() => document.querySelector('.pg-output')?.textContent?.includes('linked script ran'));
      expect(await page.innerText('.pg-editor')).toContain('loaded from a link');
    } catch (error) {
      throw await explain(page, error);
    } finally {
      await page.close();
    }
    const foreign = await openPlayground(`?src=${encodeURIComponent('https://example.invalid/x.py')}&run`);
    try {
      await foreign.locator('.pg-problem', { hasText: 'Scripts load only from this site' }).waitFor();
      await waitForPhase(foreign, 'idle');
      expect(await foreign.getAttribute('.pg', 'data-pg-outcome')).toBe(''); // nothing ran
    } catch (error) {
      throw await explain(foreign, error);
    } finally {
      await foreign.close();
    }
  });

  it('draws the canvas example and puts a circle where the user clicks', async () => {
    const page = await openPlayground('?example=canvas_drawing&run');
    try {
      const canvas = page.locator('.sk-canvas-host canvas');
      await canvas.waitFor();
      const pixel = (x: number, y: number) =>
        canvas.evaluate((element, [px, py]) => {
          const data = (element as HTMLCanvasElement).getContext('2d')?.getImageData(px!, py!, 1, 1).data;
          return data ? `${data[0]},${data[1]},${data[2]}` : 'none';
        }, [x, y]);
      // Inside the filled rectangle the script draws first (#a5d8ff).
      await expect.poll(() => pixel(70, 45), { timeout: HANG_GUARD_MS }).toBe('165,216,255');
      expect(await pixel(330, 100)).not.toBe('230,73,128');
      // Everything the script shows is in place (no layout shift under the pointer).
      await page.locator('.sk-label', { hasText: 'Click the canvas to drop circles.' }).waitFor();
      const box = await canvas.boundingBox();
      if (!box) throw new Error('the canvas has no box');
      await page.mouse.click(box.x + 330, box.y + 100);
      // Python reports where it drew, in canvas pixels (the frame's border shifts them by a pixel or so).
      const label = page.locator('.sk-label', { hasText: '1 circles; last at' });
      const text = await label.innerText();
      const match = /last at \((\d+), (\d+)\)/.exec(text);
      if (!match) throw new Error(`unexpected label: ${text}`);
      const [x, y] = [Number(match[1]), Number(match[2])];
      expect(Math.abs(x - 330)).toBeLessThanOrEqual(3);
      expect(Math.abs(y - 100)).toBeLessThanOrEqual(3);
      await expect.poll(() => pixel(x, y), { timeout: HANG_GUARD_MS }).toBe('230,73,128'); // #e64980
    } catch (error) {
      throw await explain(page, error);
    } finally {
      await page.close();
    }
  });

  it('edits in CodeMirror: Python highlighting, line numbers, a traceback line to jump to, Escape then Tab to leave', async () => {
    const page = await openPlayground('');
    try {
      await waitForPhase(page, 'idle');
      await page.fill('.pg-editor', 'def f():\n    return 1 / 0\n\nf()\n');
      await page.locator('.cm-lineNumbers .cm-gutterElement', { hasText: /^4$/ }).waitFor();
      const colours = await page.evaluate(() => {
        const keyword = [...document.querySelectorAll('.pg-editor span')].find((span) => span.textContent === 'def')!;
        return { keyword: getComputedStyle(keyword).color, text: getComputedStyle(document.querySelector('.pg-editor')!).color };
      });
      expect(colours.keyword).not.toBe(colours.text);
      await page.click('.pg-run');
      await page.waitForSelector('.pg[data-pg-phase="idle"][data-pg-outcome="error"]');
      expect(await page.locator('.pg-error-line').innerText()).toContain('return 1 / 0');
      await page.locator('.pg-jump', { hasText: 'line 2' }).click();
      expect(await page.locator('.cm-activeLine').innerText()).toContain('return 1 / 0');
      expect(await page.evaluate(() => document.activeElement?.classList.contains('pg-editor'))).toBe(true);
      await page.keyboard.press('Tab'); // Tab indents inside the editor
      expect(await page.evaluate(() => document.activeElement?.classList.contains('pg-editor'))).toBe(true);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.classList.contains('pg-editor'))).toBe(false);
      expect(await axeViolations(page), 'axe, light theme').toEqual([]);
      await page.goto(`${base}/playground?theme=dark&example=grid_painter`);
      await waitForPhase(page, 'idle');
      await page.click('.pg-run');
      await page.locator('.sk-grid-scroll').waitFor();
      expect(await axeViolations(page), 'axe, dark theme').toEqual([]);
    } catch (error) {
      throw await explain(page, error);
    } finally {
      await page.close();
    }
  });

  it('restarts Python when a script refuses to stop, and the new Python runs the next script', async () => {
    const page = await openPlayground('');
    try {
      await waitForPhase(page, 'idle');
      // Swallows every KeyboardInterrupt: the interrupt cannot end it, so the worker is replaced.
      await page.fill(
        '.pg-editor',
        'print("stubborn")\nwhile True:\n    try:\n        while True:\n            pass\n    except KeyboardInterrupt:\n        pass\n',
      );
      await page.click('.pg-run');
      await page.waitForFunction(() => document.querySelector('.pg-output')?.textContent?.includes('stubborn'));
      await page.click('.pg-stop');
      await page.waitForFunction(() => document.querySelector('.pg-output')?.textContent?.includes('Python was restarted'));
      await page.waitForSelector('.pg[data-pg-phase="idle"][data-pg-outcome="stopped"]');
      await page.fill('.pg-editor', 'print("fresh python")\n');
      await page.click('.pg-run');
      await page.waitForSelector('.pg[data-pg-phase="idle"][data-pg-outcome="ok"]');
      expect(await output(page)).toContain('fresh python');
    } catch (error) {
      throw await explain(page, error);
    } finally {
      await page.close();
    }
  });

  it('keeps the panel live while a script waits in time.sleep() or queue.get(): updates go out, clicks come in', async () => {
    const src = fixture(
      [
        'import time',
        'import sidekick',
        '',
        'clicked = []',
        'sidekick.Button("let me finish", on_click=lambda event: clicked.append(event))',
        'label = sidekick.Label("waiting")',
        'n = 0',
        'while not clicked:',
        '    n += 1',
        '    label.text = f"slept {n} times"',
        '    time.sleep(0.05)',
        'print("the click arrived during time.sleep")',
        '',
      ].join('\n'),
    );
    const page = await openPlayground(`?src=${encodeURIComponent(src)}&run`);
    try {
      await page.locator('.sk-label', { hasText: /^slept [3-9]\d* times$/ }).waitFor();
      expect(await page.getAttribute('.pg', 'data-pg-phase')).toBe('running');
      await page.locator('.sk-button', { hasText: 'let me finish' }).click();
      await page.waitForFunction(() => document.querySelector('.pg-output')?.textContent?.includes('the click arrived during time.sleep'));

      // The desktop pattern of handing clicks to the main code through a queue.Queue.
      await page.fill(
        '.pg-editor',
        [
          'import queue',
          'import sidekick',
          '',
          'clicks = queue.Queue()',
          'sidekick.Button("send", on_click=lambda event: clicks.put("a click"))',
          'label = sidekick.Label("waiting in clicks.get()")',
          'got = clicks.get()',
          'label.text = f"the main code got {got}"',
          'sidekick.run_forever()',
          '',
        ].join('\n'),
      );
      await page.click('.pg-run');
      await page.locator('.sk-label', { hasText: 'waiting in clicks.get()' }).waitFor();
      await page.locator('.sk-button', { hasText: 'send' }).click();
      await page.locator('.sk-label', { hasText: 'the main code got a click' }).waitFor();
    } catch (error) {
      throw await explain(page, error);
    } finally {
      await page.close();
    }
  });

  it("runs each of the project's examples unchanged (and stops each one)", async () => {
    const page = await openPlayground('');
    try {
      await waitForPhase(page, 'idle');
      const names = await page.$$eval('optgroup[label="Project examples"] option', (options) => options.map((o) => (o as HTMLOptionElement).value));
      const files = readdirSync(join(repo, 'examples')).filter((f) => f.endsWith('.py')).map((f) => f.slice(0, -3));
      expect(names.sort()).toEqual(files.sort());
      for (const name of names) {
        await page.selectOption('select[aria-label="example"]', name);
        await page.click('.pg-run');
        // It shows something and its hero is connected, and nothing failed.
        await page.waitForFunction(() => document.querySelector('.sk-root [data-sk-id]:not([data-sk-id="root"])') !== null);
        await page.locator('[data-sk-status="hero"]', { hasText: 'Hero online' }).waitFor();
        expect(await output(page), name).not.toContain('Traceback');
        expect(['running', 'live'], name).toContain(await page.getAttribute('.pg', 'data-pg-phase'));
        await page.click('.pg-stop');
        await page.waitForSelector('.pg[data-pg-phase="idle"][data-pg-outcome="stopped"]');
        await page.locator('[data-sk-status="hero"]', { hasText: 'Hero offline' }).waitFor();
        expect(await output(page), name).not.toContain('Traceback');
      }
    } catch (error) {
      throw await explain(page, error);
    } finally {
      await page.close();
    }
  });
});
