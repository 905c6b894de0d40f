// The playground's example programs, bundled as text: its own (the .py files
// next to this module) and the project's examples/ folder, which run unchanged.
// The first line of each file's docstring is its title.
const own = import.meta.glob<string>('./examples/*.py', { query: '?raw', import: 'default', eager: true });
const project = import.meta.glob<string>('../../../examples/*.py', { query: '?raw', import: 'default', eager: true });

export interface Example {
  /** The file name without `.py`; used in `?example=<name>`. */
  name: string;
  title: string;
  code: string;
  group: 'playground' | 'project';
}

/** Shown first in the picker; the rest follow alphabetically. */
const ORDER = ['grid_painter', 'button_counter', 'console_echo', 'canvas_drawing'];

function titleOf(code: string, fallback: string): string {
  const match = /^"""([^\n:"]+)/.exec(code.trimStart());
  return match?.[1]?.trim().replace(/\.$/, '') ?? fallback;
}

function load(files: Record<string, string>, group: Example['group']): Example[] {
  return Object.entries(files).map(([path, code]) => {
    const name = path.slice(path.lastIndexOf('/') + 1, -'.py'.length);
    return { name, title: titleOf(code, name), code, group };
  });
}

const rank = (e: Example) => (ORDER.includes(e.name) ? ORDER.indexOf(e.name) : ORDER.length);
const playground = load(own, 'playground').sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
const taken = new Set(playground.map((e) => e.name));
const fromProject = load(project, 'project')
  .filter((e) => !taken.has(e.name))
  .sort((a, b) => a.name.localeCompare(b.name));

export const EXAMPLES: readonly Example[] = [...playground, ...fromProject];

export function findExample(name: string | null): Example | undefined {
  return EXAMPLES.find((e) => e.name === name);
}
