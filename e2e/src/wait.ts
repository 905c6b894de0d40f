// Polling with a hang guard: browser state arrives asynchronously, so tests
// wait for what a person would eventually see, never for a fixed time.

export async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      if (check(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = lastError && last === undefined ? `error ${String(lastError)}` : JSON.stringify(last);
      throw new Error(`timed out waiting for ${what}; last seen: ${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Wait until read() returns text matching `pattern`; return the match. */
export async function eventuallyMatches(
  what: string,
  read: () => Promise<string | null>,
  pattern: RegExp,
  timeoutMs = 20_000,
): Promise<RegExpMatchArray> {
  const text = await eventually(what, read, (value) => pattern.test(value ?? ''), timeoutMs);
  return (text ?? '').match(pattern) as RegExpMatchArray;
}
