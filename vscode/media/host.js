// Runs in the Sidekick webview before the UI. Two jobs, both for the host:
// tell the UI VS Code's theme kind (light, dark, high contrast) whenever it
// changes, so the panel and its grid repaint (the colours themselves come in
// through theme.css); and tell the extension this webview's origin, so the
// relay it runs admits exactly that origin (docs/vscode.md "The webview's origin").
/* global acquireVsCodeApi */
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  vscode.postMessage({ type: 'sidekick-webview-ready', origin: window.location.origin });

  function kind() {
    const classes = document.body.classList;
    return classes.contains('vscode-light') || classes.contains('vscode-high-contrast-light') ? 'light' : 'dark';
  }

  // ui/src/views/theme.ts THEME_EVENT: the UI applies the kind and repaints.
  // The attribute is also set directly, for a UI not listening yet (it starts
  // listening once React has rendered, which may be after this first call).
  function follow() {
    document.documentElement.setAttribute('data-sk-theme', kind());
    window.dispatchEvent(new CustomEvent('sidekick-theme', { detail: { theme: kind() } }));
  }

  document.addEventListener('DOMContentLoaded', function () {
    follow();
    // VS Code swaps the body's class when the kind changes and rewrites the
    // theme variables on <html> for any theme change. The UI itself only
    // touches data-sk-theme, so following these cannot loop.
    new MutationObserver(follow).observe(document.body, { attributes: true, attributeFilter: ['class'] });
    new MutationObserver(follow).observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
  });
})();
