// The relay contract against the server started in this process (the same
// suite runs against the real `sidekick serve` process in conformance.test.ts).
import { CONFORMANCE_LIMITS, defineRelayConformance } from '@sidekick/relay/conformance';
import { createLogger } from '../src/log.js';
import { startServer } from '../src/server.js';

defineRelayConformance('Node server (in process)', async () => {
  const server = await startServer({ port: 0, limits: CONFORMANCE_LIMITS, logger: createLogger('quiet') });
  const base = `ws://127.0.0.1:${server.port}/`;
  return {
    wsUrl: (session?: string) => (session === undefined ? base : `${base}?session=${encodeURIComponent(session)}`),
    close: () => server.close(),
    limits: server.limits,
    capabilities: { defaultSession: true, slowConsumerClose: true, invalidUtf8Closes: true, strictFraming: true },
  };
});
