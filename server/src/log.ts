// Server log lines go to stderr, so stdout stays for the "listening" line and
// the user's script. `verbose` gates per-message traces; callers check it before
// formatting anything on the hot path.
export type LogLevel = 'quiet' | 'info' | 'verbose';

export interface Logger {
  readonly verbose: boolean;
  info(message: string): void;
  warn(message: string): void;
  trace(message: string): void;
}

export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  const stamp = () => new Date().toISOString().slice(11, 23);
  return {
    verbose: level === 'verbose',
    info: level === 'quiet' ? () => {} : (m) => write(`[sidekick ${stamp()}] ${m}\n`),
    warn: (m) => write(`[sidekick ${stamp()}] warning: ${m}\n`),
    trace: level === 'verbose' ? (m) => write(`[sidekick ${stamp()}] ${m}\n`) : () => {},
  };
}
