// `sidekick serve`: run the server until SIGINT/SIGTERM.
import { DEFAULT_LIMITS, type RelayLimits } from '@sidekick/relay';
import { lastValue, type ParsedArgs, parsePort, UsageError } from './args.js';
import { normalizeHostName } from './host-check.js';
import { createLogger } from './log.js';
import { openUrl } from './open-url.js';
import { DEFAULT_HOST, DEFAULT_PORT, isLoopback } from './server.js';
import { announceListening, startOrExplain, uiUrl } from './start.js';
import { onShutdownSignal } from './signals.js';

export const SERVE_OPTIONS = {
  values: ['port', 'host', 'allow-origin', 'allow-host', 'limit'],
  switches: ['open', 'verbose', 'quiet', 'help'],
} as const;

export const SERVE_HELP = `Usage: sidekick serve [options]

Run the Sidekick server: the UI over HTTP and the relay over WebSocket.

Options:
  --port <n>            port to listen on (default ${DEFAULT_PORT}; 0 = any free port)
  --host <address>      address to bind (default ${DEFAULT_HOST}, this machine only);
                        anything else lets other machines reach your sessions
  --allow-origin <url>  also accept WebSockets from pages of this origin
                        (repeatable), e.g. --allow-origin http://localhost:5173
  --allow-host <name>   also answer requests addressed to this host name
                        (repeatable), e.g. --allow-host mybox.local; by default
                        only localhost, *.localhost, 127.0.0.1, [::1] and the
                        bound address are answered (DNS rebinding protection)
  --limit <name>=<n>    change a relay limit (repeatable): ${Object.keys(DEFAULT_LIMITS).join(', ')}
  --open                open the UI in a browser
  --verbose             log every message
  --quiet               log only warnings
  --help                show this help
`;

/** `--allow-host` values, normalized; a value with a scheme, port or path is a usage error. */
export function parseAllowHosts(args: ParsedArgs): string[] {
  return (args.values.get('allow-host') ?? []).map((value) => {
    const name = normalizeHostName(value);
    if (name === undefined) {
      throw new UsageError(`--allow-host takes a host name or IP address without scheme or port (e.g. mybox.local), got "${value}"`);
    }
    return name;
  });
}

/** `--limit name=value` options as limit overrides. */
export function parseLimits(args: ParsedArgs): Partial<RelayLimits> {
  const limits: Record<string, number> = {};
  for (const item of args.values.get('limit') ?? []) {
    const match = /^([A-Za-z]+)=(\d+)$/.exec(item);
    if (!match || !(match[1]! in DEFAULT_LIMITS)) {
      throw new UsageError(`--limit expects <name>=<number> with a name from: ${Object.keys(DEFAULT_LIMITS).join(', ')}`);
    }
    limits[match[1]!] = Number(match[2]);
  }
  return limits;
}

export async function serve(args: ParsedArgs): Promise<void> {
  const host = lastValue(args, 'host') ?? DEFAULT_HOST;
  const port = parsePort(lastValue(args, 'port'), DEFAULT_PORT);
  const logger = createLogger(args.switches.has('verbose') ? 'verbose' : args.switches.has('quiet') ? 'quiet' : 'info');
  if (!isLoopback(host)) {
    logger.warn(`listening on ${host}: anyone who can reach this address can join sessions whose id they know.`);
  }
  const server = await startOrExplain({
    host,
    port,
    allowOrigins: args.values.get('allow-origin') ?? [],
    allowHosts: parseAllowHosts(args),
    limits: parseLimits(args),
    logger,
  });
  process.stdout.write(announceListening(server));
  if (args.switches.has('open')) openUrl(uiUrl(server), (m) => logger.warn(m));
  onShutdownSignal(async (signal) => {
    logger.info(`${signal}: closing every connection and stopping`);
    await server.close();
    process.exit(0);
  });
}
