// Every example program, run by `sidekick run` against the real local server
// and watched in real Chromium: what a person sees (pixels, text) and what
// happens when they click and type.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  canvasScreenshot,
  cellColor,
  cellHasText,
  cellsColored,
  clickCanvas,
  clickGridCell,
  component,
  consoleText,
  countNear,
  eventually,
  eventuallyMatches,
  gridSnapshot,
  hexColor,
  type Image,
  near,
  pixelAt,
  repoRoot,
  runExample,
  statusPart,
  typeInConsole,
  vizLines,
  useLocalSuite,
} from '../src/index.js';

const suite = useLocalSuite();

/** Open the panel, then start the example through the CLI; wait until its hero is online. */
async function start(
  example: string,
  env: NodeJS.ProcessEnv = {},
  waitForHero = true,
): Promise<{ page: Page; script: ReturnType<typeof runExample> }> {
  const page = await suite.stage.open(suite.browser, `${suite.server.url}/`);
  await eventually('the panel to connect', () => statusPart(page, 'connection').textContent(), (t) => t === 'Connected');
  const script = suite.stage.track(runExample(example, { port: suite.server.port, env }));
  if (waitForHero) await eventually('the hero to be online', () => statusPart(page, 'hero').textContent(), (t) => t === 'Hero online');
  return { page, script };
}

const text = (page: Page, id: string) => () => component(page, id).textContent();

/** Centre of the pixels near `hex` in an image (null if fewer than `min`). */
function blob(image: Image, hex: string, min = 100): { x: number; y: number; count: number } | null {
  const want = hexColor(hex);
  let sx = 0;
  let sy = 0;
  let count = 0;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (near(pixelAt(image, x, y), want)) {
        sx += x;
        sy += y;
        count++;
      }
    }
  }
  return count >= min ? { x: sx / count, y: sy / count, count } : null;
}

describe('examples over the local server', () => {
  it('has a test below for every program in examples/', () => {
    const source = readFileSync(new URL(import.meta.url), 'utf8');
    const programs = readdirSync(join(repoRoot, 'examples')).filter((name) => name.endsWith('.py'));
    expect(programs.length).toBeGreaterThanOrEqual(9);
    for (const program of programs) expect(source, program).toContain(`it('${program.slice(0, -3)}: `);
  });

  it('game_of_life: animates, stops, toggles clicked cells, clears and restarts', async () => {
    const ALIVE = '#2e7d32';
    const { page } = await start('game_of_life');
    const generation = async (): Promise<number> => Number(/Generation (\d+)/.exec((await text(page, 'label-1')()) ?? '')?.[1]);
    await eventually('a few generations', generation, (n) => n >= 3);

    await component(page, 'button-2').click(); // Stop
    await eventuallyMatches('the stopped status', text(page, 'label-1'), /\(stopped\)$/);
    const stoppedAt = await generation();
    // A glider (5 cells) and a blinker (3): 8 green cells on screen.
    let shot = await gridSnapshot(page, 'grid-1');
    expect(shot.columns).toBe(24);
    expect(cellsColored(shot, ALIVE)).toHaveLength(8);
    await page.waitForTimeout(800);
    expect(await generation()).toBe(stoppedAt);

    await component(page, 'button-3').click(); // Clear
    await eventually('an empty board', () => gridSnapshot(page, 'grid-1'), (s) => cellsColored(s, ALIVE).length === 0);

    // A horizontal blinker, drawn by clicking; clicking twice toggles back.
    await clickGridCell(page, 'grid-1', 10, 10);
    await eventually('a clicked cell to turn green', () => gridSnapshot(page, 'grid-1'), (s) => near(cellColor(s, 10, 10), hexColor(ALIVE)));
    await clickGridCell(page, 'grid-1', 10, 10);
    await eventually('a second click to clear it', () => gridSnapshot(page, 'grid-1'), (s) => cellsColored(s, ALIVE).length === 0);
    for (const x of [5, 6, 7]) await clickGridCell(page, 'grid-1', x, 5);
    shot = await eventually('three green cells', () => gridSnapshot(page, 'grid-1'), (s) => cellsColored(s, ALIVE).length === 3);
    expect(cellsColored(shot, ALIVE)).toEqual([
      [5, 5],
      [6, 5],
      [7, 5],
    ]);

    await component(page, 'button-1').click(); // Start
    await eventually('the game to run on', generation, (n) => n > stoppedAt);
    // The blinker turns vertical on the next generation (and back after it).
    await eventually(
      'the blinker to flip vertical',
      () => gridSnapshot(page, 'grid-1'),
      (s) => JSON.stringify(cellsColored(s, ALIVE)) === JSON.stringify([[6, 4], [6, 5], [6, 6]]),
    );
  });

  it('maze: BFS finds the shortest path, and a clicked cell becomes the new goal', async () => {
    const [WALL, EXPLORED, PATH] = ['#37474f', '#bbdefb', '#ffb300'];
    const { page } = await start('maze', { SIDEKICK_EXAMPLE_DELAY: '0.002' });
    const done = /^Path to \((\d+), (\d+)\): (\d+) steps, (\d+) cells explored/;
    let match = await eventuallyMatches('the first path', text(page, 'label-1'), done);
    expect(match.slice(1, 3)).toEqual(['19', '13']);
    let shot = await gridSnapshot(page, 'grid-1');
    expect(cellsColored(shot, PATH)).toHaveLength(Number(match[3]));
    expect(cellsColored(shot, EXPLORED).length + cellsColored(shot, PATH).length).toBe(Number(match[4]));
    expect(near(cellColor(shot, 0, 0), hexColor(WALL))).toBe(true);
    expect(cellHasText(shot, 1, 1)).toBe(true); // S
    expect(cellHasText(shot, 19, 13)).toBe(true); // G
    expect(cellHasText(shot, 2, 1)).toBe(false);

    await clickGridCell(page, 'grid-1', 0, 0);
    await eventuallyMatches('the wall refusal', text(page, 'label-1'), /^\(0, 0\) is not an open cell/);

    // Any open cell that is not the start or the current goal.
    const open = [] as [number, number][];
    for (let y = 1; y < 14; y++) {
      for (let x = 1; x < 20; x++) if (!near(cellColor(shot, x, y), hexColor(WALL)) && x + y > 2 && !(x === 19 && y === 13)) open.push([x, y]);
    }
    const [gx, gy] = open[Math.floor(open.length / 3)] ?? [1, 13];
    await clickGridCell(page, 'grid-1', gx, gy);
    match = await eventuallyMatches(`a path to (${gx}, ${gy})`, text(page, 'label-1'), new RegExp(`^Path to \\(${gx}, ${gy}\\): (\\d+) steps`));
    shot = await gridSnapshot(page, 'grid-1');
    expect(cellsColored(shot, PATH)).toHaveLength(Number(match[1]));
    expect(near(cellColor(shot, gx, gy), hexColor(PATH))).toBe(true);
    expect(cellHasText(shot, gx, gy)).toBe(true);
    expect(cellHasText(shot, 19, 13)).toBe(false); // the old G is gone
  });

  it('hanoi: moves the tower to peg C, then the script ends and everything it sent is shown', async () => {
    const { page, script } = await start('hanoi', { SIDEKICK_EXAMPLE_DELAY: '0.01' }, false);
    const exit = await script.waitForExit(30_000);
    expect(exit.code).toBe(0);
    await eventually('the final move', text(page, 'label-1'), (t) => t === 'Move 15 of 15: disk 1 from B to C');
    const log = await consoleText(page, 'console-1');
    expect(log.trim().split('\n')).toHaveLength(16);
    expect(log).toContain(' 8. disk 4: A -> C');
    expect(log).toContain('Done: the tower stands on peg C.');
    await eventually('the hero to go offline', () => statusPart(page, 'hero').textContent(), (t) => t === 'Hero offline');

    // Disks 4..1 stacked on peg C (x = 350), none left on A (x = 70) or B (x = 210).
    const image = await canvasScreenshot(page, 'canvas-1');
    const colors = ['#43a047', '#fdd835', '#fb8c00', '#e53935'];
    colors.forEach((color, level) => {
      expect(near(pixelAt(image, 365, 159 - level * 20), hexColor(color)), `disk at level ${level}`).toBe(true);
      for (const peg of [70, 210]) expect(near(pixelAt(image, peg + 15, 159 - level * 20), hexColor(color))).toBe(false);
    });
  });

  it('bouncing_ball: the ball is drawn and moves; a click throws it from there', async () => {
    const BALL = '#e53935';
    const { page } = await start('bouncing_ball');
    const first = await eventually('the ball', () => canvasScreenshot(page, 'canvas-1'), (image) => blob(image, BALL) !== null);
    const at = blob(first, BALL)!;
    // A circle of radius 16 is about 800 pixels; the background is light blue.
    expect(at.count).toBeGreaterThan(500);
    expect(near(pixelAt(first, 2, 120), hexColor('#e3f2fd'))).toBe(true);
    await eventually(
      'the ball to move',
      () => canvasScreenshot(page, 'canvas-1'),
      (image) => {
        const now = blob(image, BALL);
        return now !== null && Math.hypot(now.x - at.x, now.y - at.y) > 10;
      },
    );
    await clickCanvas(page, 'canvas-1', 250, 60);
    // The click lands within a pixel of where it was aimed (sub-pixel layout).
    const [, x, y] = await eventuallyMatches('the throw', text(page, 'label-1'), /^Thrown from \((\d+), (\d+)\)$/);
    expect(Math.abs(Number(x) - 250)).toBeLessThanOrEqual(1);
    expect(Math.abs(Number(y) - 60)).toBeLessThanOrEqual(1);
  });

  it('guess_number: answers typed guesses until the number is found', async () => {
    const { page } = await start('guess_number');
    const opening = await eventually('the question', () => consoleText(page, 'console-1'), (t) => t.includes("I'm thinking of a number"));
    // Printed before the UI was ready, delivered exactly once.
    expect(opening).toBe("I'm thinking of a number between 1 and 100. What is it?\n");
    await typeInConsole(page, 'console-1', 'abc');
    await eventually('the advice', () => consoleText(page, 'console-1'), (t) => t.includes('Please type a whole number'));

    // Binary search, reading each reply from the console.
    let [low, high] = [1, 100];
    for (let tries = 1; tries <= 7; tries++) {
      const guess = Math.floor((low + high) / 2);
      const before = (await consoleText(page, 'console-1')).length;
      await typeInConsole(page, 'console-1', String(guess));
      const reply = await eventually(
        `a reply to ${guess}`,
        async () => (await consoleText(page, 'console-1')).slice(before),
        (t) => /too low|too high|Yes, it is/.test(t),
      );
      expect(reply).toContain(`> ${guess}`);
      if (reply.includes('Yes, it is')) {
        expect(reply).toContain(`Yes, it is ${guess}! You needed ${tries} guesses.`);
        expect(reply).toContain("I'm thinking of a number"); // a new round
        return;
      }
      if (reply.includes('too low')) low = guess + 1;
      else high = guess - 1;
    }
    throw new Error('binary search did not find the number in 7 guesses');
  });

  it('sorting_viz: the Viz tree shows the list sorted, and the button sorts a shuffled list again', async () => {
    const { page } = await start('sorting_viz', { SIDEKICK_EXAMPLE_DELAY: '0.03' });
    const sorted = ['numbers list 9 items', ...Array.from({ length: 9 }, (_, i) => `${i} int ${i + 1}`)];
    const isDone = (lines: string[]) => lines.includes('"done" bool true');
    let lines = await eventually('the sorted list', () => vizLines(page, 'viz-1'), isDone);
    expect(lines.slice(0, 10)).toEqual(sorted);
    expect(lines).toContain('"comparisons" int 36');
    expect(lines).toContain('"algorithm" str "bubble sort"');

    await component(page, 'button-1').click();
    await eventually('a new sort to start', () => vizLines(page, 'viz-1'), (l) => l.includes('"done" bool false'));
    lines = await eventually('the new sort to finish', () => vizLines(page, 'viz-1'), isDone);
    expect(lines.slice(0, 10)).toEqual(sorted);
  });

  it('drawing_pad: clicks draw dots and lines in the chosen colour; fill and clear work', async () => {
    const RED = hexColor('#e53935');
    const { page } = await start('drawing_pad');
    await page.getByRole('button', { name: 'Red' }).click();
    await eventually('the red pen', text(page, 'label-1'), (t) => t === 'Pen: red');
    for (const [x, y] of [
      [100, 100],
      [300, 100],
      [200, 250],
    ] as const) {
      await clickCanvas(page, 'canvas-1', x, y);
    }
    await eventually('three dots', text(page, 'label-1'), (t) => t === '3 dots in this shape');
    let image = await canvasScreenshot(page, 'canvas-1');
    expect(near(pixelAt(image, 100, 100), RED)).toBe(true); // a dot
    expect(near(pixelAt(image, 200, 100), RED)).toBe(true); // on the line between the first two
    expect(near(pixelAt(image, 200, 150), RED)).toBe(false); // inside, not filled yet

    await page.getByRole('button', { name: 'Fill shape' }).click();
    image = await eventually('the filled triangle', () => canvasScreenshot(page, 'canvas-1'), (i) => near(pixelAt(i, 200, 150), RED));
    expect(countNear(image, RED, { x: 0, y: 0, width: 400, height: 300 })).toBeGreaterThan(15_000);

    await page.getByRole('button', { name: 'Clear' }).click();
    image = await eventually('a cleared pad', () => canvasScreenshot(page, 'canvas-1'), (i) => !near(pixelAt(i, 100, 100), RED));
    expect(countNear(image, RED, { x: 0, y: 0, width: 400, height: 300 })).toBe(0);
  });

  it('form: text boxes report their values and Send shows the Markdown result', async () => {
    const { page } = await start('form');
    const name = page.getByPlaceholder('Ada Lovelace');
    const language = page.getByPlaceholder('Python');
    const result = page.locator('.sk-markdown').last();
    await name.fill('Ada');
    await name.press('Enter');
    await eventually('the greeting', () => page.getByText('Hello, Ada.').count(), (n) => n === 1);

    await page.getByRole('button', { name: 'Send' }).click();
    await eventually('the reminder', () => result.textContent(), (t) => t?.trim() === 'Please fill in both fields.');
    expect(await result.locator('strong').textContent()).toBe('both');

    // Typed but not confirmed: leaving the box for the button submits it first.
    await language.fill('Rust');
    await page.getByRole('button', { name: 'Send' }).click();
    await eventually('the thanks', () => result.locator('h3').textContent(), (t) => t === 'Thank you, Ada!');
    expect(await result.locator('strong').textContent()).toBe('Rust');

    await page.getByRole('button', { name: 'Reset' }).click();
    await eventually('an empty form', async () => [await name.inputValue(), await language.inputValue()], (v) => v.join('') === '');
    await eventually('the reset result', () => result.locator('em').textContent(), (t) => t === 'Nothing sent yet.');
  });

  it('async_counter: coroutine handlers count while a background task ticks', async () => {
    const { page } = await start('async_counter');
    const count = page.getByText(/^Count: -?\d+$/);
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: '+1', exact: true }).click();
    await eventually('three clicks', () => count.textContent(), (t) => t === 'Count: 3');
    await page.getByRole('button', { name: '-1' }).click();
    await eventually('minus one', () => count.textContent(), (t) => t === 'Count: 2');
    await page.getByRole('button', { name: '+10 slowly' }).click();
    await eventually('ten slow steps', () => count.textContent(), (t) => t === 'Count: 12');
    await page.getByRole('button', { name: 'Reset' }).click();
    await eventually('the reset', () => count.textContent(), (t) => t === 'Count: 0');
    await eventuallyMatches('the clock to tick', () => page.getByText(/^Running for/).textContent(), /^Running for ([2-9]|\d\d+) s$/);
  });

  it('todo_list: Enter adds a row, Done removes it, and the Viz list follows', async () => {
    const { page } = await start('todo_list');
    const box = page.getByPlaceholder('What needs doing?');
    for (const task of ['Buy milk', 'Write tests']) {
      await box.fill(task);
      await box.press('Enter');
      // The script empties the box after each task.
      await eventually('the box to be emptied', () => box.inputValue(), (v) => v === '');
    }
    await eventually('two rows', () => page.locator('.sk-row').count(), (n) => n === 2);
    await eventually('the summary', () => page.getByText(/open, \d+ done/).textContent(), (t) => t === '2 open, 0 done.');
    await eventually(
      'two tasks in the Viz',
      () => vizLines(page, 'viz-1'),
      (l) => l.join('|') === 'open_tasks list 2 items|0 str "Buy milk"|1 str "Write tests"',
    );

    await page.locator('.sk-row', { hasText: 'Buy milk' }).getByRole('button', { name: 'Done' }).click();
    await eventually('one row left', () => page.locator('.sk-row').allTextContents(), (rows) => rows.length === 1 && rows[0]!.includes('Write tests'));
    await eventually('the new summary', () => page.getByText(/open, \d+ done/).textContent(), (t) => t === '1 open, 1 done.');
    await eventually(
      'one task in the Viz',
      () => vizLines(page, 'viz-1'),
      (l) => l.join('|') === 'open_tasks list 1 item|0 str "Write tests"',
    );
  });
});
