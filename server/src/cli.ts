// The `sidekick` command: `serve` and `run`. Errors are one line plus advice.
import { parseArgs, UsageError } from './args.js';
import { run, RUN_HELP, RUN_OPTIONS } from './run.js';
import { serve, SERVE_HELP, SERVE_OPTIONS } from './serve.js';
import { CliError } from './start.js';
import { DEFAULT_HOST, DEFAULT_PORT } from './server.js';
import { serverVersion } from './version.js';

const HELP = `Usage: sidekick <command> [options]

Commands:
  serve                     run the Sidekick server (UI + relay) on ${DEFAULT_HOST}:${DEFAULT_PORT}
  run <script.py> [args]    run a Python script with a Sidekick server

Run sidekick <command> --help for a command's options. sidekick --version prints the version.
`;

const COMMANDS = {
  serve: { spec: SERVE_OPTIONS, help: SERVE_HELP, main: serve },
  run: { spec: RUN_OPTIONS, help: RUN_HELP, main: run },
} as const;

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return;
  }
  if (name === '--version') {
    process.stdout.write(`${serverVersion}\n`);
    return;
  }
  if (!(name in COMMANDS)) throw new UsageError(`unknown command "${name}". Commands: serve, run. See sidekick --help.`);
  const command = COMMANDS[name as keyof typeof COMMANDS];
  let args;
  try {
    args = parseArgs(rest, command.spec);
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${error.message}. See sidekick ${name} --help.`);
    throw error;
  }
  if (args.switches.has('help')) {
    process.stdout.write(command.help);
    return;
  }
  if (name === 'serve' && args.positional.length > 0) {
    throw new UsageError(`serve takes no arguments, got "${args.positional[0]}". See sidekick serve --help.`);
  }
  await command.main(args);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`sidekick: ${error.message}\n`);
    process.exit(2);
  }
  if (error instanceof CliError) {
    process.stderr.write(`sidekick: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  process.stderr.write(`sidekick: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
