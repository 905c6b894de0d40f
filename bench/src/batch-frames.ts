// Batch frames for the benchmarks (protocol.md "system/batch"), built the way
// our Python hero builds them under a flood: the messages its writer hands
// over in one go (up to 512), in frames of at most 64 KiB.
import { BATCH_PREFIX } from '@sidekick/relay';

/** Messages per write of the Python writer (python/src/sidekick/writer.py _WRITE_CHUNK). */
export const BATCH_MESSAGES = 512;
/** python/src/sidekick/batching.py MAX_BATCH_BYTES (these frames are ASCII: one byte a character). */
export const BATCH_BYTES = 64 * 1024;

const OPEN = `${BATCH_PREFIX}"payload":{"messages":[`;
const CLOSE = ']}}';

/** `texts` (encoded messages) as batch frames, in order; a run of one stays a single frame. */
export function packFrames(texts: readonly string[], maxMessages = BATCH_MESSAGES, maxBytes = BATCH_BYTES): string[] {
  const frames: string[] = [];
  let run: string[] = [];
  let size = OPEN.length + CLOSE.length;
  const end = (): void => {
    if (run.length === 1) frames.push(run[0]!);
    else if (run.length > 1) frames.push(OPEN + run.join(',') + CLOSE);
    run = [];
    size = OPEN.length + CLOSE.length;
  };
  for (const text of texts) {
    if (run.length >= maxMessages || size + text.length + 1 > maxBytes) end();
    run.push(text);
    size += text.length + 1;
  }
  end();
  return frames;
}

/** How many messages a received frame carries. */
export function messagesIn(frame: string): number {
  if (!frame.startsWith(BATCH_PREFIX)) return 1;
  return (JSON.parse(frame) as { payload: { messages: unknown[] } }).payload.messages.length;
}

/** The online announce of a UI peer that takes batch frames. */
export function batchTakingAnnounce(peerId: string): string {
  return JSON.stringify({
    id: 0,
    component: 'system',
    type: 'announce',
    payload: { peerId, role: 'sidekick', status: 'online', version: 'bench', timestamp: Date.now(), acceptsBatch: true },
  });
}
