// Issue 8: a reloaded tab or a second tab shows the current state, rebuilt by
// the running hero (grid colours, console text, canvas pixels, Viz tree,
// layout and text boxes); every tab gets later updates and can drive the script.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  canvasScreenshot,
  cellsColored,
  clickCanvas,
  clickGridCell,
  component,
  consoleText,
  eventually,
  gridSnapshot,
  hexColor,
  type Image,
  near,
  pixelAt,
  runExample,
  statusPart,
  typeInConsole,
  vizLines,
  useLocalSuite,
} from '../src/index.js';

const suite = useLocalSuite();

async function heroOnline(page: Page): Promise<void> {
  await eventually('the hero to be online', () => statusPart(page, 'hero').textContent(), (t) => t === 'Hero online');
}

async function start(example: string, env: NodeJS.ProcessEnv = {}): Promise<Page> {
  const page = await suite.stage.open(suite.browser, `${suite.server.url}/`);
  await eventually('the panel to connect', () => statusPart(page, 'connection').textContent(), (t) => t === 'Connected');
  suite.stage.track(runExample(example, { port: suite.server.port, env }));
  await heroOnline(page);
  return page;
}

async function secondTab(): Promise<Page> {
  const page = await suite.stage.open(suite.browser, `${suite.server.url}/`);
  await heroOnline(page);
  return page;
}

async function reload(page: Page): Promise<void> {
  await page.reload();
  await heroOnline(page);
}

/** How many pixels differ noticeably between two same-sized images. */
function differingPixels(a: Image, b: Image): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let count = 0;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) if (!near(pixelAt(a, x, y), pixelAt(b, x, y), 8)) count++;
  }
  return count;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

describe('a reloaded or second tab shows the current state', () => {
  it('grid (game_of_life): cells drawn by clicks come back; both tabs update and both can click', async () => {
    const ALIVE = '#2e7d32';
    const page = await start('game_of_life');
    await component(page, 'button-2').click(); // Stop
    await component(page, 'button-3').click(); // Clear
    await eventually('an empty board', () => gridSnapshot(page, 'grid-1'), (s) => cellsColored(s, ALIVE).length === 0);
    for (const x of [5, 6, 7]) await clickGridCell(page, 'grid-1', x, 5);
    const blinker = [
      [5, 5],
      [6, 5],
      [7, 5],
    ];
    await eventually('three cells', () => gridSnapshot(page, 'grid-1'), (s) => same(cellsColored(s, ALIVE), blinker));
    const status = await component(page, 'label-1').textContent();
    expect(status).toMatch(/\(stopped\)$/);

    await reload(page);
    await eventually('the cells after a reload', () => gridSnapshot(page, 'grid-1'), (s) => same(cellsColored(s, ALIVE), blinker));
    expect(await component(page, 'label-1').textContent()).toBe(status);
    expect(await page.locator('.sk-button').allTextContents()).toEqual(['Start', 'Stop', 'Clear']);

    const other = await secondTab();
    await eventually('the cells in a second tab', () => gridSnapshot(other, 'grid-1'), (s) => same(cellsColored(s, ALIVE), blinker));
    // The first tab was not blanked or changed by the newcomer's replay.
    expect(cellsColored(await gridSnapshot(page, 'grid-1'), ALIVE)).toEqual(blinker);

    // A click in the second tab reaches the script; both tabs show the result.
    await clickGridCell(other, 'grid-1', 12, 12);
    for (const tab of [page, other]) {
      await eventually('the new cell in both tabs', () => gridSnapshot(tab, 'grid-1'), (s) => same(cellsColored(s, ALIVE), [...blinker, [12, 12]]));
    }
    // And a click in the first tab takes it away again, in both.
    await clickGridCell(page, 'grid-1', 12, 12);
    for (const tab of [page, other]) {
      await eventually('the cell gone in both tabs', () => gridSnapshot(tab, 'grid-1'), (s) => same(cellsColored(s, ALIVE), blinker));
    }
    // Start from the first tab: the blinker flips in both.
    await component(page, 'button-1').click();
    for (const tab of [page, other]) {
      await eventually(
        'the vertical blinker in both tabs',
        () => gridSnapshot(tab, 'grid-1'),
        (s) => same(cellsColored(s, ALIVE), [[6, 4], [6, 5], [6, 6]]),
      );
    }
  });

  it('console (guess_number): the transcript comes back once, and input from either tab is answered', async () => {
    const page = await start('guess_number');
    await eventually('the question', () => consoleText(page, 'console-1'), (t) => t.includes("I'm thinking"));
    for (const guess of ['50', 'abc', '25']) {
      const before = await consoleText(page, 'console-1');
      await typeInConsole(page, 'console-1', guess);
      await eventually(`the reply to ${guess}`, () => consoleText(page, 'console-1'), (t) => t.length > before.length + guess.length + 3);
    }
    const transcript = await consoleText(page, 'console-1');
    expect(transcript).toContain('> abc\nPlease type a whole number');

    await reload(page);
    await eventually('the transcript after a reload', () => consoleText(page, 'console-1'), (t) => t === transcript);
    const other = await secondTab();
    await eventually('the transcript in a second tab', () => consoleText(other, 'console-1'), (t) => t === transcript);
    expect(await consoleText(page, 'console-1')).toBe(transcript); // not doubled by the replay

    await typeInConsole(other, 'console-1', 'xyz');
    for (const tab of [page, other]) {
      await eventually('the answer in both tabs', () => consoleText(tab, 'console-1'), (t) => t === `${transcript}> xyz\nPlease type a whole number, like 42.\n`);
    }
  });

  it('canvas (drawing_pad): the drawing comes back pixel for pixel; clicks from the second tab draw in both', async () => {
    const RED = hexColor('#e53935');
    const page = await start('drawing_pad');
    await page.getByRole('button', { name: 'Red' }).click();
    for (const [x, y] of [
      [60, 60],
      [300, 80],
      [180, 240],
    ] as const) {
      await clickCanvas(page, 'canvas-1', x, y);
    }
    await page.getByRole('button', { name: 'Fill shape' }).click();
    const before = await eventually('the filled shape', () => canvasScreenshot(page, 'canvas-1'), (i) => near(pixelAt(i, 180, 130), RED));

    await reload(page);
    const after = await eventually('the drawing after a reload', () => canvasScreenshot(page, 'canvas-1'), (i) => near(pixelAt(i, 180, 130), RED));
    expect(differingPixels(before, after)).toBeLessThan(before.width * before.height * 0.002);

    const other = await secondTab();
    const copy = await eventually('the drawing in a second tab', () => canvasScreenshot(other, 'canvas-1'), (i) => near(pixelAt(i, 180, 130), RED));
    expect(differingPixels(before, copy)).toBeLessThan(before.width * before.height * 0.002);

    await clickCanvas(other, 'canvas-1', 350, 250);
    for (const tab of [page, other]) {
      await eventually('a dot drawn from the second tab', () => canvasScreenshot(tab, 'canvas-1'), (i) => near(pixelAt(i, 350, 250), RED));
    }
  });

  it('canvas buffers (bouncing_ball): a reloaded tab shows the animation, not a blank canvas', async () => {
    const BALL = hexColor('#e53935');
    const hasBall = (image: Image): boolean => {
      let count = 0;
      for (let y = 0; y < image.height; y += 2) for (let x = 0; x < image.width; x += 2) if (near(pixelAt(image, x, y), BALL)) count++;
      return count > 100;
    };
    const page = await start('bouncing_ball');
    await eventually('the ball', () => canvasScreenshot(page, 'canvas-1'), hasBall);
    await reload(page);
    await eventually('the ball after a reload', () => canvasScreenshot(page, 'canvas-1'), hasBall);
    const other = await secondTab();
    await eventually('the ball in a second tab', () => canvasScreenshot(other, 'canvas-1'), hasBall);
  });

  it('viz (sorting_viz): the tree comes back; the second tab can start a new sort that both tabs watch', async () => {
    const page = await start('sorting_viz', { SIDEKICK_EXAMPLE_DELAY: '0.03' });
    const done = (lines: string[]): boolean => lines.includes('"done" bool true');
    const tree = await eventually('the sorted list', () => vizLines(page, 'viz-1'), done);

    await reload(page);
    await eventually('the tree after a reload', () => vizLines(page, 'viz-1'), (l) => same(l, tree));
    const other = await secondTab();
    await eventually('the tree in a second tab', () => vizLines(other, 'viz-1'), (l) => same(l, tree));

    await other.getByRole('button', { name: 'Shuffle and sort again' }).click();
    for (const tab of [page, other]) {
      await eventually('a new sort in both tabs', () => vizLines(tab, 'viz-1'), (l) => l.includes('"done" bool false'));
    }
    for (const tab of [page, other]) {
      await eventually('the sort to finish in both tabs', () => vizLines(tab, 'viz-1'), (l) => done(l) && same(l.slice(0, 10), tree.slice(0, 10)));
    }
  });

  it('layout and text (todo_list, form): rows, labels, text box values and Markdown come back', async () => {
    const page = await start('todo_list');
    const box = page.getByPlaceholder('What needs doing?');
    for (const task of ['Water plants', 'Call Ada', 'Fix bike']) {
      await box.fill(task);
      await box.press('Enter');
      await eventually('the box to be emptied', () => box.inputValue(), (v) => v === '');
    }
    await page.locator('.sk-row', { hasText: 'Call Ada' }).getByRole('button', { name: 'Done' }).click();
    const rows = await eventually('two rows', () => page.locator('.sk-row').allTextContents(), (r) => r.length === 2);
    const panel = await eventually('the summary', () => page.locator('.sk-root').innerText(), (t) => t.includes('2 open, 1 done.'));
    const tree = await vizLines(page, 'viz-1');

    await reload(page);
    await eventually('the same panel after a reload', () => page.locator('.sk-root').innerText(), (t) => t === panel);
    expect(await page.locator('.sk-row').allTextContents()).toEqual(rows);
    expect(await vizLines(page, 'viz-1')).toEqual(tree);
    // Rows are still wired to the script after the replay.
    await page.locator('.sk-row', { hasText: 'Fix bike' }).getByRole('button', { name: 'Done' }).click();
    await eventually('the row to go', () => page.locator('.sk-row').allTextContents(), (r) => same(r, [rows[0]]));
    await suite.stage.cleanup();

    const form = await start('form');
    const name = form.getByPlaceholder('Ada Lovelace');
    await name.fill('Grace');
    await name.press('Enter');
    await form.getByPlaceholder('Python').fill('COBOL');
    await form.getByRole('button', { name: 'Send' }).click();
    await eventually('the thanks', () => form.locator('.sk-markdown h3').textContent(), (t) => t === 'Thank you, Grace!');
    await reload(form);
    await eventually('the name box after a reload', () => name.inputValue(), (v) => v === 'Grace');
    expect(await form.getByPlaceholder('Python').inputValue()).toBe('COBOL');
    expect(await form.locator('.sk-markdown h3').textContent()).toBe('Thank you, Grace!');
    expect(await form.getByText('Hello, Grace.').count()).toBe(1);
  });
});
