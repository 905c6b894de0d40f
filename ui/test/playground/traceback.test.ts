// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { userErrorLine } from '../../src/playground/traceback';

describe('userErrorLine', () => {
  it('finds the innermost frame of the user script', () => {
    const text = [
      'Traceback (most recent call last):',
      '  File "/home/pyodide/main.py", line 9, in <module>',
      '    main()',
      '  File "/home/pyodide/main.py", line 4, in main',
      '    1 / 0',
      '  File "/lib/python3.12/somewhere.py", line 80, in helper',
      'ZeroDivisionError: division by zero',
    ].join('\n');
    expect(userErrorLine(text)).toBe(4);
  });

  it('reads a SyntaxError, and ignores text without a user frame', () => {
    expect(userErrorLine('  File "/home/pyodide/main.py", line 3\n    if x\n        ^\nSyntaxError: expected \':\'')).toBe(3);
    expect(userErrorLine('  File "/lib/other.py", line 3, in f')).toBeNull();
    expect(userErrorLine('print("line 5")')).toBeNull();
  });
});
