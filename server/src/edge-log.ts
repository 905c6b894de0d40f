// Log lines for refused requests. Anything on the machine (or a web page) can
// send them by the thousand, so the log is bounded: each distinct line is
// written once, up to a cap, and request text is shown escaped and cut short.

/** Printable ASCII only (no log injection through newlines or escapes), at most `max` characters. */
export function shown(value: string | undefined, max = 100): string {
  if (value === undefined) return '(none)';
  const clean = value.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}...` : clean;
}

export interface EdgeLog {
  /** Logs `line` (a warning, e.g. "refused a request: ...") unless it was logged before or the cap is reached. */
  refused(line: string): void;
}

export function createEdgeLog(warn: (line: string) => void, maxLines = 100): EdgeLog {
  const seen = new Set<string>();
  return {
    refused(line) {
      if (seen.has(line) || seen.size > maxLines) return;
      seen.add(line);
      warn(seen.size > maxLines ? `more than ${maxLines} kinds of refused requests; no longer logging them` : line);
    },
  };
}
