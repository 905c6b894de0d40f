// The edge fuzz test: a seeded corpus of broken requests (edge-corpus.ts)
// thrown at a host over raw TCP on loopback. The host must survive, answer
// /healthz afterwards, and never send a file that is not part of its UI build.
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgeCorpus, type FuzzCase, SECRET_TEXT } from './edge-corpus.js';
import { readAnswers } from './http-answers.js';

export interface FuzzHost {
  /** Loopback port of the host. */
  readonly port: number;
  /** What the host answers in Host (e.g. `127.0.0.1:<port>`). */
  readonly hostHeader: string;
  /**
   * The UI directory the host serves. The test expects a file named
   * SECRET_FILE holding SECRET_TEXT right beside it (outside it).
   */
  readonly uiDir: string;
  /** Is the host's process still running? */
  alive(): boolean;
  close(): Promise<void>;
}

export interface EdgeFuzzOptions {
  /** Generated cases after the fixed ones. */
  readonly count?: number;
  readonly seed?: number;
  /** Connections open at once. */
  readonly concurrency?: number;
}

/**
 * How long a connection may stay quiet: before the first answer byte (then the
 * request is half-closed, as a client that gave up would), and after the last
 * one (answers are complete; keep-alive would hold the connection open).
 * These pace the harness; no test asserts a time.
 */
const FIRST_BYTE_MS = 1500;
const QUIET_AFTER_MS = 250;
const LONG = 300_000; // ms; a guard against hangs, not a performance assertion

/** Every file of the UI build, whole. */
function uiFiles(dir: string): Buffer[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)));
}

/** Writes one case and collects what comes back until the host ends the connection or goes quiet. */
function exchange(port: number, fuzz: FuzzCase): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: '127.0.0.1', port });
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks));
    };
    const wait = (ms: number, then: () => void) => {
      clearTimeout(timer);
      timer = setTimeout(then, ms);
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      wait(QUIET_AFTER_MS, done);
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.on('connect', () => {
      socket.write(fuzz.bytes);
      wait(FIRST_BYTE_MS, () => {
        socket.end();
        wait(FIRST_BYTE_MS, done);
      });
    });
  });
}

/** Why the answers to one case leak something, or undefined. 200/206 bodies must be (part of) a UI file or /healthz. */
function leak(data: Buffer, fuzz: FuzzCase, files: readonly Buffer[]): string | undefined {
  if (data.includes(SECRET_TEXT) || data.includes('root:x:0:0')) return 'a file outside the UI build';
  for (const answer of readAnswers(data, fuzz.head)) {
    if ((answer.status !== 200 && answer.status !== 206) || answer.body.length === 0) continue;
    if (answer.body.subarray(0, 18).toString() === '{"name":"sidekick"') continue;
    if (!files.some((file) => file.includes(answer.body))) return `a ${answer.status} body that is no UI file: ${answer.body.subarray(0, 80).toString()}`;
  }
  return undefined;
}

async function healthz(port: number, hostHeader: string): Promise<unknown> {
  const data = await exchange(port, { n: -1, head: false, bytes: Buffer.from(`GET /healthz HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: close\r\n\r\n`) });
  const answer = readAnswers(data, false)[0];
  return answer?.status === 200 ? (JSON.parse(answer.body.toString()) as unknown) : `no health report: ${data.subarray(0, 200).toString()}`;
}

/** Registers the edge fuzz test under `describe(name)`; `start` runs once before it. */
export function defineEdgeFuzz(name: string, start: () => Promise<FuzzHost>, options: EdgeFuzzOptions = {}): void {
  describe(`edge fuzz: ${name}`, () => {
    let host: FuzzHost;
    beforeAll(async () => {
      host = await start();
    }, LONG);
    afterAll(async () => {
      await host?.close();
    }, LONG);

    it('survives a seeded corpus of broken requests, answers /healthz after it, and serves nothing outside the UI build', async () => {
      const files = uiFiles(host.uiDir);
      const corpus = edgeCorpus(options.seed ?? 14, options.count ?? 2000, host.hostHeader);
      const leaks: string[] = [];
      let next = 0;
      const worker = async () => {
        while (next < corpus.length && host.alive()) {
          const fuzz = corpus[next++]!;
          const problem = leak(await exchange(host.port, fuzz), fuzz, files);
          if (problem) leaks.push(`case ${fuzz.n} (${JSON.stringify(fuzz.bytes.subarray(0, 120).toString('latin1'))}): ${problem}`);
        }
      };
      await Promise.all(Array.from({ length: options.concurrency ?? 16 }, worker));
      expect(host.alive(), `the host died at about case ${next - 1}`).toBe(true);
      expect(leaks).toEqual([]);
      expect(await healthz(host.port, host.hostHeader)).toMatchObject({ name: 'sidekick' });
    }, LONG);
  });
}
