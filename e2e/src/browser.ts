// Debian's Chromium driven by playwright-core (never a downloaded browser).
import { type Browser, chromium } from 'playwright-core';
import { chromiumPath } from './repo.js';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
}
