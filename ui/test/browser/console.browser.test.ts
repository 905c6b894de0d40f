// @vitest-environment node
// The console under a flood in Debian's Chromium, through the real local
// server: the old blocks are skipped while off screen (content-visibility),
// yet the console looks exactly as if the whole log were one laid-out text,
// and it keeps scrolling to the end (or stays put when the user scrolled up).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT_MS, msg, panelSessions, useServerAndBrowser } from './harness';
import { eventually } from './pixels';

const parts = useServerAndBrowser();
const openSession = panelSessions(parts, 'console-test');

/** `count` lines starting at `from`; every third is long enough to wrap (the worst case for a skipped block's estimated height). */
function lines(from: number, count: number): string {
  let text = '';
  for (let i = from; i < from + count; i++) text += i % 3 === 0 ? `line ${i} ${'wrapping words '.repeat(12)}\n` : `line ${i}\n`;
  return text;
}

const output = (page: Page) => page.locator('[data-sk-id="log"] pre');

/** Pixels from the bottom the console is scrolled to (0: at the end). */
const fromEnd = (page: Page) => output(page).evaluate((pre) => Math.round(pre.scrollHeight - pre.scrollTop - pre.clientHeight));

/** The console's text area: inside its padding, away from the scrollbar (whose thumb follows the estimated heights) and the box's rounded corners. */
async function shot(page: Page): Promise<Buffer> {
  const box = await output(page).evaluate((pre) => {
    const rect = pre.getBoundingClientRect();
    const inset = 4;
    return { x: rect.left + inset, y: rect.top + inset, width: pre.clientWidth - 2 * inset, height: pre.clientHeight - 2 * inset };
  });
  return page.screenshot({ clip: box });
}

describe('console flood in Chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  it('skips the old blocks, looks the same as if all were laid out, and keeps scrolling to the end', async () => {
    const { hero, page } = await openSession.open();
    hero.send(msg.spawn('console', 'log', { showInput: false }));
    // Whole-pixel lines, so the laid-out and the estimated heights add up alike and the pixels can be compared exactly.
    await output(page).evaluate((pre) => {
      pre.style.lineHeight = '20px';
    });
    // 6,000 lines in 20 appends: a few frames of many appends each.
    const appends = Array.from({ length: 20 }, (_, n) => lines(n * 300, 300));
    hero.sendAll(appends.map((text) => msg.update('console', 'log', 'append', { text })));
    const all = appends.join('');
    await eventually(() => output(page).textContent(), all, 'every line, in order');
    await eventually(() => fromEnd(page), 0, 'scrolled to the end');

    const skipped = await output(page).evaluate((pre) =>
      Array.from(pre.children)
        .filter((block) => getComputedStyle(block).contentVisibility === 'auto')
        .map((block) => getComputedStyle(block).containIntrinsicBlockSize),
    );
    expect(skipped.length).toBeGreaterThan(10); // the flood is not laid out as a whole
    for (const size of skipped) expect(size).toMatch(/^auto [1-9]\d*px$/); // sized as its lines until first shown

    // Same pixels as the same blocks all laid out, scrolled to the end.
    const blocks = await shot(page);
    await output(page).evaluate((pre) => {
      for (const block of pre.children) (block as HTMLElement).style.cssText = '';
      pre.scrollTop = pre.scrollHeight;
    });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect((await shot(page)).equals(blocks)).toBe(true);
    await page.close();
  });

  it('follows new output after a flood, and stays put once the user scrolled up', async () => {
    const { hero, page } = await openSession.open();
    const endsWith = (text: string) => output(page).evaluate((pre, text) => pre.textContent?.endsWith(text), text);
    const flood = Array.from({ length: 10 }, (_, n) => lines(n * 400, 400));
    hero.sendAll([msg.spawn('console', 'log', { showInput: false }), ...flood.map((text) => msg.update('console', 'log', 'append', { text }))]);
    await eventually(() => endsWith(flood.at(-1)!), true, 'the flood');
    for (let round = 1; round <= 3; round++) {
      const more = lines(round * 10_000, 50);
      hero.send(msg.update('console', 'log', 'append', { text: more }));
      await eventually(() => endsWith(more), true, `more output ${round}`);
      await eventually(() => fromEnd(page), 0, `still at the end after more output ${round}`);
    }
    await output(page).evaluate((pre) => {
      pre.scrollTop = 0;
    });
    const unseen = lines(50_000, 500);
    hero.send(msg.update('console', 'log', 'append', { text: unseen }));
    await eventually(() => endsWith(unseen), true, 'output while scrolled up');
    expect(await output(page).evaluate((pre) => pre.scrollTop)).toBe(0);
    await page.close();
  });
});
