// WebSocket mode: connect back to the serving origin (/ or /session/<id>).
// The page also follows the server's session listing (sessions/), to go to
// the program running when its own has none.
import { DEFAULT_PORT } from '@sidekick/protocol';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SessionChooser } from './sessions/SessionChooser';
import { SidekickPanel } from './SidekickPanel';
import { endpointFor, hostEndpoint } from './transport/location';
import { UnavailableTransport } from './transport/unavailable';
import { WebSocketTransport } from './transport/websocket';
import { workerSocket } from './transport/workerSocket';

// Under `vite dev` the page comes from Vite, so talk to a local `sidekick serve`
// (start it with --allow-origin http://localhost:5173). An editor's webview
// names its relay in the page (hostEndpoint).
const hosted = hostEndpoint(document);
const endpoint = hosted ?? endpointFor(window.location, import.meta.env.DEV ? `${window.location.hostname}:${DEFAULT_PORT}` : undefined);
// The socket lives in a worker so a flood of frames does not starve painting.
const transport = endpoint.problem ? new UnavailableTransport(endpoint.problem) : new WebSocketTransport(endpoint.url, undefined, workerSocket);

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <SidekickPanel
        transport={transport}
        sessionId={endpoint.session}
        // Under `vite dev` or in a webview the listing is on another origin: no chooser there.
        notice={endpoint.problem || hosted || import.meta.env.DEV ? undefined : <SessionChooser current={endpoint.session} />}
      />
    </StrictMode>,
  );
}
