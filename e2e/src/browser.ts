// Debian's Chromium driven by playwright-core (never a downloaded browser).
export { CHROMIUM_ARGS, launchChromium as launchBrowser } from '@sidekick/testing';
