// The security headers of every HTTP answer, defined once for both hosts (the
// local server sets them in server/src/http-handler.ts, the Worker in
// worker/src/security-headers.ts, and ui/public/_headers repeats them for
// static-asset hosting; a test in each host checks it sends exactly these).

/**
 * Content-Security-Policy of the UI and the playground. Scripts, workers,
 * styles and fetches come only from the page's own origin ('self' also covers
 * ws:/wss: to the same host, where the relay is). Pyodide compiles
 * WebAssembly, which needs 'wasm-unsafe-eval' (it allows no JS eval).
 * Markdown output may carry no script, plugin or base URL of its own; data:
 * images are allowed for inline SVG icons and canvas snapshots. Styles allow
 * 'unsafe-inline' because the playground's editor (CodeMirror 6) writes its
 * theme into <style> elements; scripts stay strict, and the Markdown sanitiser
 * strips <style> elements and style attributes from program output anyway.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  // Only our own pages may frame the UI (clickjacking); X-Frame-Options says the same to older browsers.
  "frame-ancestors 'self'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  // Cross-origin isolation: the playground shares an interrupt buffer with its Python worker (SharedArrayBuffer).
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Frame-Options': 'SAMEORIGIN',
  'X-Content-Type-Options': 'nosniff',
  // A /session/<id> page must not hand its session id to sites its Markdown links to.
  'Referrer-Policy': 'no-referrer',
});

/** The headers as a Cloudflare static-assets `_headers` file (what ui/public/_headers must hold). */
export function headersFileText(): string {
  const lines = Object.entries(SECURITY_HEADERS).map(([name, value]) => `  ${name}: ${value}`);
  return `/*\n${lines.join('\n')}\n`;
}
