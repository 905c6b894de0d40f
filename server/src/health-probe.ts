// Asks whatever answers on a port whether it is a Sidekick server (GET /healthz),
// and whether it is one this user started (server-identity.ts).
import type { HealthReport } from './http-handler.js';
import { identityFile, newChallenge, provesKey, readKey, keyDir } from './server-identity.js';

export async function probeSidekick(host: string, port: number, timeoutMs = 1500, challenge?: string): Promise<HealthReport | undefined> {
  const shown = host.includes(':') ? `[${host}]` : host;
  const query = challenge === undefined ? '' : `?challenge=${challenge}`;
  try {
    const response = await fetch(`http://${shown}:${port}/healthz${query}`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return undefined;
    const body = (await response.json()) as Partial<HealthReport>;
    return body.name === 'sidekick' ? (body as HealthReport) : undefined;
  } catch {
    return undefined;
  }
}

export type ServerCheck =
  | { readonly kind: 'none' }
  | { readonly kind: 'ours'; readonly report: HealthReport }
  | { readonly kind: 'unproven'; readonly why: string };

/**
 * Is there a Sidekick server on `port` that this user started? 'unproven'
 * when something answers like one but cannot prove it holds the key in the
 * user's state folder (another program, another user's server, or a server
 * too old to know the challenge).
 */
export async function checkOwnServer(host: string, port: number, dir = keyDir()): Promise<ServerCheck> {
  const challenge = newChallenge();
  const report = await probeSidekick(host, port, 1500, challenge);
  if (!report) return { kind: 'none' };
  const file = identityFile(port, dir);
  const key = readKey(file);
  if (key === undefined) return { kind: 'unproven', why: `there is no key file ${file}` };
  if (!provesKey(key, challenge, report.proof)) return { kind: 'unproven', why: `it does not know the key in ${file}` };
  return { kind: 'ours', report };
}
