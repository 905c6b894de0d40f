// The user guide stays true: every complete Python snippet in
// docs/user-guide.md (one that imports sidekick) runs through `sidekick run`
// against the real server, shows components in the browser, and neither
// Python nor the UI reports an error.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  launchBrowser,
  type LocalServer,
  ManagedProcess,
  cliPath,
  repoRoot,
  Stage,
  startServer,
  statusPart,
  vizLines,
} from '../src/index.js';

const guide = readFileSync(join(repoRoot, 'docs', 'user-guide.md'), 'utf8');
const snippets = [...guide.matchAll(/```python\n([\s\S]*?)```/g)]
  .map((match) => match[1] ?? '')
  .filter((code) => code.includes('import sidekick'));

let server: LocalServer;
let browser: Browser;
let folder: string;
const stage = new Stage();

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  folder = mkdtempSync(join(tmpdir(), 'sidekick-e2e-guide-'));
});

afterEach(async (context) => {
  await stage.cleanup(context.task.result?.state === 'fail' ? context.task.name : undefined);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** Lines that show something went wrong (Ctrl+C at the end is expected). */
function problems(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => /Error|UI reported|Traceback/.test(line))
    .filter((line) => !/^(Traceback|KeyboardInterrupt|asyncio\.exceptions\.CancelledError)/.test(line.trim()));
}

describe('docs/user-guide.md', () => {
  it('has runnable snippets for the components, events, layout, animation and async sections', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(9);
  });

  /** Run one snippet through `sidekick run` with a panel open; returns the page and the script. */
  async function runSnippet(code: string, index: number) {
    const file = join(folder, `snippet_${index + 1}.py`);
    writeFileSync(file, code);
    const page = await stage.open(browser, `${server.url}/`);
    await eventually('the panel to connect', () => statusPart(page, 'connection').textContent(), (t) => t === 'Connected');
    const script = stage.track(
      new ManagedProcess(`snippet ${index + 1}`, process.execPath, [cliPath, 'run', '--port', String(server.port), '--exit', file], {
        cwd: repoRoot,
        env: { PYTHONUNBUFFERED: '1' },
      }),
    );
    await eventually('the hero to be online', () => statusPart(page, 'hero').textContent(), (t) => t === 'Hero online');
    return { page, script };
  }

  it('the Viz snippet shows exactly what the guide says (an ObservableValue changed before the panel was ready)', async () => {
    const index = snippets.findIndex((code) => code.includes('sidekick.Viz()'));
    expect(index).toBeGreaterThanOrEqual(0);
    const { page } = await runSnippet(snippets[index]!, index);
    const expected = [
      'scores dict 2 items',
      '"ada" int 3',
      '"alan" int 5',
      'numbers list 4 items',
      '0 int 0',
      '1 int 1',
      '2 int 2',
      '3 int 4',
    ];
    await eventually('the variables', () => vizLines(page, 'viz-1'), (lines) => JSON.stringify(lines) === JSON.stringify(expected));
  });

  snippets.forEach((code, index) => {
    const title = code.split('\n').find((line) => /sidekick\.[A-Z]\w+\(/.test(line))?.trim() ?? `snippet ${index + 1}`;
    it(`snippet ${index + 1} (${title}) runs and renders`, async () => {
      const { page, script } = await runSnippet(code, index);
      // Something besides the root column is on screen.
      await eventually('components', () => page.locator('[data-sk-id]').count(), (n) => n > 1);
      await page.waitForTimeout(300); // let any error reply reach the script
      script.interrupt();
      await script.waitForExit();
      expect(problems(script.output)).toEqual([]);
    });
  });
});
