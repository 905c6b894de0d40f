// The server package's own version and location, read once at start-up.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** server/ (this file is built to server/dist/src/). */
export const serverPackageDir = fileURLToPath(new URL('../../', import.meta.url));
/** The repository root (server/..). */
export const repoDir = fileURLToPath(new URL('../../../', import.meta.url));

export const serverVersion: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
