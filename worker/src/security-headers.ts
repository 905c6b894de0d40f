// Every answer of the Worker carries the shared security headers
// (relay/src/response-headers.ts, the same the local server sends). They are
// set, not merely added when missing, so a stale ui/dist/_headers cannot
// weaken them. A 101 WebSocket answer is passed through as it is.
import { SECURITY_HEADERS } from '@sidekick/relay';

export function withSecurityHeaders(response: Response): Response {
  if (response.status === 101) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
