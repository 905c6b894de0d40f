// The documented deploy command, checked offline: `wrangler deploy --dry-run
// --outdir DIR` (docs/deploy.md) bundles the Worker, reads the UI assets and
// lists the Durable Object binding; the configuration it deploys (read by
// wrangler itself) carries the migration that creates the bound class, and the
// bundle exports that class.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { unstable_readConfig } from 'wrangler';
import { WRANGLER_CONFIG } from './harness/paths.js';

const wranglerBin = join(dirname(createRequire(import.meta.url).resolve('wrangler/package.json')), 'bin', 'wrangler.js');
const outdir = mkdtempSync(join(tmpdir(), 'sidekick-worker-dry-run-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** The parts of wrangler's resolved configuration this test reads. */
interface DeployConfig {
  durable_objects: { bindings: { name: string; class_name: string; script_name?: string }[] };
  migrations: { tag: string; new_classes?: string[]; new_sqlite_classes?: string[] }[];
}

it('wrangler deploy --dry-run bundles the Worker with the SESSION Durable Object and its migration', () => {
  const result = spawnSync(process.execPath, [wranglerBin, 'deploy', '--dry-run', '--outdir', outdir], {
    cwd: dirname(WRANGLER_CONFIG),
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', NO_COLOR: '1' },
  });
  const output = `${result.stdout}${result.stderr}`;
  expect(result.status, output).toBe(0);
  expect(output).toMatch(/env\.SESSION \(Session\)\s+Durable Object/);
  expect(output).toMatch(/Read \d+ files from the assets directory .*ui\/dist/);
  expect(output).toContain('--dry-run: exiting now.');

  const bundle = readFileSync(join(outdir, 'index.js'), 'utf8');
  const exported = /export \{([^}]*)\};\s*(\/\/# sourceMappingURL=.*)?\s*$/.exec(bundle)?.[1] ?? '';
  expect(exported.split(',').map((name) => name.trim())).toEqual(expect.arrayContaining(['Session', expect.stringMatching(/ as default$/)]));

  const config: DeployConfig = unstable_readConfig({ config: WRANGLER_CONFIG });
  const binding = config.durable_objects.bindings.find((b) => b.name === 'SESSION');
  expect(binding?.class_name).toBe('Session');
  expect(binding?.script_name).toBeUndefined(); // the class lives in this Worker
  const created = config.migrations.flatMap((m) => [...(m.new_sqlite_classes ?? []), ...(m.new_classes ?? [])]);
  expect(created).toContain('Session');
});
