// The Worker's fetch: WebSocket upgrades on /?session=<id> go to that
// session's Durable Object, /healthz says who answers, and everything else is
// the UI (static assets). Every request first goes through the shared parse
// step (parseRequestTarget); nothing in here may throw out of fetch.
import { isValidSessionId } from '@sidekick/protocol';
import { parseRequestTarget, type RequestTarget } from '@sidekick/relay';
import type { Env } from './env.js';
import { withSecurityHeaders } from './security-headers.js';

function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(`${body}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers } });
}

function isUpgrade(request: Request): boolean {
  return request.headers.get('Upgrade')?.toLowerCase() === 'websocket';
}

/** Requests for the relay endpoint: `/` with an Upgrade or a `session` parameter. */
function isRelayRequest(target: RequestTarget, request: Request): boolean {
  return target.path === '/' && (isUpgrade(request) || target.session !== null);
}

function relay(target: RequestTarget, request: Request, env: Env): Promise<Response> | Response {
  const session = target.session;
  if (session === null || session === '') {
    return text(400, 'Missing session: connect to /?session=<id> (the cloud relay needs a session id).');
  }
  if (!isValidSessionId(session)) {
    return text(400, `Malformed session id: use 1-128 characters from A-Z a-z 0-9 _ - (got ${session.length} characters).`);
  }
  if (!isUpgrade(request)) {
    return text(426, 'This is the Sidekick relay endpoint: open it as a WebSocket (Upgrade: websocket).', {
      Upgrade: 'websocket',
    });
  }
  if (request.method !== 'GET') return text(405, 'WebSocket upgrades must use GET.', { Allow: 'GET' });
  return env.SESSION.get(env.SESSION.idFromName(session)).fetch(request);
}

/** What GET /healthz answers: enough for a monitor (and the fuzz test) to see the Worker is up. */
function health(): Response {
  return new Response(JSON.stringify({ name: 'sidekick', host: 'worker' }), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

async function route(request: Request, env: Env): Promise<Response> {
  const url = new URL(request.url);
  const parsed = parseRequestTarget(url.pathname + url.search);
  if (!parsed.ok) {
    console.warn(`refused a request: ${parsed.reason}`);
    return text(400, `Bad request: ${parsed.reason}.`);
  }
  const target = parsed.target;
  if (isRelayRequest(target, request)) return relay(target, request, env);
  if (isUpgrade(request)) return text(404, 'The Sidekick relay endpoint is /?session=<id>.');
  if (target.path === '/healthz') return health();
  return env.ASSETS.fetch(request);
}

export async function handleRequest(request: Request, env: Env): Promise<Response> {
  try {
    return withSecurityHeaders(await route(request, env));
  } catch (error) {
    // A bug must cost one request, never the isolate's other sessions.
    console.error(`a request failed: ${String(error)}`);
    return withSecurityHeaders(text(500, 'Internal error'));
  }
}

export default {
  fetch: handleRequest,
} satisfies ExportedHandler<Env>;
