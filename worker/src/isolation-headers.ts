// The UI runs Pyodide, which needs cross-origin isolation (SharedArrayBuffer
// for interrupting Python). ui/dist/_headers asks for the same headers; the
// Worker adds any that are missing, so the UI is isolated whatever the build
// ships (the local server sends the same three).
const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function withIsolationHeaders(response: Response): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) {
    if (!headers.has(name)) headers.set(name, value);
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
