// The host-agnostic relay contract (relay/conformance), run unchanged against
// this worker in workerd: the same suite the local Node server passes.
import { DEFAULT_LIMITS, resolveLimits } from '@sidekick/relay';
import { CONFORMANCE_LIMITS, defineRelayConformance } from '@sidekick/relay/conformance';
import { startWorker } from './harness/worker-host.js';

defineRelayConformance('Cloudflare worker (workerd)', async () => {
  const host = await startWorker({ limits: CONFORMANCE_LIMITS });
  return {
    wsUrl: (session?: string) =>
      session === undefined ? host.httpUrl.replace(/^http/, 'ws') + '/' : host.wsUrl(encodeURIComponent(session)),
    close: () => host.close(),
    limits: resolveLimits({ ...DEFAULT_LIMITS, ...CONFORMANCE_LIMITS }),
    capabilities: {
      // The cloud relay has no default session: /?session=<id> is required.
      defaultSession: false,
      // A Workers WebSocket exposes no send-buffer size (no bufferedAmount),
      // so the object cannot tell a slow reader; the runtime buffers for it.
      slowConsumerClose: false,
      // workerd decodes invalid UTF-8 in a text frame to U+FFFD (docs/deploy.md).
      invalidUtf8Closes: false,
      // workerd reads unmasked client frames and control frames over 125 bytes as well-formed.
      strictFraming: false,
    },
  };
});
