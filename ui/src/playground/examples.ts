// The playground's example scripts: the .py files next to this module, bundled
// as text. The first line of each file's docstring is its title.
const files = import.meta.glob<string>('./examples/*.py', { query: '?raw', import: 'default', eager: true });

export interface Example {
  /** The file name without `.py`; used in `?example=<name>`. */
  name: string;
  title: string;
  code: string;
}

/** Shown first in the picker; the rest follow alphabetically. */
const ORDER = ['grid_painter', 'button_counter', 'console_echo', 'canvas_drawing'];

function titleOf(code: string, fallback: string): string {
  const match = /^"""([^\n:"]+)/.exec(code.trimStart());
  return match?.[1]?.trim() ?? fallback;
}

export const EXAMPLES: readonly Example[] = Object.entries(files)
  .map(([path, code]) => {
    const name = path.slice(path.lastIndexOf('/') + 1, -'.py'.length);
    return { name, title: titleOf(code, name), code };
  })
  .sort((a, b) => {
    const rank = (e: Example) => (ORDER.includes(e.name) ? ORDER.indexOf(e.name) : ORDER.length);
    return rank(a) - rank(b) || a.name.localeCompare(b.name);
  });

export function findExample(name: string | null): Example | undefined {
  return EXAMPLES.find((e) => e.name === name);
}
