#!/usr/bin/env node
// `npm run screenshots -w ui`: the pictures in docs/ui.md, made from the real
// parts (local server, built UI, Debian's Chromium, a Python hero), never by hand.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootstrap, root } from '../../scripts/bootstrap.mjs';

bootstrap({ browser: true, build: true });
const { launchBrowser, runPython, startServer } = await import('@sidekick/e2e');

const here = dirname(fileURLToPath(import.meta.url));
const out = join(root, 'docs', 'images');
const SESSION = 'screenshots';
const SHOTS = [
  { file: 'panel-light.png', viewport: { width: 1100, height: 1500 }, theme: 'light' },
  { file: 'panel-dark.png', viewport: { width: 1100, height: 1500 }, theme: 'dark' },
  { file: 'panel-phone.png', viewport: { width: 390, height: 844 }, theme: 'light', scale: 2 },
];

mkdirSync(out, { recursive: true });
const server = await startServer();
const hero = runPython('screenshot hero', [join(here, 'screenshot_hero.py')], { SIDEKICK_URL: `${server.url.replace(/^http/, 'ws')}/?session=${SESSION}` });
const browser = await launchBrowser();
try {
  for (const shot of SHOTS) {
    const context = await browser.newContext({ viewport: shot.viewport, deviceScaleFactor: shot.scale ?? 1, colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(`${server.url}/session/${SESSION}?theme=${shot.theme}`);
    await page.getByText('ready for screenshots').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1500); // let the variable inspector's change highlight fade
    await page.screenshot({ path: join(out, shot.file), fullPage: shot.scale === undefined });
    console.log(`wrote docs/images/${shot.file}`);
    await context.close();
  }
} finally {
  await browser.close();
  await hero.stop();
  await server.stop();
}
