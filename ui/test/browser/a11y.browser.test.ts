// @vitest-environment node
// axe-core over a panel showing every component type and the status bar, in
// the light and the dark theme, must find nothing (every rule axe runs by
// default, any impact). The playground's page is checked in its own test file.
import { describe, expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT_MS, axeViolations, type Message, msg, openPanelSession, type ScriptedHero, useServerAndBrowser } from './harness';

const parts = useServerAndBrowser();


const int = (v: number) => ({ type: 'int', value: v, id: `int-${v}` });
const str = (v: string) => ({ type: 'str', value: v, id: `str-${v}` });

/** One of everything a hero can show, with program-chosen colours and text. */
function showEverything(hero: ScriptedHero): void {
  hero.sendAll([
    msg.spawn('markdown', 'md', { text: '# Game of life\n\nA [link](https://example.org), `code`, and a table:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> a quote' }),
    msg.spawn('row', 'controls'),
    msg.spawn('button', 'start', { text: 'Start', parent: 'controls' }),
    msg.spawn('label', 'gen', { text: 'Generation 0', parent: 'controls' }),
    msg.spawn('textbox', 'name', { placeholder: 'Your name', parent: 'controls' }),
    msg.spawn('column', 'boards'),
    msg.spawn('grid', 'life', { numColumns: 25, numRows: 25, parent: 'boards' }),
    msg.update('grid', 'life', 'setColor', { x: 1, y: 1, color: 'black' }),
    msg.update('grid', 'life', 'setText', { x: 2, y: 2, text: '7' }),
    msg.spawn('canvas', 'pic', { width: 400, height: 300, parent: 'boards', description: 'An orange box' }),
    msg.update('canvas', 'pic', 'drawRect', { x: 10, y: 10, width: 100, height: 50, fillColor: 'orange' }),
    msg.spawn('console', 'log', { showInput: true }),
    msg.update('console', 'log', 'append', { text: 'hello from the hero' }),
    msg.spawn('viz', 'vars'),
    msg.update('viz', 'vars', 'set', { path: [], valueRepresentation: { type: 'list', id: 'L', value: [int(1), str('two')], length: 2 }, length: 2 }, { variableName: 'xs' }),
    msg.spawn('label', 'last', { text: 'all shown' }),
  ]);
}

const THEMES = [
  { theme: 'light', how: 'the system preference', colorScheme: 'light' as const, query: '' },
  { theme: 'dark', how: '?theme=dark over a light system', colorScheme: 'light' as const, query: '?theme=dark' },
  { theme: 'dark', how: 'the system preference', colorScheme: 'dark' as const, query: '' },
];

describe('accessibility (axe-core)', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  it.each(THEMES)('finds no violation with every component in the $theme theme ($how)', async ({ theme, colorScheme, query }) => {
    const { hero, page, close } = await openPanelSession(parts.browser, parts.server.url, `a11y-${process.pid}-${theme}-${query ? 'forced' : 'system'}`, {
      colorScheme,
      query,
    });
    try {
      showEverything(hero);
      await page.getByText('all shown').waitFor();
      await page.locator('[data-sk-id="vars"] .sk-viz-toggle').first().click(); // open the list: its children are checked too
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background, 'the theme in force').toBe(theme === 'dark' ? 'rgb(23, 25, 28)' : 'rgb(247, 247, 245)');
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await close();
    }
  });

  it('names a canvas, reads the program\'s description, and clicks it from the keyboard', async () => {
    const { hero, page, close } = await openPanelSession(parts.browser, parts.server.url, `a11y-${process.pid}-canvas`);
    try {
      hero.sendAll([msg.spawn('canvas', 'plain', { width: 200, height: 100 }), msg.spawn('canvas', 'told', { width: 400, height: 300, description: 'A red ball in a box' })]);
      await page.locator('[data-sk-id="told"] canvas').waitFor();
      const plain = page.getByRole('application', { name: 'drawing canvas, 200 by 100 pixels; arrow keys move a pointer, Enter clicks' });
      expect(await plain.count()).toBe(1);
      const told = page.locator('[data-sk-id="told"] canvas');
      const description = await told.evaluate((element) => document.getElementById(element.getAttribute('aria-describedby') ?? '')?.textContent);
      expect(description).toBe('A red ball in a box');
      // Keyboard: focus, two steps right (10 px each), one down with Shift (1 px), Enter: a click at the pointer.
      await told.focus();
      for (const key of ['ArrowRight', 'ArrowRight', 'Shift+ArrowDown', 'Enter']) await page.keyboard.press(key);
      const click = await hero.waitFor((m: Message) => m.type === 'event' && m.src === 'told', 'keyboard click on the canvas');
      expect(click.payload).toEqual({ event: 'click', x: 220, y: 151 });
      expect(await page.locator('[data-sk-id="told"] .sk-canvas-pointer').isVisible()).toBe(true);
    } finally {
      await close();
    }
  });
});
