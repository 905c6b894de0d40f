import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANNOUNCE_INTERVAL_MS, ANNOUNCE_MAX_CHARS, ConsoleAnnouncer } from '../../src/views/consoleAnnouncer';

describe('ConsoleAnnouncer', () => {
  let region: HTMLElement;
  let changes: string[];
  let observer: MutationObserver;

  beforeEach(() => {
    vi.useFakeTimers();
    region = document.createElement('span');
    changes = [];
    observer = new MutationObserver(() => changes.push(region.textContent ?? ''));
    observer.observe(region, { childList: true, characterData: true, subtree: true });
  });
  afterEach(() => {
    observer.disconnect();
    vi.useRealTimers();
  });

  const settle = async (ms: number) => {
    await vi.advanceTimersByTimeAsync(ms);
    await Promise.resolve();
  };

  it('reads a few new lines as they are', async () => {
    const announcer = new ConsoleAnnouncer(region, () => Date.now());
    announcer.add('hello\n');
    await settle(1);
    expect(region.textContent).toBe('hello');
    announcer.dispose();
  });

  it('turns a flood into at most one announcement per interval, with a count and the last line', async () => {
    const announcer = new ConsoleAnnouncer(region, () => Date.now());
    for (let i = 1; i <= 5000; i++) {
      announcer.add(`line ${i}\n`);
      if (i % 500 === 0) await settle(ANNOUNCE_INTERVAL_MS / 10);
    }
    await settle(ANNOUNCE_INTERVAL_MS);
    // 5000 lines over ~1 s of output: announced twice (the first line at once, then the rest), never per line.
    expect(changes.length).toBeLessThanOrEqual(3);
    expect(region.textContent).toMatch(/^\d+ new lines; last: line 5000$/);
    announcer.dispose();
  });

  it('keeps an announcement short and forgets what a clear removed', async () => {
    const announcer = new ConsoleAnnouncer(region, () => Date.now());
    announcer.add(`${'x'.repeat(5000)}\n`);
    await settle(1);
    expect(region.textContent!.length).toBeLessThanOrEqual(ANNOUNCE_MAX_CHARS + 1);
    announcer.add('gone\n');
    announcer.reset();
    await settle(ANNOUNCE_INTERVAL_MS * 2);
    expect(region.textContent).not.toContain('gone');
    announcer.dispose();
  });
});
