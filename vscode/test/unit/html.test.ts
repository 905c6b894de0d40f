import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, panelHtml } from '../../src/html.js';

const built = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
    <title>Sidekick</title>
    <script type="module" crossorigin src="/assets/index-abc.js"></script>
    <link rel="stylesheet" crossorigin href="/assets/index-abc.css">
  </head>
  <body><div id="root"></div></body>
</html>`;

const page = (relayUrl = 'ws://127.0.0.1:5163/', session = 'abc') =>
  panelHtml({
    indexHtml: built,
    uiBase: 'https://webview.test/ext/ui',
    hostScript: 'https://webview.test/ext/media/host.js',
    themeCss: 'https://webview.test/ext/media/theme.css',
    cspSource: 'https://webview.test',
    target: { relayUrl, session },
  });

describe('the panel page', () => {
  it('loads the UI build from the webview resource root, without the favicon', () => {
    const html = page();
    expect(html).toContain('src="https://webview.test/ext/ui/assets/index-abc.js"');
    expect(html).toContain('href="https://webview.test/ext/ui/assets/index-abc.css"');
    expect(html).not.toContain('favicon');
    expect(html).not.toMatch(/(src|href)="\/[^/]/);
  });

  it('names the relay and session for the UI, and runs the host script before it', () => {
    const html = page();
    expect(html).toContain('<meta name="sidekick-relay" content="ws://127.0.0.1:5163/">');
    expect(html).toContain('<meta name="sidekick-session" content="abc">');
    expect(html.indexOf('media/host.js')).toBeLessThan(html.indexOf('index-abc.js'));
    // VS Code's colours come after the UI's stylesheet, so they win.
    expect(html.indexOf('media/theme.css')).toBeGreaterThan(html.indexOf('index-abc.css'));
  });

  it('escapes what it writes into attributes', () => {
    expect(page('ws://127.0.0.1:5163/', '"><script>x</script>')).toContain('content="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
  });

  it('has a strict CSP: the webview origin for code, the relay alone for connections', () => {
    const csp = contentSecurityPolicy('https://webview.test', 'ws://127.0.0.1:5163/');
    expect(csp.split('; ')).toEqual([
      "default-src 'none'",
      'script-src https://webview.test',
      'worker-src https://webview.test',
      "style-src https://webview.test 'unsafe-inline'",
      'img-src https://webview.test data: blob:',
      'font-src https://webview.test',
      'connect-src ws://127.0.0.1:5163',
      "base-uri 'none'",
      "form-action 'none'",
    ]);
    expect(contentSecurityPolicy('https://w.test', 'wss://relay.example/proxy/5163/')).toContain('connect-src wss://relay.example;');
    expect(page()).toContain(`content="${csp}"`);
  });
});
