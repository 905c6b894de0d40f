import { describe, expect, it } from 'vitest';
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
});
