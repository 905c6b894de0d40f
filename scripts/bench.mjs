#!/usr/bin/env node
// `npm run bench`: build, then run every benchmark in bench/ and print one table.
import { join } from 'node:path';
import { bootstrap, root, run } from './bootstrap.mjs';

bootstrap({ browser: true, build: true });
run(process.execPath, [join(root, 'bench', 'dist', 'src', 'index.js'), ...process.argv.slice(2)]);
