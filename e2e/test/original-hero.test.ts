// Compatibility with the existing Sidekick ecosystem: a hero written for the
// ORIGINAL sidekick-py 0.0.7, pip-installed from PyPI into
// .venv-original-sidekick (scripts/bootstrap.mjs), runs through our local
// server and is watched in real Chromium. Every component it creates renders,
// every click and line of text reaches its callbacks, and neither the UI nor
// the library reports a problem, except the one mistake the hero makes on
// purpose to show that error replies reach it too.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  canvasScreenshot,
  cellColor,
  cellHasText,
  clickCanvas,
  clickGridCell,
  component,
  consoleText,
  countNear,
  eventually,
  gridSnapshot,
  hexColor,
  type Image,
  near,
  pixelAt,
  type Rgb,
  runOriginalHero,
  statusPart,
  typeInConsole,
  useLocalSuite,
  vizLines,
} from '../src/index.js';

const suite = useLocalSuite();

// The original library numbers its components with one counter for all types.
const ID = {
  markdown: 'markdown-1',
  label: 'label-2',
  row: 'row-3',
  grid: 'grid-4',
  canvas: 'canvas-5',
  column: 'column-6',
  button: 'button-7',
  textbox: 'textbox-8',
  console: 'console-9',
  viz: 'viz-10',
};

const COLORS = {
  blueCell: '#1e88e5',
  clickedCell: '#fb8c00',
  rect: '#43a047',
  circle: '#e53935',
  polygon: '#fdd835',
  ellipse: '#8e24aa',
  line: '#000000',
  buffered: '#00acc1',
};

/** The UI's complaints in the page: a frame it could not read, a command that failed, a crash. */
function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  return problems;
}

async function openPanel(): Promise<{ page: Page; problems: string[] }> {
  const page = await suite.stage.open(suite.browser, `${suite.server.url}/`);
  const problems = watchPage(page);
  await eventually('the panel to connect', () => statusPart(page, 'connection').textContent(), (t) => t === 'Connected');
  return { page, problems };
}

async function heroOnline(page: Page): Promise<void> {
  await eventually('the hero to be online', () => statusPart(page, 'hero').textContent(), (t) => t === 'Hero online');
}

/** Pixels in a box that differ from the background: lines and text drawn there. */
function ink(image: Image, background: Rgb, box: { x: number; y: number; width: number; height: number }): number {
  return box.width * box.height - countNear(image, background, box);
}

/** Every shape the hero draws at start-up is on the canvas. */
function everyShapeDrawn(image: Image): boolean {
  return (
    near(pixelAt(image, 40, 30), hexColor(COLORS.rect)) &&
    near(pixelAt(image, 120, 40), hexColor(COLORS.circle)) &&
    near(pixelAt(image, 35, 93), hexColor(COLORS.polygon)) &&
    near(pixelAt(image, 150, 100), hexColor(COLORS.ellipse)) &&
    near(pixelAt(image, 100, 140), hexColor(COLORS.line))
  );
}

const INITIAL_VIZ = ['scores list 2 items', '0 int 10', '1 int 20', 'settings dict 2 items', '"best_time" float inf', '"level" int 3'];

describe('a hero written for the original sidekick-py 0.0.7', () => {
  it('renders every component and every event reaches its callbacks, with no error from the UI', async () => {
    const { page, problems } = await openPanel();
    const hero = suite.stage.track(runOriginalHero(suite.server.port));
    const [, version, location] = await hero.waitForOutput(/sidekick-py (\S+) from (\S+)/);
    expect(version).toBe('0.0.7');
    expect(location).toContain('.venv-original-sidekick');
    await heroOnline(page);
    const text = (id: string) => () => component(page, id).textContent();

    // Markdown, a label, and the layout: a row holding the grid and the canvas,
    // a column holding the button and the text box.
    await eventually('the Markdown heading', () => component(page, ID.markdown).locator('h2').textContent(), (t) => t === 'Original hero');
    expect(await component(page, ID.markdown).locator('strong').textContent()).toBe('sidekick-py 0.0.7');
    await eventually('the label', text(ID.label), (t) => t === 'Nothing happened yet');
    for (const [container, child] of [
      [ID.row, ID.grid],
      [ID.row, ID.canvas],
      [ID.column, ID.button],
      [ID.column, ID.textbox],
    ] as const) {
      expect(await component(page, container).locator(`[data-sk-id="${child}"]`).count(), `${child} in ${container}`).toBe(1);
    }
    expect(await component(page, ID.button).textContent()).toBe('Add a score');
    expect(await page.getByPlaceholder('Your name').count()).toBe(1);
    await eventually('the console text', () => consoleText(page, ID.console), (t) => t.includes('Type a command'));

    // The grid: a blue cell and a lettered one.
    const shot = await eventually('the blue cell', () => gridSnapshot(page, ID.grid), (s) => near(cellColor(s, 0, 0), hexColor(COLORS.blueCell)));
    expect([shot.columns, shot.rows]).toEqual([5, 4]);
    expect(cellHasText(shot, 1, 0)).toBe(true);
    expect(cellHasText(shot, 2, 0)).toBe(false);

    // The canvas: every shape, the rectangle without an outline (line_width=0),
    // the polyline and the text as ink where they were drawn.
    let image = await eventually('every shape on the canvas', () => canvasScreenshot(page, ID.canvas), everyShapeDrawn);
    const background = pixelAt(image, 195, 5);
    // Across the rectangle's left and top edges (within a pixel of sub-pixel layout), only fill or background.
    for (const [px, py] of [[7, 30], [8, 30], [9, 30], [10, 30], [11, 30], [12, 30], [40, 7], [40, 8], [40, 9], [40, 10], [40, 11], [40, 12]] as const) {
      const seen = pixelAt(image, px, py);
      expect(near(seen, hexColor(COLORS.rect)) || near(seen, background), `no outline at (${px}, ${py}): ${seen.join(', ')}`).toBe(true);
    }
    expect(ink(image, background, { x: 82, y: 112, width: 36, height: 16 }), 'the polyline').toBeGreaterThan(10);
    expect(ink(image, background, { x: 78, y: 58, width: 24, height: 34 }), 'the text').toBeGreaterThan(10);

    // The Viz: a list in an ObservableValue and a dict holding float("inf"),
    // which Python's json.dumps sends as the bare word Infinity.
    expect(await eventually('the Viz', () => vizLines(page, ID.viz), (l) => l.length === INITIAL_VIZ.length)).toEqual(INITIAL_VIZ);

    // A grid click: the hero colours the cell and says where it was.
    await clickGridCell(page, ID.grid, 2, 1);
    await hero.waitForOutput(/grid click 2 1\n/);
    await eventually('the clicked cell', () => gridSnapshot(page, ID.grid), (s) => near(cellColor(s, 2, 1), hexColor(COLORS.clickedCell)));
    await eventually('the label to follow', text(ID.label), (t) => t === 'Grid cell (2, 1)');

    // A text box submitted with Enter: the hero greets and empties the box.
    const box = page.getByPlaceholder('Your name');
    await box.fill('Ada');
    await box.press('Enter');
    await hero.waitForOutput(/textbox submit Ada\n/);
    await eventually('the greeting', text(ID.label), (t) => t === 'Hello, Ada');
    await eventually('the box to be emptied', () => box.inputValue(), (v) => v === '');

    // A button click: the ObservableValue grows, the Viz and the caption follow.
    await component(page, ID.button).click();
    await hero.waitForOutput(/button click\n/);
    await eventually('the new caption', text(ID.button), (t) => t === 'Scores: 3');
    await eventually('the new score in the Viz', () => vizLines(page, ID.viz), (l) => l.includes('2 int 30'));
    expect(await vizLines(page, ID.viz)).toContain('scores list 3 items');

    // A canvas click: the hero reports the point and paints a frame through an offscreen buffer.
    await clickCanvas(page, ID.canvas, 180, 20);
    const [, x, y] = await hero.waitForOutput(/canvas click (\d+) (\d+)\n/);
    expect(Math.abs(Number(x) - 180)).toBeLessThanOrEqual(1);
    expect(Math.abs(Number(y) - 20)).toBeLessThanOrEqual(1);
    image = await eventually('the buffered frame', () => canvasScreenshot(page, ID.canvas), (i) => near(pixelAt(i, 5, 5), hexColor(COLORS.buffered)));
    expect(near(pixelAt(image, 195, 145), hexColor(COLORS.buffered))).toBe(true);

    // A line typed into the console.
    await typeInConsole(page, ID.console, 'hello');
    await hero.waitForOutput(/console submit hello\n/);
    await eventually('the reply', () => consoleText(page, ID.console), (t) => t.includes('You typed: hello'));

    // Nothing so far made the UI answer with an error, or complain in the page.
    expect(hero.output).not.toMatch(/UI error reply/);
    expect(hero.output).not.toMatch(/Traceback/);
    expect(problems).toEqual([]);

    // A mistake on purpose (drawing into a buffer that does not exist): the
    // UI's error reply reaches the library, which calls the canvas's on_error.
    await typeInConsole(page, ID.console, 'mistake');
    const [, message] = await hero.waitForOutput(/canvas error (.+)\n/);
    expect(message).toContain('buffer 7');
    const replies = hero.output.split('\n').filter((line) => line.startsWith('UI error reply'));
    expect(replies).toHaveLength(1);
    expect(JSON.parse(replies[0]!.slice('UI error reply: '.length))).toMatchObject({ component: 'canvas', type: 'error', src: ID.canvas });

    // Ctrl+C ends the hero; the panel says so.
    hero.interrupt();
    await eventually('the hero to go offline', () => statusPart(page, 'hero').textContent(), (t) => t === 'Hero offline');
  });

  it('shows what a hero that started first sent while it waited for a panel', async () => {
    const hero = suite.stage.track(runOriginalHero(suite.server.port));
    await hero.waitForOutput(/all components created/);
    // The hero is connected (the only peer of the server) before the panel opens.
    await eventually(
      'the hero to connect',
      async () => ((await (await fetch(`${suite.server.url}/healthz`)).json()) as { peers: number }).peers,
      (peers) => peers === 1,
    );
    const { page, problems } = await openPanel();
    await heroOnline(page);
    await eventually('the Markdown heading', () => component(page, ID.markdown).locator('h2').textContent(), (t) => t === 'Original hero');
    await eventually('the blue cell', () => gridSnapshot(page, ID.grid), (s) => near(cellColor(s, 0, 0), hexColor(COLORS.blueCell)));
    await eventually('every shape on the canvas', () => canvasScreenshot(page, ID.canvas), everyShapeDrawn);
    expect(await eventually('the Viz', () => vizLines(page, ID.viz), (l) => l.length === INITIAL_VIZ.length)).toEqual(INITIAL_VIZ);

    await component(page, ID.button).click();
    await hero.waitForOutput(/button click\n/);
    await eventually('the new caption', () => component(page, ID.button).textContent(), (t) => t === 'Scores: 3');
    expect(hero.output).not.toMatch(/UI error reply|Traceback/);
    expect(problems).toEqual([]);
  });
});
