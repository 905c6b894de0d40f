// WebSocket mode: connect back to the serving origin (/ or /session/<id>).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SidekickPanel } from './SidekickPanel';
import { endpointFor } from './transport/location';
import { WebSocketTransport } from './transport/websocket';

const endpoint = endpointFor(window.location);
const transport = new WebSocketTransport(endpoint.url);

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <SidekickPanel transport={transport} sessionId={endpoint.session} />
    </StrictMode>,
  );
}
