// The edge fuzz corpus (relay/conformance) against the worker in workerd,
// serving the fixture assets; fixtures/fuzz-secret.txt sits beside them.
import { defineEdgeFuzz } from '@sidekick/relay/conformance';
import { startWorker } from './harness/worker-host.js';
import { FIXTURE_ASSETS } from './harness/paths.js';

defineEdgeFuzz('Cloudflare worker (workerd)', async () => {
  const host = await startWorker({ quietRuntime: true });
  const { host: hostHeader, port } = new URL(host.httpUrl);
  let closed = false;
  return {
    port: Number(port),
    hostHeader,
    uiDir: FIXTURE_ASSETS,
    // workerd runs out of process; if it died, the /healthz check after the corpus fails.
    alive: () => !closed,
    close: async () => {
      closed = true;
      await host.close();
    },
  };
});
