// The Worker's fetch: WebSocket upgrades on /?session=<id> go to that
// session's Durable Object; everything else is the UI (static assets).
import type { Env } from './env.js';
import { withIsolationHeaders } from './isolation-headers.js';
import { isValidSessionId } from '@sidekick/relay';

function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(`${body}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers } });
}

function isUpgrade(request: Request): boolean {
  return request.headers.get('Upgrade')?.toLowerCase() === 'websocket';
}

/** Requests for the relay endpoint: `/` with an Upgrade or a `session` parameter. */
function isRelayRequest(url: URL, request: Request): boolean {
  return url.pathname === '/' && (isUpgrade(request) || url.searchParams.has('session'));
}

function relay(url: URL, request: Request, env: Env): Promise<Response> | Response {
  const session = url.searchParams.get('session');
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

export async function handleRequest(request: Request, env: Env): Promise<Response> {
  const url = new URL(request.url);
  if (isRelayRequest(url, request)) return relay(url, request, env);
  if (isUpgrade(request)) return text(404, 'The Sidekick relay endpoint is /?session=<id>.');
  return withIsolationHeaders(await env.ASSETS.fetch(request));
}

export default {
  fetch: handleRequest,
} satisfies ExportedHandler<Env>;
