// Which script the playground opens with: `?src=<url>` (same origin only),
// `?example=<name>`, or the first example. `&run` runs it once Python is ready.
import { EXAMPLES, findExample } from './examples';

export interface InitialScript {
  code: string;
  /** The example's name, or null for a script from a URL. */
  example: string | null;
  /** Where the script came from, for the page to say. */
  origin: string;
  /** Why the requested script could not be loaded (the first example is shown instead). */
  problem: string | null;
  autorun: boolean;
}

function fallback(problem: string | null, autorun: boolean): InitialScript {
  const first = EXAMPLES[0];
  return { code: first?.code ?? '', example: first?.name ?? null, origin: first?.title ?? '', problem, autorun: autorun && problem === null };
}

export async function loadInitialScript(location: Location, fetchText: typeof fetch = fetch): Promise<InitialScript> {
  const params = new URLSearchParams(location.search);
  const autorun = params.has('run') && params.get('run') !== '0';
  const src = params.get('src');
  if (src) {
    let url: URL;
    try {
      url = new URL(src, location.href);
    } catch {
      return fallback(`"${src}" is not a URL.`, autorun);
    }
    // Only our own origin: a link must not make the page fetch (and run) another site's code.
    if (url.origin !== location.origin) return fallback(`Scripts load only from this site (${location.origin}), not ${url.origin}.`, autorun);
    try {
      const response = await fetchText(url.href, { credentials: 'same-origin' });
      if (!response.ok) return fallback(`Could not load ${url.pathname}: HTTP ${response.status}.`, autorun);
      return { code: await response.text(), example: null, origin: url.pathname + url.search, problem: null, autorun };
    } catch (error) {
      return fallback(`Could not load ${url.pathname}: ${String(error)}.`, autorun);
    }
  }
  const name = params.get('example');
  if (name !== null) {
    const example = findExample(name);
    if (!example) return fallback(`There is no example called "${name}".`, autorun);
    return { code: example.code, example: example.name, origin: example.title, problem: null, autorun };
  }
  return fallback(null, autorun);
}
