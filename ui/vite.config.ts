/// <reference types="vitest/config" />
// Multi-page build: the Sidekick panel (index.html) and, once it exists, the
// Pyodide playground (playground.html). Served at the root by both hosts.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const pages: Record<string, string> = { index: resolve(here, 'index.html') };
if (existsSync(resolve(here, 'playground.html'))) pages.playground = resolve(here, 'playground.html');

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: { rollupOptions: { input: pages } },
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // The browser tests wait on real Chromium and real servers; on a loaded
    // two-core machine 5 s is too tight for a reconnect with backoff.
    testTimeout: 30_000,
  },
});
