import { defineConfig } from 'vitest/config';

// Browser tests start real processes and a real Chromium: give them time,
// and run files one after another to spare the machine's two cores.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
