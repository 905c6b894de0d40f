import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  return <main>Sidekick</main>;
}

const container = document.getElementById('root');
if (container) createRoot(container).render(<StrictMode><App /></StrictMode>);
