// The UI fed by the real Python library (issue 17 "Targets"): a script makes a
// grid, waits for a line on stdin, then floods it with set_color; the clock
// runs from that line to the first frame that shows the last cell. Python
// decides the frames itself (batch frames, as the UI announces acceptsBatch).
/// <reference lib="dom" />
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BareChromium as Browser } from './bare-chromium.js';
import type { ServeProcess as BenchServer } from '@sidekick/testing';
import { type ProbeResult, startProbe, waitForProbe } from './ui-probe.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const SCRIPT = `
import sys
import sidekick
columns, rows, updates = (int(a) for a in sys.argv[1:4])
grid = sidekick.Grid(columns, rows)
sidekick.wait_for_connection()
print("ready", flush=True)
sys.stdin.readline()
cells = columns * rows
for i in range(updates - 1):
    cell = i % cells
    grid.set_color(cell % columns, cell // columns, "#%02x%02x80" % (i * 7 % 256, i % 256))
grid.set_color(columns - 1, rows - 1, "#010203")
sys.stdin.readline()
`;

let runs = 0;

export async function throughPython(browser: Browser, server: BenchServer, columns: number, rows: number, updates: number): Promise<{ ms: number; probe: ProbeResult; t0: number }> {
  const session = `bench-python-${process.pid}-${++runs}`;
  const page = await browser.newPage();
  await page.goto(`${server.url}/session/${session}`);
  await page.waitForFunction(() => document.querySelector('[data-sk-status="connection"]')?.textContent === 'Connected', undefined);
  const hero = spawn(join(repoRoot, '.venv', 'bin', 'python'), ['-c', SCRIPT, String(columns), String(rows), String(updates)], {
    cwd: repoRoot,
    env: { ...process.env, SIDEKICK_URL: `${server.url.replace(/^http/, 'ws')}/?session=${session}` },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      hero.stdout!.on('data', (chunk: Buffer) => (chunk.toString().includes('ready') ? resolve() : undefined));
      hero.once('exit', (code) => reject(new Error(`the Python hero exited with ${code} before it was ready`)));
    });
    await page.waitForFunction(() => document.querySelector('[data-sk-id="grid-1"] canvas') !== null, undefined);
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the first paint of a big grid settle
    await startProbe(page, { kind: 'gridCell', id: 'grid-1', x: columns - 1, y: rows - 1, rgba: [1, 2, 3, 255] });
    const t0 = Date.now();
    hero.stdin!.write('go\n');
    const probe = await waitForProbe(page);
    return { ms: probe.doneAt - t0, probe, t0 };
  } finally {
    hero.stdin!.end('\n');
    await new Promise((resolve) => {
      if (hero.exitCode !== null) return resolve(null);
      hero.once('exit', resolve);
      setTimeout(() => hero.kill('SIGKILL'), 10_000).unref();
    });
    await page.close();
  }
}
