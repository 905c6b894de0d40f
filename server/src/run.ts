// `sidekick run script.py [args...]`: make sure a server is up, run the script
// against it, and keep serving afterwards so the UI keeps its final state.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { lastValue, type ParsedArgs, parsePort, UsageError } from './args.js';
import { checkOwnServer } from './health-probe.js';
import { createLogger } from './log.js';
import { openUrl } from './open-url.js';
import type { RunningServer } from './server.js';
import { DEFAULT_PORT } from './server.js';
import { parseAllowHosts, parseLimits } from './serve.js';
import { announceListening, CliError, startOrExplain } from './start.js';
import { checkSidekickImport, choosePython } from './python.js';

export const RUN_OPTIONS = {
  values: ['port', 'allow-origin', 'allow-host', 'limit'],
  switches: ['open', 'exit', 'verbose', 'help'],
  stopAtPositional: true,
} as const;

export const RUN_HELP = `Usage: sidekick run [options] <script.py> [script arguments...]

Run a Python script with a Sidekick server: reuse the one already running on
the port, or start one in this process. The script gets SIDEKICK_LOCAL_URL
(the server's address), where the sidekick library gives it its own session;
the UI page / shows it (it jumps to the only program running, or lists them).
When it ends, a server started here keeps running (so the UI keeps showing the
final state) until you press Ctrl+C; then this command exits with the script's
code.

Options:
  --port <n>            server port (default ${DEFAULT_PORT})
  --open                open the UI in a browser
  --exit                exit as soon as the script ends (for tests and CI)
  --allow-origin <url>  as for sidekick serve (only when a server is started here)
  --allow-host <name>   as for sidekick serve (only when a server is started here)
  --limit <name>=<n>    as for sidekick serve (only when a server is started here)
  --verbose             log connections and every message
  --help                show this help

Python: $SIDEKICK_PYTHON, else the active virtualenv ($VIRTUAL_ENV), else (in
a clone of the repository) its .venv, else python3 or python on PATH. It must
have the library: pip install sidekick-live.
`;

/** Set by Ctrl+C or SIGTERM while the script runs: stop once it ends. */
let stopRequested = false;

function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
}

export async function run(args: ParsedArgs): Promise<void> {
  const [script, ...scriptArgs] = args.positional;
  if (!script) throw new UsageError('which script? Usage: sidekick run <script.py> [args...]');
  if (!existsSync(script)) throw new CliError(`No such script: ${script}`, 2);
  const python = choosePython();
  checkSidekickImport(python);
  const port = parsePort(lastValue(args, 'port'), DEFAULT_PORT);
  const logger = createLogger(args.switches.has('verbose') ? 'verbose' : 'quiet');

  let server: RunningServer | undefined;
  let url: string;
  const found = port === 0 ? { kind: 'none' as const } : await checkOwnServer('127.0.0.1', port);
  if (found.kind === 'unproven') {
    throw new CliError(
      `Something on port ${port} answers like a Sidekick server, but it is not one you started (${found.why}). ` +
        `Stop it, or pick another port with --port <number>.`,
    );
  }
  if (found.kind === 'ours') {
    url = `http://127.0.0.1:${port}`;
    process.stdout.write(`Using the Sidekick server already running on ${url}\nSidekick UI: ${url}/\n`);
  } else {
    server = await startOrExplain({
      host: '127.0.0.1',
      port,
      allowOrigins: args.values.get('allow-origin') ?? [],
      allowHosts: parseAllowHosts(args),
      limits: parseLimits(args),
      logger,
    });
    url = server.url;
    process.stdout.write(announceListening(server));
  }
  if (args.switches.has('open')) openUrl(`${url}/`, (m) => logger.warn(m));

  // The local server's address, not SIDEKICK_URL (which pins one exact URL, no
  // session of its own): the library picks the script's own session there.
  const env: NodeJS.ProcessEnv = { ...process.env, SIDEKICK_LOCAL_URL: url.replace(/^http/, 'ws') };
  delete env.SIDEKICK_URL;
  const child = spawn(python.command, [script, ...scriptArgs], { stdio: 'inherit', env });
  const code = await waitForScript(child, python.command);
  if (!server || args.switches.has('exit') || stopRequested) {
    await server?.close();
    process.exit(code);
  }
  process.stdout.write(
    `\n${script} exited with code ${code}. The server keeps running so the UI shows the final state; press Ctrl+C to stop.\n`,
  );
  const stop = async () => {
    await server.close();
    process.exit(code);
  };
  process.removeAllListeners('SIGINT').removeAllListeners('SIGTERM');
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/**
 * Resolves with the script's exit code. Ctrl+C reaches the script from the
 * terminal by itself; SIGTERM is passed on. Either way we stop once it ends.
 */
function waitForScript(child: ChildProcess, python: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onSigint = () => {
      stopRequested = true;
      // If the script was not in the terminal's process group, make sure it hears about it.
      setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill('SIGINT'), 2000).unref();
    };
    const onSigterm = () => {
      stopRequested = true;
      child.kill('SIGTERM');
    };
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigterm);
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        new CliError(
          error.code === 'ENOENT'
            ? `Cannot start Python (${python}): not found. Set SIDEKICK_PYTHON to a Python that has sidekick-live installed.`
            : `Cannot start Python (${python}): ${error.message}`,
          127,
        ),
      );
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
      resolve(exitCodeOf(code, signal));
    });
  });
}
