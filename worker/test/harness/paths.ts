import { fileURLToPath } from 'node:url';

const at = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

export const WRANGLER_CONFIG = at('../../wrangler.jsonc');
export const WORKER_ENTRY = at('../../src/index.ts');
/** A tiny stand-in for ui/dist so routing tests do not depend on the UI build. */
export const FIXTURE_ASSETS = at('../fixtures/assets');
/** Our worker plus a Session subclass that counts constructions (hibernation tests). */
export const PROBE_ENTRY = at('../fixtures/probe-worker.ts');
