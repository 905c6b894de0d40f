import { describe, expect, it } from 'vitest';
import { ConsoleModel, keepLast, MAX_CONSOLE_CHARS } from '../../src/models/console';
import { BLOCK_CHARS, ConsoleOutput, LAID_OUT_BLOCKS } from '../../src/views/consoleOutput';

describe('ConsoleOutput', () => {
  const blockTexts = (pre: HTMLElement) => Array.from(pre.children, (c) => c.textContent);
  const skipped = (pre: HTMLElement) => Array.from(pre.children as HTMLCollectionOf<HTMLElement>, (c) => c.style.contentVisibility === 'auto');

  it('gathers complete lines in a block and keeps the unfinished line in the tail', () => {
    const pre = document.createElement('pre');
    const out = new ConsoleOutput(pre);
    out.append('ab');
    expect(blockTexts(pre)).toEqual(['ab']);
    out.append('c\nde');
    out.append('f\n');
    expect(pre.textContent).toBe('abc\ndef\n');
    expect(blockTexts(pre)).toEqual(['abc\ndef\n', '']);
    out.clear();
    expect(pre.textContent).toBe('');
    expect(pre.childElementCount).toBe(1);
  });

  it('starts a new block at the first line end past BLOCK_CHARS, and lets the browser skip all but the newest full blocks', () => {
    const pre = document.createElement('pre');
    const out = new ConsoleOutput(pre);
    const line = 'x'.repeat(99) + '\n';
    const perBlock = Math.ceil(BLOCK_CHARS / line.length);
    const text = line.repeat(perBlock * 5 + 3);
    out.append(text);
    expect(pre.textContent).toBe(text);
    // Five full blocks, the open one (three lines) and the empty tail.
    expect(blockTexts(pre)).toEqual([...Array<string>(5).fill(line.repeat(perBlock)), line.repeat(3), '']);
    expect(skipped(pre)).toEqual([true, true, true, false, false, false, false]);
    expect(LAID_OUT_BLOCKS).toBe(2);
    const first = pre.firstElementChild as HTMLElement;
    expect(first.style.containIntrinsicBlockSize).toBe(`auto ${perBlock}lh`); // one line-height per line until shown
  });

  it('shows the same blocks whether the text came in one append or in many (a frame of many appends)', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `line ${i}${i % 7 === 0 ? ' '.repeat(i % 300) : ''}\n`).join('') + 'unfinished';
    const whole = document.createElement('pre');
    new ConsoleOutput(whole).append(text);
    const pieces = document.createElement('pre');
    const out = new ConsoleOutput(pieces);
    // Cut anywhere, including inside lines.
    for (let at = 0, step = 1; at < text.length; at += step, step = (step * 7 + 3) % 401) out.append(text.slice(at, at + step));
    expect(pieces.textContent).toBe(text);
    expect(blockTexts(pieces)).toEqual(blockTexts(whole));
    expect(skipped(pieces)).toEqual(skipped(whole));
  });

  it('keeps a long log to a few hundred blocks', () => {
    const pre = document.createElement('pre');
    const out = new ConsoleOutput(pre);
    const hundredLines = (from: number) => Array.from({ length: 100 }, (_, i) => `line ${from + i}: the quick brown fox\n`).join('');
    for (let i = 0; i < 2000; i++) out.append(hundredLines(i * 100));
    expect(pre.textContent?.endsWith('line 199999: the quick brown fox\n')).toBe(true);
    // At most twice the scrollback, in blocks of BLOCK_CHARS, plus the open block and the tail.
    expect(pre.childElementCount).toBeLessThanOrEqual((2 * MAX_CONSOLE_CHARS) / BLOCK_CHARS + 2);
  });

  it('keeps only the scrollback, dropping whole lines from the front', () => {
    const pre = document.createElement('pre');
    const out = new ConsoleOutput(pre, 2000);
    for (let i = 0; i < 5000; i++) out.append(`line ${i}\n`);
    const text = pre.textContent ?? '';
    expect(text.endsWith('line 4999\n')).toBe(true);
    expect(text.startsWith('line ')).toBe(true);
    // Trimmed down to the cap once past twice the cap.
    expect(text.length).toBeLessThanOrEqual(2 * 2000);
    out.append('tail');
    expect(pre.textContent?.endsWith('line 4999\ntail')).toBe(true);
  });

  it('trims a burst that arrives in a few big appends too', () => {
    const pre = document.createElement('pre');
    const out = new ConsoleOutput(pre, 2000);
    for (let chunk = 0; chunk < 20; chunk++) {
      out.append(Array.from({ length: 100 }, (_, i) => `line ${chunk * 100 + i}\n`).join('') + 'part');
    }
    const text = pre.textContent ?? '';
    expect(text.length).toBeLessThanOrEqual(2 * 2000 + 'part'.length);
    expect(text.startsWith('line ')).toBe(true);
    expect(text.endsWith('line 1999\npart')).toBe(true);
    expect(pre.lastElementChild?.textContent).toBe('part'); // the unfinished line stays in the tail
  });

  it('trims across skipped blocks: drops the old ones whole and cuts the oldest kept one at a line start', () => {
    const pre = document.createElement('pre');
    const max = 3 * BLOCK_CHARS + 500;
    const out = new ConsoleOutput(pre, max);
    let expected = '';
    for (let i = 0; i < 2000; i++) {
      const line = `line ${i} ${'-'.repeat(i % 40)}\n`;
      out.append(line);
      expected += line;
    }
    const text = pre.textContent ?? '';
    expect(expected.endsWith(text)).toBe(true);
    expect(text.startsWith('line ')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(2 * max);
    const first = pre.firstElementChild as HTMLElement;
    const lineCount = (first.textContent ?? '').split('\n').length - 1;
    expect(first.style.contentVisibility).toBe('auto');
    expect(first.style.containIntrinsicBlockSize).toBe(`auto ${lineCount}lh`); // the estimate follows the cut
  });
});

describe('ConsoleModel scrollback', () => {
  it('keeps the last lines of a long log for a view that mounts later', () => {
    const model = new ConsoleModel(false, '', 1000);
    for (let i = 0; i < 3000; i++) model.apply({ action: 'append', options: { text: `line ${i}\n` } });
    expect(model.text.length).toBeLessThanOrEqual(2000);
    expect(model.text.startsWith('line ')).toBe(true);
    expect(model.text.endsWith('line 2999\n')).toBe(true);
    expect(keepLast('ab\ncd\nef', 4)).toBe('ef');
    expect(keepLast('abcdef', 4)).toBe('cdef'); // no line start to cut at
    expect(keepLast('short', 10)).toBe('short');
  });

  it('draws a frame of many appends (and a clear) exactly as the same appends drawn one by one', () => {
    const updates = [
      ...Array.from({ length: 800 }, (_, i) => `line ${i}${i % 5 === 0 ? '' : '\n'}`),
      null, // clear
      ...Array.from({ length: 1200 }, (_, i) => `after ${i}: ${'#'.repeat(i % 50)}\n`),
      'unfinished',
    ];
    const draw = (model: ConsoleModel, out: ConsoleOutput) => {
      const { reset, text } = model.drain();
      if (reset) out.clear();
      if (text) out.append(text);
    };
    const apply = (model: ConsoleModel, text: string | null) =>
      model.apply(text === null ? { action: 'clear' } : { action: 'append', options: { text } });
    const oneByOne = new ConsoleModel(false, 'hello\n');
    const onePre = document.createElement('pre');
    const oneOut = new ConsoleOutput(onePre);
    draw(oneByOne, oneOut);
    for (const text of updates) {
      apply(oneByOne, text);
      draw(oneByOne, oneOut);
    }
    const frame = new ConsoleModel(false, 'hello\n');
    const framePre = document.createElement('pre');
    const frameOut = new ConsoleOutput(framePre);
    draw(frame, frameOut);
    for (const text of updates) apply(frame, text);
    draw(frame, frameOut);
    expect(framePre.textContent).toBe(frame.text);
    expect(framePre.textContent).toBe(onePre.textContent);
    expect(Array.from(framePre.children, (c) => c.textContent)).toEqual(Array.from(onePre.children, (c) => c.textContent));
    expect(frame.text.startsWith('after 0: \n')).toBe(true);
  });
});
