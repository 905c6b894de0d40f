// Everything one test starts (pages, processes), stopped in afterEach; when
// the test failed, a screenshot of each page and each process's output are
// kept in e2e/artifacts/ to show what a person would have seen.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openPanel } from './panel.js';
import type { ManagedProcess } from './process.js';
import { artifactsDir } from './repo.js';

export class Stage {
  private pages: Page[] = [];
  private processes: ManagedProcess[] = [];

  async open(browser: Browser, url: string, viewport?: { width: number; height: number }): Promise<Page> {
    const page = await openPanel(browser, url, viewport);
    this.pages.push(page);
    return page;
  }

  track<T extends ManagedProcess>(process: T): T {
    this.processes.push(process);
    return process;
  }

  /** Stop everything; `failedTest` names the artifacts to keep. */
  async cleanup(failedTest?: string): Promise<void> {
    const pages = this.pages.splice(0);
    const processes = this.processes.splice(0);
    if (failedTest) await this.keep(failedTest, pages, processes);
    for (const page of pages) await page.close().catch(() => undefined);
    for (const process of processes) await process.stop();
  }

  private async keep(test: string, pages: Page[], processes: ManagedProcess[]): Promise<void> {
    const slug = test.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 80);
    mkdirSync(artifactsDir, { recursive: true });
    for (const [i, page] of pages.entries()) {
      await page.screenshot({ path: join(artifactsDir, `${slug}-page${i}.png`), fullPage: true }).catch(() => undefined);
    }
    const logs = processes.map((p) => `=== ${p.label}\n${p.output}`).join('\n');
    writeFileSync(join(artifactsDir, `${slug}.log`), logs);
    console.error(`[e2e] ${test} failed; artifacts in ${artifactsDir}/${slug}*\n${logs}`);
  }
}
