// Starting the server from the CLI: turn listen failures into one clear line
// that says what to do, and print the line other tools look for.
import { probeSidekick } from './health-probe.js';
import { keyDir } from './server-identity.js';
import { browserUrl, type RunningServer, type ServerOptions, isLoopback, startServer } from './server.js';

/** A failure the CLI reports as one line (plus advice) and an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/** Starts a server for the CLI: with a key file in the user's key folder (server-identity.ts) unless told otherwise. */
export async function startOrExplain(options: ServerOptions & { port: number; host: string }): Promise<RunningServer> {
  try {
    return await startServer({ identityDir: keyDir(), ...options });
  } catch (error) {
    const { port, host } = options;
    switch (codeOf(error)) {
      case 'EADDRINUSE': {
        const probeHost = isLoopback(host) || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
        const other = await probeSidekick(probeHost, port);
        if (other) {
          throw new CliError(
            `A Sidekick server (version ${other.version}) is already running on port ${port}: open http://127.0.0.1:${port}/ ` +
              `or start another one with --port <number>.`,
          );
        }
        throw new CliError(`Port ${port} is in use by another program. Pick another with --port <number> (--port 0 for any free port).`);
      }
      case 'EACCES':
        throw new CliError(`Not allowed to listen on port ${port}. Pick a port above 1023 with --port <number>.`);
      case 'EADDRNOTAVAIL':
      case 'ENOTFOUND':
        throw new CliError(`Cannot listen on host "${host}": it is not an address of this machine. Check --host.`);
      default:
        throw error;
    }
  }
}

/** The line other tools parse to find the port, then the UI address. */
export function announceListening(server: RunningServer): string {
  return `Sidekick server listening on ${server.url}\nSidekick UI: ${uiUrl(server)}\n`;
}

/** Where a browser on this machine finds the UI. */
export function uiUrl(server: RunningServer): string {
  return browserUrl(server.host, server.port);
}
