// @sidekick/testing: the plumbing test suites and benchmarks share, so each
// piece exists once (issue #15). Test code only; nothing ships with it.
export { repoRoot, sidekickCli } from './repo.js';
export { CHROMIUM_ARGS, chromiumPath, launchChromium } from './chromium.js';
export { portAnswers, startSidekickServe, stopChild, waitForListening, type Listening, type ServeOptions, type ServeProcess } from './serve.js';
export { bundleWorkerModule } from './bundle.js';
export { median } from './stats.js';
