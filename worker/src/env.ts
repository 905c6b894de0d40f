// The Worker's bindings, declared once (wrangler.jsonc creates them).
export interface Env {
  /** One Durable Object per session id (class Session). */
  SESSION: DurableObjectNamespace;
  /** The built UI (ui/dist) as Workers static assets. */
  ASSETS: Fetcher;
}
