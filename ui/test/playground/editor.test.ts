// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { indent } from '../../src/playground/editor';

/** Apply Tab / Shift+Tab to text where [ and ] mark the selection (or | the caret). */
function press(marked: string, dedent = false): string {
  const caret = marked.indexOf('|');
  const start = caret >= 0 ? caret : marked.indexOf('[');
  const plain = marked.replace(/[|[\]]/g, '');
  const end = caret >= 0 ? caret : marked.indexOf(']') - 1;
  const edit = indent(plain, start, end, dedent);
  if (edit.selectionStart === edit.selectionEnd) return `${edit.value.slice(0, edit.selectionStart)}|${edit.value.slice(edit.selectionStart)}`;
  return `${edit.value.slice(0, edit.selectionStart)}[${edit.value.slice(edit.selectionStart, edit.selectionEnd)}]${edit.value.slice(edit.selectionEnd)}`;
}

describe('editor Tab handling', () => {
  it('inserts spaces up to the next indent stop at the caret', () => {
    expect(press('|x')).toBe('    |x');
    expect(press('ab|x')).toBe('ab  |x');
    expect(press('if a:\n|pass')).toBe('if a:\n    |pass');
  });

  it('indents and dedents every selected line', () => {
    expect(press('[a\nb]\nc')).toBe('[    a\n    b]\nc');
    expect(press('[    a\n  b]\nc', true)).toBe('[a\nb]\nc');
  });

  it('does not touch the line after a selection that ends at a line start', () => {
    expect(press('[a\n]b')).toBe('[    a]\nb');
  });

  it('dedents the caret line with Shift+Tab and keeps the caret on it', () => {
    expect(press('x\n    fo|o', true)).toBe('x\nfo|o');
    expect(press('  |a', true)).toBe('|a');
    expect(press('|a', true)).toBe('|a');
  });
});
