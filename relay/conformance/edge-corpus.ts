// A seeded corpus of hostile and broken HTTP requests for the edge fuzz test:
// odd request lines, paths that try to leave the UI directory, malformed and
// duplicated headers, and broken WebSocket upgrades. The same seed gives the
// same corpus, so a failure names a case that can be replayed.

/** The file a host under test places next to (outside) its UI directory; no answer may contain its text. */
export const SECRET_FILE = 'fuzz-secret.txt';
export const SECRET_TEXT = 'sidekick-fuzz-secret: this file is outside the UI build';

export interface FuzzCase {
  /** Index in the corpus, for replaying a failure. */
  readonly n: number;
  /** The bytes written to a fresh TCP connection. */
  readonly bytes: Buffer;
  /** HEAD requests get answers without bodies. */
  readonly head: boolean;
}

/** mulberry32: a small seeded PRNG, enough to pick from lists. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TRAVERSALS = [
  `/../${SECRET_FILE}`,
  `/..%2f${SECRET_FILE}`,
  `/%2e%2e/${SECRET_FILE}`,
  `/%2e%2e%2f${SECRET_FILE}`,
  `/assets/../../${SECRET_FILE}`,
  `/assets/..%2f..%2f${SECRET_FILE}`,
  `/%252e%252e/${SECRET_FILE}`,
  `/..\\${SECRET_FILE}`,
  `/..%5c${SECRET_FILE}`,
  `/%c0%ae%c0%ae/${SECRET_FILE}`,
  `/.%2e/${SECRET_FILE}`,
  `//../${SECRET_FILE}`,
  `/session/..%2f..%2f${SECRET_FILE}`,
  `/${SECRET_FILE}`,
  '/../../../../../../etc/passwd',
  '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  '//etc/passwd',
  '/index.html%00.js',
  `/..%00/${SECRET_FILE}`,
];

const PATHS = [
  '/', '//', '///', '//:1', '//:', '//a', '//[', '//%', '//@', '//a:b@c', '/\\\\', '/.', '/..', '/./..', '/%', '/%zz',
  '/%00', '/%ff', '/%e2%82', '/?', '/??', '/#', '/?#', '/;', '/;/..', '/index.html', '/assets/app.js',
  '/playground', '/playground.html', '/healthz', '/healthz?x', '/session/abc', '/session/', '/session/%',
  '/?session=', '/?session=a&session=b', '/?session=%', '/?session=%zz', '/?session=../x', '/?session=default',
  '/?session=a%00', `/?session=${'x'.repeat(129)}`, '/?session[]=a', '/?=&&==', `/${'a/'.repeat(500)}`,
  `/${'%2e'.repeat(300)}`, `/${'x'.repeat(9000)}`, `/?${'a=b&'.repeat(2000)}`, '*', '', 'http://evil.example/',
  'http://127.0.0.1/', '127.0.0.1:80', 'ws://x', '../', 'a', '/\u00e9', '/\u0000', '/\r', '/ /', '/\t',
  ...TRAVERSALS,
];

const METHODS = ['GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'OPTIONS', 'DELETE', 'CONNECT', 'TRACE', 'PATCH', 'get', 'G ET', '', 'GET\0', 'PRI', 'X'.repeat(100)];
const VERSIONS = ['HTTP/1.1', 'HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/0.9', 'HTTP/1.', 'HTTP/9.9', 'HTTP', 'http/1.1', '', 'HTTP/1.1 extra'];

/** Extra header lines, good and bad; `host` is the Host a host under test answers. */
function headerPool(host: string): string[] {
  return [
    'Upgrade: websocket', 'Connection: Upgrade', 'Connection: keep-alive, Upgrade', 'Sec-WebSocket-Version: 13',
    'Sec-WebSocket-Version: 8', 'Sec-WebSocket-Version: x', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Key: short', 'Sec-WebSocket-Key:', 'Sec-WebSocket-Extensions: permessage-deflate; x=',
    'Sec-WebSocket-Protocol: ,,,', 'Upgrade: h2c', 'Upgrade: websocket, websocket', 'Upgrade:',
    'Origin: null', 'Origin: http://evil.example', `Origin: http://${host}`, 'Origin: ', 'Origin: \u00ff\u00fe',
    `Origin: http://${'a'.repeat(5000)}`, 'Origin: file://', 'Origin: vscode-webview://x',
    `Host: ${host}`, 'Host: evil.example', 'Host:', 'Host: [::1', 'Host: 127.0.0.1:99999', 'Host: a b',
    'Content-Length: 5', 'Content-Length: -1', 'Content-Length: 99999999999999999999', 'Content-Length: 1, 2',
    'Transfer-Encoding: chunked', 'Transfer-Encoding: gzip, chunked', 'Transfer-Encoding: x',
    'If-Modified-Since: not a date', 'If-Modified-Since: Thu, 01 Jan 2099 00:00:00 GMT', 'Range: bytes=0-3',
    'Range: bytes=-1', 'Range: bytes=99999-', 'Accept: text/html', 'Sec-Fetch-Mode: navigate',
    'X-Forwarded-For: 1.2.3.4', 'no colon here', ' leading: space', 'Name : space', ': empty name',
    'Bad\u0000Name: x', 'Bad-Value: a\u0000b', `X-Long: ${'y'.repeat(20_000)}`, '\tfolded continuation',
    'Cookie: a=b', 'Expect: 100-continue', 'Authorization: Basic x',
  ];
}

const BODIES = ['', '', '', 'hello', '0\r\n\r\n', 'zz\r\nbad chunk\r\n', '5\r\nhi\r\n', '\u0081\u0085abcde'];

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

/** Valid WebSocket upgrades to hand-picked paths: the kind of request that once crashed the local server. */
function upgradeCases(host: string): { target: string; headers: string[] }[] {
  const headers = [`Host: ${host}`, 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=='];
  const paths = ['//', '///', '//:1', '//:', '//[', '//a:b@c', '/%', '/?session=%', '/?session=a&session=b', '*', 'http://evil.example/', '/\\\\'];
  return paths.map((target) => ({ target, headers }));
}

/**
 * `count` generated cases after the fixed ones (upgrades to odd paths,
 * traversals). `host` goes in most Host headers so requests get past the Host check.
 */
export function edgeCorpus(seed: number, count: number, host: string): FuzzCase[] {
  const rand = random(seed);
  const pool = headerPool(host);
  const cases: FuzzCase[] = [];
  const add = (text: string, head: boolean) => cases.push({ n: cases.length, bytes: Buffer.from(text, 'latin1'), head });
  for (const { target, headers } of upgradeCases(host)) add(`GET ${target} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`, false);
  for (const target of TRAVERSALS) add(`GET ${target} HTTP/1.1\r\nHost: ${host}\r\n\r\n`, false);
  for (let i = 0; i < count; i++) {
    const method = pick(rand, METHODS);
    const target = pick(rand, PATHS);
    const version = pick(rand, VERSIONS);
    const sep = rand() < 0.9 ? ' ' : pick(rand, ['  ', '\t', '', ' \r ']);
    const lines = rand() < 0.85 ? [`Host: ${host}`] : [];
    const extra = Math.floor(rand() * 6);
    for (let h = 0; h < extra; h++) lines.push(pick(rand, pool));
    if (rand() < 0.3) lines.push('Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==');
    const eol = rand() < 0.95 ? '\r\n' : pick(rand, ['\n', '\r', '\n\r']);
    let text = `${method}${sep}${target}${sep}${version}${eol}${lines.join(eol)}${eol}${eol}${pick(rand, BODIES)}`;
    // Some requests are cut short, some are sent twice on one connection (pipelining).
    const fate = rand();
    if (fate < 0.1) text = text.slice(0, Math.floor(rand() * text.length));
    else if (fate < 0.2 && method !== 'HEAD') text += text;
    add(text, method === 'HEAD');
  }
  return cases;
}
