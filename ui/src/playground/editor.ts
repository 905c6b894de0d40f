// Keyboard help for the plain <textarea> editor: Tab and Shift+Tab indent and
// dedent by four spaces; Escape lets the next Tab move focus on (no keyboard trap).
export const INDENT = '    ';

export interface Edit {
  value: string;
  selectionStart: number;
  selectionEnd: number;
}

/**
 * Tab at a caret inserts spaces up to the next indent stop; Tab over a selection
 * indents its lines; Shift+Tab dedents the caret's line or the selected lines.
 */
export function indent(value: string, start: number, end: number, dedent: boolean): Edit {
  if (!dedent && start === end) {
    const column = start - (value.lastIndexOf('\n', start - 1) + 1);
    const spaces = INDENT.slice(column % INDENT.length);
    const caret = start + spaces.length;
    return { value: value.slice(0, start) + spaces + value.slice(end), selectionStart: caret, selectionEnd: caret };
  }
  const first = value.lastIndexOf('\n', start - 1) + 1;
  // A selection that ends at the start of a line does not include that line.
  const last = end > start && value[end - 1] === '\n' ? end - 1 : end;
  const lineEnd = value.indexOf('\n', last);
  const stop = lineEnd === -1 ? value.length : lineEnd;
  const lines = value.slice(first, stop).split('\n');
  const removed = lines.map((line) => (dedent ? (/^ {0,4}/.exec(line)?.[0].length ?? 0) : 0));
  const block = lines.map((line, i) => (dedent ? line.slice(removed[i]) : INDENT + line)).join('\n');
  const next = value.slice(0, first) + block + value.slice(stop);
  if (start === end) {
    const caret = Math.max(first, start - (removed[0] ?? 0));
    return { value: next, selectionStart: caret, selectionEnd: caret };
  }
  return { value: next, selectionStart: first, selectionEnd: first + block.length };
}
