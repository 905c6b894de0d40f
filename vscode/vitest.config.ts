import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests run the extension-host code against test/fake-vscode.ts; the
// webview and code-server tests start real processes and a real Chromium, one
// file at a time to spare the machine's cores.
export default defineConfig({
  resolve: { alias: { vscode: fileURLToPath(new URL('./test/fake-vscode.ts', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
