import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Tests start real processes on a shared 2-core machine: generous hang guards, not time limits.
  test: { include: ['test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 },
});
