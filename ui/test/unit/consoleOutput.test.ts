import { describe, expect, it } from 'vitest';
import { ConsoleModel, keepLast } from '../../src/models/console';
import { ConsoleOutput, MAX_BLOCKS } from '../../src/views/consoleOutput';

describe('ConsoleOutput', () => {
  it('puts complete lines in new blocks and keeps the unfinished line in the tail', () => {
    const pre = document.createElement('pre');
    const out = new ConsoleOutput(pre);
    out.append('ab');
    out.append('c\nde');
    out.append('f\n');
    expect(pre.textContent).toBe('abc\ndef\n');
    expect(Array.from(pre.children, (c) => c.textContent)).toEqual(['abc\n', 'def\n', '']);
    out.clear();
    expect(pre.textContent).toBe('');
  });

  it('merges old blocks so a long log stays small, without changing the text', () => {
    const pre = document.createElement('pre');
    const out = new ConsoleOutput(pre);
    let expected = '';
    for (let i = 0; i < 1000; i++) {
      out.append(`line ${i}\n`);
      expected += `line ${i}\n`;
    }
    expect(pre.textContent).toBe(expected);
    expect(pre.childElementCount).toBeLessThanOrEqual(MAX_BLOCKS + 1);
  });

  it('keeps only the scrollback, dropping whole lines from the front', () => {
    const pre = document.createElement('pre');
    const out = new ConsoleOutput(pre, 2000);
    for (let i = 0; i < 5000; i++) out.append(`line ${i}\n`);
    const text = pre.textContent ?? '';
    expect(text.endsWith('line 4999\n')).toBe(true);
    expect(text.startsWith('line ')).toBe(true);
    // At most the cap plus what arrived since the last merge (MAX_BLOCKS / 2 blocks).
    expect(text.length).toBeLessThan(2000 + (MAX_BLOCKS / 2) * 'line 4999\n'.length);
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
});
