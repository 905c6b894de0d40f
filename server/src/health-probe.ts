// Asks whatever answers on a port whether it is a Sidekick server (GET /healthz).
import type { HealthReport } from './http-handler.js';

export async function probeSidekick(host: string, port: number, timeoutMs = 1500): Promise<HealthReport | undefined> {
  const shown = host.includes(':') ? `[${host}]` : host;
  try {
    const response = await fetch(`http://${shown}:${port}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return undefined;
    const body = (await response.json()) as Partial<HealthReport>;
    return body.name === 'sidekick' ? (body as HealthReport) : undefined;
  } catch {
    return undefined;
  }
}
