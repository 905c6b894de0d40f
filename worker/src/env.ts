// The Worker's bindings, declared once (wrangler.jsonc creates them).
import type { RelayLimits } from '@sidekick/relay';

export interface Env {
  /** One Durable Object per session id (class Session). */
  SESSION: DurableObjectNamespace;
  /** The built UI (ui/dist) as Workers static assets. */
  ASSETS: Fetcher;
  /**
   * Optional overrides of the relay limits (a JSON object in wrangler.jsonc
   * `vars`), e.g. `{ "maxPeersPerSession": 64 }`. Unset fields keep the
   * relay's defaults, the same as the local server's.
   */
  RELAY_LIMITS?: Partial<RelayLimits>;
}
