// The harness itself: Chromium starts, screenshots decode to the pixels the
// page painted, and a managed process group is really stopped.
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePng, hexColor, launchBrowser, ManagedProcess, near, pixelAt, repoRoot } from '../src/index.js';

function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('e2e harness', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reads back the colours of a screenshot', async () => {
    const page = await browser.newPage({ viewport: { width: 200, height: 100 } });
    await page.setContent(
      '<body style="margin:0;background:#ffffff">' +
        '<div style="width:100px;height:100px;background:#2e7d32;float:left"></div>' +
        '<div style="width:100px;height:100px;background:#e53935;float:left"></div></body>',
    );
    const image = decodePng(await page.screenshot());
    expect(image.width).toBe(200);
    expect(near(pixelAt(image, 50, 50), hexColor('#2e7d32'))).toBe(true);
    expect(near(pixelAt(image, 150, 50), hexColor('#e53935'))).toBe(true);
    expect(near(pixelAt(image, 150, 50), hexColor('#2e7d32'))).toBe(false);
    await page.close();
  });

  it('stops a process together with its children', async () => {
    // A shell that starts a grandchild which would outlive a plain kill.
    const proc = new ManagedProcess('sleeper', 'sh', ['-c', 'sleep 300 & echo "child $!"; wait'], { cwd: repoRoot });
    const match = await proc.waitForOutput(/child (\d+)/);
    const grandchild = Number(match[1]);
    await proc.stop(1_000);
    expect(proc.running).toBe(false);
    // Gone or a zombie (the container's init may be slow to reap orphans).
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(isRunning(grandchild)).toBe(false);
  });
});
