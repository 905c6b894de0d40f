// Pyodide mode: the playground page runs Python in the browser (a Web Worker)
// with no Python on the server side: the server here is `sidekick serve`
// alone. A user pastes an example from examples/ and presses Run; it renders
// and answers clicks. A bundled example opens and runs from its link too.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  cellColor,
  cellsColored,
  clickCanvas,
  clickGridCell,
  canvasScreenshot,
  component,
  eventually,
  examplePath,
  gridSnapshot,
  hexColor,
  near,
  pixelAt,
  repoRoot,
  useLocalSuite,
} from '../src/index.js';

const suite = useLocalSuite();

/** Wide enough for the editor beside a 24-column grid without scrolling. */
const WIDE = { width: 1700, height: 1000 };

/** Loading Pyodide the first time takes a while on a small machine. */
const PYODIDE_MS = 90_000;

const phase = (page: Page) => () => page.locator('.pg').getAttribute('data-pg-phase');

async function runPasted(page: Page, example: string): Promise<void> {
  await page.locator('.pg-editor').fill(readFileSync(examplePath(example), 'utf8'));
  // Idle, or still running the previous program (Run then replaces it).
  await eventually('Python to be ready', phase(page), (p) => p === 'idle' || p === 'running' || p === 'live', PYODIDE_MS);
  await page.locator('.pg-run').click();
  await eventually('the script to run', phase(page), (p) => p === 'running' || p === 'live');
}

describe('the playground runs examples in the browser', () => {
  it('game_of_life from examples/, pasted and run: it animates and answers clicks', { timeout: 150_000 }, async () => {
    const ALIVE = '#2e7d32';
    const page = await suite.stage.open(suite.browser, `${suite.server.url}/playground`, WIDE);
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    await runPasted(page, 'game_of_life');
    const panel = page.locator('.pg-panel');
    const generation = async (): Promise<number> =>
      Number(/Generation (\d+)/.exec((await panel.locator('[data-sk-id="label-1"]').textContent()) ?? '')?.[1]);
    await eventually('generations to pass', generation, (n) => n >= 3, PYODIDE_MS);
    await component(page, 'button-2').click(); // Stop
    await eventually('the stop', () => component(page, 'label-1').textContent(), (t) => /\(stopped\)$/.test(t ?? ''));
    const shot = await gridSnapshot(page, 'grid-1');
    expect(cellsColored(shot, ALIVE)).toHaveLength(8);
    const empty = [20, 14] as const;
    expect(near(cellColor(shot, ...empty), hexColor(ALIVE))).toBe(false);
    await clickGridCell(page, 'grid-1', ...empty);
    await eventually('the clicked cell', () => gridSnapshot(page, 'grid-1'), (s) => near(cellColor(s, ...empty), hexColor(ALIVE)));
    // No relay took part: Python and the panel talked inside the page.
    expect(sockets).toEqual([]);
  });

  it('drawing_pad from examples/: canvas clicks come back from Python in the worker', { timeout: 150_000 }, async () => {
    const page = await suite.stage.open(suite.browser, `${suite.server.url}/playground`, WIDE);
    await runPasted(page, 'drawing_pad');
    await eventually('the pad', () => component(page, 'label-1').textContent(), (t) => t === 'Pen: black', PYODIDE_MS);
    await page.locator('.pg-panel').getByRole('button', { name: 'Blue' }).click();
    await eventually('the blue pen', () => component(page, 'label-1').textContent(), (t) => t === 'Pen: blue');
    await clickCanvas(page, 'canvas-1', 120, 90);
    await eventually('a blue dot', () => canvasScreenshot(page, 'canvas-1'), (i) => near(pixelAt(i, 120, 90), hexColor('#1e88e5')));
  });

  it('a bundled example opens and runs from its link (?example=...&run)', { timeout: 150_000 }, async () => {
    const page = await suite.stage.open(suite.browser, `${suite.server.url}/playground?example=grid_painter&run`, WIDE);
    await eventually('the grid painter', () => page.locator('.pg-panel [data-sk-id="grid-1"]').count(), (n) => n === 1, PYODIDE_MS);
    expect(await page.locator('.pg-editor').innerText()).toContain('sidekick.Grid(10, 8)');
    // Its starting diagonal is painted.
    await eventually('the diagonal', () => gridSnapshot(page, 'grid-1'), (s) => near(cellColor(s, 3, 3), hexColor('#ffb224')));
  });

  it('every program in examples/ starts unchanged in the playground', { timeout: 240_000 }, async () => {
    // What each program shows first, once its top-level code has run.
    const firstSight: Record<string, RegExp> = {
      game_of_life: /Generation \d+ \(running\)/,
      maze: /Searching|Path to/,
      hanoi: /moves to go|Move \d+ of 15/,
      bouncing_ball: /Click the canvas to throw the ball/,
      guess_number: /I'm thinking of a number/,
      sorting_viz: /Shuffle and sort again/,
      drawing_pad: /Pen: black/,
      form: /Workshop sign-up/,
      async_counter: /Count: 0/,
      todo_list: /Nothing to do\./,
    };
    const programs = readdirSync(join(repoRoot, 'examples')).filter((name) => name.endsWith('.py'));
    expect(programs.map((name) => name.slice(0, -3)).sort()).toEqual(Object.keys(firstSight).sort());
    const page = await suite.stage.open(suite.browser, `${suite.server.url}/playground`, WIDE);
    const panel = page.locator('.pg-panel .sk-root');
    for (const [name, sight] of Object.entries(firstSight)) {
      await runPasted(page, name);
      await eventually(`${name} to show itself`, () => panel.innerText(), (text) => sight.test(text), PYODIDE_MS);
    }
  });
});
