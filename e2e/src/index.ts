// Harness for the browser end-to-end tests; tests import from here.
export * from './browser.js';
export * from './cloud.js';
export * from './panel.js';
export * from './png.js';
export * from './process.js';
export * from './repo.js';
export * from './sidekick.js';
export * from './stage.js';
export * from './wait.js';
export * from './suite.js';
