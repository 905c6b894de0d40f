// Runs in the Sidekick webview before the UI. Two jobs, both for the host:
// follow VS Code's light/dark/high-contrast kind (its colours come in through
// theme.css), and tell the extension this webview's origin so the relay it
// runs admits exactly that origin (docs/vscode.md "The webview's origin").
/* global acquireVsCodeApi */
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  vscode.postMessage({ type: 'sidekick-webview-ready', origin: window.location.origin });

  function kind() {
    const classes = document.body.classList;
    return classes.contains('vscode-light') || classes.contains('vscode-high-contrast-light') ? 'light' : 'dark';
  }

  function follow() {
    document.documentElement.setAttribute('data-sk-theme', kind());
  }

  document.addEventListener('DOMContentLoaded', function () {
    follow();
    // VS Code swaps the body's classes when the user changes theme.
    new MutationObserver(follow).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  });
})();
