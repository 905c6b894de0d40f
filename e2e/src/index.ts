// Harness for the browser end-to-end tests; tests import from here.
export * from './browser.js';
export * from './png.js';
export * from './process.js';
export * from './repo.js';
export * from './sidekick.js';
