// The lifecycle most e2e files share: one local server and one browser per
// file; after each test its pages and processes are stopped (and kept as
// artifacts when the test failed).
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchBrowser } from './browser.js';
import { type LocalServer, startServer } from './sidekick.js';
import { Stage } from './stage.js';

export interface LocalSuite {
  readonly server: LocalServer;
  readonly browser: Browser;
  readonly stage: Stage;
}

/** Register the hooks; the server and browser exist once `beforeAll` has run. */
export function useLocalSuite(): LocalSuite {
  let server: LocalServer | undefined;
  let browser: Browser | undefined;
  const stage = new Stage();

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterEach(async (context) => {
    await stage.cleanup(context.task.result?.state === 'fail' ? context.task.name : undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the e2e ${what} is used before beforeAll started it`);
    return value;
  };
  return {
    get server() {
      return ready(server, 'server');
    },
    get browser() {
      return ready(browser, 'browser');
    },
    stage,
  };
}
