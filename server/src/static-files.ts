// Serves the built UI (ui/dist): files by path, `/<name>` as `<name>.html` when
// that exists, and app routes such as `/session/<id>` as index.html.
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.py': 'text/x-python; charset=utf-8',
  '.woff2': 'font/woff2',
  '.zip': 'application/zip',
  '.whl': 'application/zip',
  '.tar': 'application/x-tar',
};

export function contentType(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

const NOT_BUILT_PAGE = `<!doctype html>
<meta charset="utf-8"><title>Sidekick: UI not built</title>
<h1>The Sidekick UI has not been built</h1>
<p>The relay is running, but there is no UI to serve yet. In the repository, run:</p>
<pre>npm run build</pre>
<p>then reload this page.</p>
`;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The file to answer a URL path with, or undefined for 404. Never leaves `root`. */
export function resolveStatic(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const path = normalize(join(root, decoded));
  if (path !== root && !path.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  if (isFile(path)) return path;
  if (!decoded.endsWith('/') && isFile(`${path}.html`)) return `${path}.html`;
  if (isFile(join(path, 'index.html'))) return join(path, 'index.html');
  // An app route (no file extension) is the single-page app's business.
  if (extname(decoded) === '') return join(root, 'index.html');
  return undefined;
}

export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, urlPath: string): void {
  if (!existsSync(join(root, 'index.html'))) {
    res.writeHead(503, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(NOT_BUILT_PAGE);
    return;
  }
  const file = resolveStatic(root, urlPath);
  if (!file || !isFile(file)) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`Not found: ${urlPath}\n`);
    return;
  }
  const info = statSync(file);
  const modified = new Date(Math.floor(info.mtimeMs / 1000) * 1000); // HTTP dates have whole seconds
  const headers: Record<string, string | number> = {
    'Content-Type': contentType(file),
    'Last-Modified': modified.toUTCString(),
    // Vite names built assets by content hash; everything else is revalidated.
    'Cache-Control': file.startsWith(join(root, 'assets') + sep) ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  if (!Number.isNaN(since) && modified.getTime() <= since) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': info.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
