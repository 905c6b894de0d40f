// A small command-line parser: `--name value`, `--name=value`, boolean
// switches, repeatable options, and (for `run`) everything after the first
// positional argument kept for the script.

export interface OptionSpec {
  /** Options that take a value. */
  readonly values: readonly string[];
  /** Options that are switches. */
  readonly switches: readonly string[];
  /** Stop at the first positional argument and keep the rest as is (for `run script.py args...`). */
  readonly stopAtPositional?: boolean;
}

export interface ParsedArgs {
  readonly values: Map<string, string[]>;
  readonly switches: Set<string>;
  readonly positional: string[];
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[], spec: OptionSpec): ParsedArgs {
  const values = new Map<string, string[]>();
  const switches = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--' || !arg.startsWith('--') || arg === '-') {
      const rest = arg === '--' ? argv.slice(i + 1) : argv.slice(i);
      if (spec.stopAtPositional || arg === '--') {
        positional.push(...rest);
        break;
      }
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (spec.switches.includes(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      switches.add(name);
    } else if (spec.values.includes(name)) {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || (eq === -1 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
      values.set(name, [...(values.get(name) ?? []), value]);
    } else {
      throw new UsageError(`unknown option ${arg}`);
    }
  }
  return { values, switches, positional };
}

/** The last value given for an option. */
export function lastValue(args: ParsedArgs, name: string): string | undefined {
  return args.values.get(name)?.at(-1);
}

export function parsePort(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, got "${text}"`);
  return port;
}
