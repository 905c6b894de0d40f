// The relay contract against the real `sidekick serve` process.
import { CONFORMANCE_LIMITS, defineRelayConformance } from '@sidekick/relay/conformance';
import { resolveLimits } from '@sidekick/relay';
import { startCli } from './cli-process.js';

defineRelayConformance('sidekick serve (real process)', async () => {
  const limitArgs = Object.entries(CONFORMANCE_LIMITS).flatMap(([name, value]) => ['--limit', `${name}=${value}`]);
  const proc = startCli(['serve', '--port', '0', '--quiet', ...limitArgs]);
  const { port } = await proc.listening();
  const base = `ws://127.0.0.1:${port}/`;
  return {
    wsUrl: (session?: string) => (session === undefined ? base : `${base}?session=${encodeURIComponent(session)}`),
    close: async () => {
      proc.child.kill('SIGTERM');
      if ((await proc.exited) !== 0) throw new Error(`sidekick serve exited badly: ${proc.stderr()}`);
    },
    limits: resolveLimits(CONFORMANCE_LIMITS),
    capabilities: { defaultSession: true, slowConsumerClose: true, invalidUtf8Closes: true, strictFraming: true },
  };
});
