// Debian's Chromium (never a downloaded browser), headless, with nothing that
// phones home. Playwright drives it in tests; the UI benchmark starts it bare
// with the same flags.
import { type Browser, chromium } from 'playwright-core';

export const chromiumPath = process.env.SIDEKICK_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A guard against a hung start on a loaded machine, not a measure of speed. */
const LAUNCH_TIMEOUT_MS = 60_000;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: [...CHROMIUM_ARGS], headless: true, timeout: LAUNCH_TIMEOUT_MS });
}
