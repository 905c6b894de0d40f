// Reads the HTTP answers in the bytes a host sent back on one connection, as
// far as they go: status, headers and body of each (Content-Length, chunked,
// or up to the end). Stops at a 101 (WebSocket frames follow) or at anything
// that is not an HTTP answer.

export interface HttpAnswer {
  readonly status: number;
  readonly headers: ReadonlyMap<string, string>;
  readonly body: Buffer;
}

function dechunk(data: Buffer): { body: Buffer; rest: Buffer } {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = data.indexOf('\r\n', at);
    if (eol === -1) return { body: Buffer.concat(parts), rest: Buffer.alloc(0) };
    const size = Number.parseInt(data.subarray(at, eol).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) return { body: Buffer.concat(parts), rest: data.subarray(data.indexOf('\r\n\r\n', at) + 4 || data.length) };
    parts.push(data.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

/** `head`: the requests were HEAD, so answers have no body whatever their headers say. */
export function readAnswers(data: Buffer, head: boolean): HttpAnswer[] {
  const answers: HttpAnswer[] = [];
  let rest = data;
  while (rest.length > 0) {
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(rest.subarray(0, 16).toString('latin1'));
    const end = rest.indexOf('\r\n\r\n');
    if (!match || end === -1) break;
    const status = Number(match[1]);
    const headers = new Map<string, string>();
    for (const line of rest.subarray(0, end).toString('latin1').split('\r\n').slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const after = rest.subarray(end + 4);
    if (status === 101) {
      answers.push({ status, headers, body: Buffer.alloc(0) });
      break;
    }
    const length = headers.get('content-length');
    let body: Buffer;
    if (head || status === 304 || status === 204) {
      body = Buffer.alloc(0);
      rest = after;
    } else if (length !== undefined) {
      body = after.subarray(0, Number(length));
      rest = after.subarray(Number(length));
    } else if (headers.get('transfer-encoding')?.toLowerCase().includes('chunked')) {
      ({ body, rest } = dechunk(after));
    } else {
      body = after;
      rest = Buffer.alloc(0);
    }
    answers.push({ status, headers, body });
  }
  return answers;
}
