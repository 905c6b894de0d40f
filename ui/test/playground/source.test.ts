// @vitest-environment node
// Which script the playground opens: ?example=, ?src= (same origin only), &run.
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../src/playground/examples';
import { loadInitialScript } from '../../src/playground/source';

function at(url: string): Location {
  const u = new URL(url);
  return { href: u.href, origin: u.origin, search: u.search } as Location;
}

const neverFetch: typeof fetch = () => Promise.reject(new Error('must not fetch'));

describe('the playground starting script', () => {
  it('offers the four examples the issue asks for, each with a title', () => {
    const names = EXAMPLES.map((e) => e.name);
    expect(names.slice(0, 4)).toEqual(['grid_painter', 'button_counter', 'console_echo', 'canvas_drawing']);
    for (const example of EXAMPLES) {
      expect(example.title).not.toBe(example.name);
      expect(example.code).toContain('\n');
    }
  });

  it("also offers the project's examples/ programs", () => {
    const project = EXAMPLES.filter((e) => e.group === 'project').map((e) => e.name);
    expect(project).toContain('maze');
    expect(project).toContain('game_of_life');
    expect(EXAMPLES.findIndex((e) => e.group === 'project')).toBeGreaterThan(3); // after the playground's own
  });

  it('opens the first example by default and a named one with ?example=', async () => {
    expect(await loadInitialScript(at('http://h/playground'), neverFetch)).toMatchObject({ example: 'grid_painter', problem: null, autorun: false });
    expect(await loadInitialScript(at('http://h/playground?example=console_echo&run'), neverFetch)).toMatchObject({
      example: 'console_echo',
      autorun: true,
    });
    const missing = await loadInitialScript(at('http://h/playground?example=nope&run'), neverFetch);
    expect(missing).toMatchObject({ example: 'grid_painter', autorun: false });
    expect(missing.problem).toContain('"nope"');
  });

  it('refuses ?src= from another origin without fetching it', async () => {
    const result = await loadInitialScript(at('http://h:1/playground?src=http://other/x.py&run'), neverFetch);
    expect(result.problem).toContain('only from this site');
    expect(result.autorun).toBe(false);
  });

  it('fetches a same-origin ?src= (relative too) and reports a failed load', async () => {
    const asked: string[] = [];
    const serve: typeof fetch = (input) => {
      asked.push(String(input));
      return Promise.resolve(String(input).endsWith('/ok.py') ? new Response('print(1)\n') : new Response('no', { status: 404 }));
    };
    expect(await loadInitialScript(at('http://h/playground?src=scripts/ok.py'), serve)).toMatchObject({
      code: 'print(1)\n',
      example: null,
      origin: '/scripts/ok.py',
      problem: null,
    });
    const failed = await loadInitialScript(at('http://h/playground?src=/gone.py&run'), serve);
    expect(failed.problem).toContain('HTTP 404');
    expect(failed.autorun).toBe(false);
    expect(asked).toEqual(['http://h/scripts/ok.py', 'http://h/gone.py']);
  });
});
