// The panel's page: the UI build's own index.html, with its asset paths moved
// under the webview's resource root, a strict Content-Security-Policy, the
// relay named in <meta> tags (ui/src/transport/location.ts hostEndpoint), and
// the host script that themes the panel and reports the webview's origin.
import type { PanelTarget } from './target.js';

export interface PageParts {
  /** ui/dist/index.html as built. */
  indexHtml: string;
  /** asWebviewUri of the UI folder, no trailing slash. */
  uiBase: string;
  /** asWebviewUri of media/host.js and media/theme.css. */
  hostScript: string;
  themeCss: string;
  /** webview.cspSource: where the webview may load resources from. */
  cspSource: string;
  target: PanelTarget;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The relay's origin as CSP writes it (the scheme, host and port of its ws:// address). */
export function relayOrigin(relayUrl: string): string {
  const url = new URL(relayUrl);
  return `${url.protocol}//${url.host}`;
}

/**
 * Only the webview's own resources may run or be styled; the one connection
 * allowed is to the relay. No inline script; styles allow 'unsafe-inline' as
 * the UI's own policy does (relay/src/response-headers.ts says why).
 */
export function contentSecurityPolicy(cspSource: string, relayUrl: string): string {
  return [
    "default-src 'none'",
    `script-src ${cspSource}`,
    `worker-src ${cspSource}`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} data: blob:`,
    `font-src ${cspSource}`,
    `connect-src ${relayOrigin(relayUrl)}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function panelHtml(parts: PageParts): string {
  const { uiBase, target } = parts;
  const head = [
    `<meta http-equiv="Content-Security-Policy" content="${escape(contentSecurityPolicy(parts.cspSource, target.relayUrl))}">`,
    `<meta name="sidekick-relay" content="${escape(target.relayUrl)}">`,
    `<meta name="sidekick-session" content="${escape(target.session)}">`,
    `<script src="${escape(parts.hostScript)}"></script>`,
  ].join('\n    ');
  // After the UI's stylesheet, so VS Code's colours win.
  const theme = `<link rel="stylesheet" href="${escape(parts.themeCss)}">`;
  return (
    parts.indexHtml
      // The favicon means nothing in a panel.
      .replace(/\s*<link rel="icon"[^>]*>/, '')
      // Root-relative asset paths (Vite's base '/') move under the webview's resource root.
      .replace(/(src|href)="\/(?!\/)/g, (_match, attribute: string) => `${attribute}="${uiBase}/`)
      .replace('<head>', `<head>\n    ${head}`)
      .replace('</head>', `  ${theme}\n  </head>`)
  );
}
