// Pyodide mode: the playground page (/playground). Python runs in a Web Worker
// beside the panel; no server-side Python, no CDN.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Playground } from './Playground';
import { PyodideRunner } from './runner';
import { loadInitialScript } from './source';
import './playground.css';

// Outside React: one worker per page, even when StrictMode mounts twice.
const runner = new PyodideRunner();
window.addEventListener('pagehide', () => runner.close());

const container = document.getElementById('root');
if (container) {
  const initial = await loadInitialScript(window.location);
  createRoot(container).render(
    <StrictMode>
      <Playground runner={runner} initial={initial} />
    </StrictMode>,
  );
}
