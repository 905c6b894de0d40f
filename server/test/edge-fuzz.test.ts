// The edge fuzz corpus (relay/conformance) against the real `sidekick serve`
// process, serving a small UI directory with a secret file beside it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineEdgeFuzz, SECRET_FILE, SECRET_TEXT } from '@sidekick/relay/conformance';
import { startCli } from './cli-process.js';

defineEdgeFuzz('sidekick serve (real process)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'sidekick-fuzz-'));
  const uiDir = join(root, 'ui');
  mkdirSync(join(uiDir, 'assets'), { recursive: true });
  writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>fuzz index</title>');
  writeFileSync(join(uiDir, 'playground.html'), '<!doctype html><title>fuzz playground</title>');
  writeFileSync(join(uiDir, 'assets', 'app.js'), 'console.log("fuzz app");');
  writeFileSync(join(root, SECRET_FILE), SECRET_TEXT);
  const proc = startCli(['serve', '--port', '0', '--quiet'], { SIDEKICK_UI_DIR: uiDir }, true);
  const { port } = await proc.listening();
  return {
    port,
    hostHeader: `127.0.0.1:${port}`,
    uiDir,
    alive: () => proc.child.exitCode === null && proc.child.signalCode === null,
    close: async () => {
      await proc.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
});
