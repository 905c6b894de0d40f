// How `sidekick run` knows the server on a port is a Sidekick server this user
// started, not another program answering /healthz like one. Each server
// started from the CLI writes a random key to a file only the user can read
// (<state dir>/server-<port>.key, mode 0600); /healthz?challenge=<nonce>
// answers with HMAC-SHA256(key, nonce), which only a holder of the key can give.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** A challenge a client may send: what it looks like is all the server checks. */
export const CHALLENGE_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * Where key files live: $SIDEKICK_KEY_DIR, else the per-user folder the Python
 * library keeps its state in. Not $SIDEKICK_STATE_DIR: a script run with its
 * own state folder must still recognise the user's server.
 */
export function keyDir(): string {
  const override = process.env.SIDEKICK_KEY_DIR;
  if (override) return override;
  const home = homedir();
  if (process.platform === 'win32') return join(process.env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'sidekick');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'sidekick');
  return join(process.env.XDG_DATA_HOME || join(home, '.local', 'share'), 'sidekick');
}

export function identityFile(port: number, dir: string): string {
  return join(dir, `server-${port}.key`);
}

export function proofOf(key: string, challenge: string): string {
  return createHmac('sha256', key).update(challenge).digest('hex');
}

export interface ServerIdentity {
  readonly file: string;
  /** The answer to a challenge, or undefined for a challenge of the wrong shape. */
  prove(challenge: string): string | undefined;
  /** Deletes the key file if it is still this server's (a later server on the port may have replaced it). */
  remove(): void;
}

/** Writes a fresh key for the server on `port`; the folder is made 0700 and the file 0600. */
export function createIdentity(port: number, dir: string): ServerIdentity {
  const key = randomBytes(32).toString('hex');
  const file = identityFile(port, dir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, key, { mode: 0o600, flag: 'w' });
  renameSync(temporary, file);
  return {
    file,
    prove: (challenge) => (CHALLENGE_PATTERN.test(challenge) ? proofOf(key, challenge) : undefined),
    remove: () => {
      if (readKey(file) === key) rmSync(file, { force: true });
    },
  };
}

/** The key in `file`, or undefined if there is none or it cannot be read. */
export function readKey(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

export function newChallenge(): string {
  return randomBytes(18).toString('base64url');
}

/** Does `proof` answer `challenge` for `key`? (constant-time comparison) */
export function provesKey(key: string, challenge: string, proof: unknown): boolean {
  if (typeof proof !== 'string') return false;
  const want = Buffer.from(proofOf(key, challenge));
  const got = Buffer.from(proof);
  return want.length === got.length && timingSafeEqual(want, got);
}
