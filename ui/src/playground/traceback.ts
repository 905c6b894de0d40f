// Which line of the user's script a traceback points at: the last frame in
// the script's file (runtime.py runs it as USER_FILE), i.e. the innermost
// frame the user wrote.
const USER_FRAME = /File "\/home\/pyodide\/main\.py", line (\d+)/g;

/** The innermost line of the user's script named in `text`, or null. */
export function userErrorLine(text: string): number | null {
  let line: number | null = null;
  for (const match of text.matchAll(USER_FRAME)) line = Number(match[1]);
  return line;
}
