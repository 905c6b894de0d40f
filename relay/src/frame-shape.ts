// The cheap checks the relay makes on every frame, on a string or on the
// frame's UTF-8 bytes: is it shaped like one JSON object, is it a batch.
import { BATCH_PREFIX } from './announce.js';

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** Cheap shape test for "one JSON object": first and last non-space characters are braces. */
export function looksLikeObject(text: string): boolean {
  let start = 0;
  let end = text.length - 1;
  while (start <= end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end))) end--;
  return end > start && text.charCodeAt(start) === OPEN_BRACE && text.charCodeAt(end) === CLOSE_BRACE;
}

/** BATCH_PREFIX is ASCII, so its UTF-8 bytes are its character codes. */
const BATCH_PREFIX_BYTES = Uint8Array.from(BATCH_PREFIX, (char) => char.charCodeAt(0));

/** The bytes begin with BATCH_PREFIX (which opens with a brace). */
export function startsWithBatchPrefix(bytes: Uint8Array): boolean {
  if (bytes.length < BATCH_PREFIX_BYTES.length) return false;
  for (let i = 0; i < BATCH_PREFIX_BYTES.length; i++) {
    if (bytes[i] !== BATCH_PREFIX_BYTES[i]) return false;
  }
  return true;
}

/** The last non-space byte is a closing brace (with a known opening brace, the rest of looksLikeObject). */
export function endsWithBrace(bytes: Uint8Array): boolean {
  let end = bytes.length - 1;
  while (end > 0 && isSpace(bytes[end]!)) end--;
  return end > 0 && bytes[end] === CLOSE_BRACE;
}
