#!/usr/bin/env node
// Copy the Pyodide runtime from the `pyodide` npm package into ui/public/pyodide,
// so every host that serves the UI build also serves Pyodide (no CDN: offline).
import { copyFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const source = dirname(require.resolve('pyodide/package.json'));
const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'pyodide');
// What loadPyodide() fetches from its indexURL (checked in Chromium for this
// version), plus package.json for the version number.
const FILES = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json', 'package.json'];

mkdirSync(target, { recursive: true });
for (const file of FILES) {
  const from = join(source, file);
  const to = join(target, file);
  if (!existsSync(from)) throw new Error(`pyodide package is missing ${file}; run npm ci`);
  if (existsSync(to) && statSync(to).size === statSync(from).size && statSync(to).mtimeMs >= statSync(from).mtimeMs) continue;
  // Copy then rename, so that a server (or a second build) never sees half a file.
  const partial = `${to}.${process.pid}.partial`;
  copyFileSync(from, partial);
  renameSync(partial, to);
}
