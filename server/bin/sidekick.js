#!/usr/bin/env node
// The `sidekick` command. The CLI is written in TypeScript; this shim runs its build.
import '../dist/src/cli.js';
