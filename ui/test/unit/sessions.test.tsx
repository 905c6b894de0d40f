// The page at /: what it does with the server's session listing (go to the
// one program running, list several, wait for none), the long poll that
// follows the listing, and the chooser it renders.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { choose, parseListing, type SessionListing, type SessionSummary, watchListing } from '../../src/sessions/listing';
import { SessionChooser } from '../../src/sessions/SessionChooser';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const s = (id: string, heroes: number, since = 1, sidekicks = 0): SessionSummary => ({ id, heroes, sidekicks, since });
const listing = (...sessions: SessionSummary[]): SessionListing => ({ version: 1, sessions });

describe('choose', () => {
  it('waits while no program is running in a session of its own', () => {
    expect(choose(listing())).toEqual({ kind: 'wait' });
    expect(choose(listing(s('abc', 0, 1, 1)))).toEqual({ kind: 'wait' }); // a tab waiting, no program
    expect(choose(listing(s('default', 1)))).toEqual({ kind: 'wait' }); // / already shows the default session
  });

  it('goes to the only program running', () => {
    expect(choose(listing(s('abc', 1), s('old', 0)))).toEqual({ kind: 'jump', id: 'abc' });
  });

  it('lists several programs oldest first, and stays on / when the default session has a program too', () => {
    expect(choose(listing(s('late', 1, 20), s('early', 2, 10)))).toEqual({ kind: 'list', live: [s('early', 2, 10), s('late', 1, 20)] });
    expect(choose(listing(s('default', 1), s('abc', 1)))).toEqual({ kind: 'list', live: [s('abc', 1)] });
  });
});

describe('choose, on a program\'s own page', () => {
  it('stays while its program runs, whatever else runs', () => {
    expect(choose(listing(s('mine', 1), s('other', 1)), 'mine')).toEqual({ kind: 'wait' });
  });

  it('once its program has ended, takes over the one program waiting for a UI', () => {
    expect(choose(listing(s('mine', 0, 1, 1), s('next', 1, 5, 0)), 'mine')).toEqual({ kind: 'jump', id: 'next' });
    expect(choose(listing(s('next', 1, 5, 0)), 'mine')).toEqual({ kind: 'jump', id: 'next' }); // its session is gone
  });

  it('lists programs another tab already shows, or several waiting, instead of taking one', () => {
    expect(choose(listing(s('mine', 0), s('watched', 1, 5, 1)), 'mine')).toEqual({ kind: 'list', live: [s('watched', 1, 5, 1)] });
    const two = [s('a', 1, 5), s('b', 1, 6)];
    expect(choose(listing(s('mine', 0), ...two), 'mine')).toEqual({ kind: 'list', live: two });
    expect(choose(listing(s('mine', 0)), 'mine')).toEqual({ kind: 'wait' });
    expect(choose(listing(s('mine', 0), s('default', 1)), 'mine')).toEqual({ kind: 'wait' });
  });
});

describe('parseListing', () => {
  it('reads a listing and refuses anything else', () => {
    expect(parseListing({ version: 3, sessions: [s('a', 1)] })).toEqual({ version: 3, sessions: [s('a', 1)] });
    for (const bad of [null, 'x', [], { version: '3', sessions: [] }, { version: 1, sessions: [{ id: 'a' }] }, { version: 1 }]) {
      expect(parseListing(bad)).toBeUndefined();
    }
  });
});

/** A fetch that answers from a script of responses and records the URLs asked for. */
function scriptedFetch(answers: (() => Response | Promise<Response>)[]) {
  const urls: string[] = [];
  let ended!: () => void;
  const done = new Promise<void>((resolve) => (ended = resolve));
  const impl = (url: string, init: { signal: AbortSignal }) => {
    urls.push(url);
    const next = answers.shift();
    if (!next) {
      ended();
      // Held like a real long poll, until the watcher is stopped.
      return new Promise<Response>((_, reject) => init.signal.addEventListener('abort', () => reject(new Error('aborted'))));
    }
    return Promise.resolve(next());
  };
  return { impl, urls, done };
}

const json = (body: unknown, status = 200) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8' } });

describe('watchListing', () => {
  it('long-polls with the last version, and retries after a busy server or a network error', async () => {
    const seen: SessionListing[] = [];
    const fetch = scriptedFetch([
      json({ version: 4, sessions: [] }),
      json({ error: 'busy' }, 503),
      () => Promise.reject(new TypeError('network')),
      json({ version: 5, sessions: [s('a', 1)] }),
    ]);
    const stop = watchListing((l) => seen.push(l), fetch.impl, 1);
    await fetch.done;
    stop();
    expect(fetch.urls).toEqual(['/api/sessions', '/api/sessions?after=4', '/api/sessions?after=4', '/api/sessions?after=4', '/api/sessions?after=5']);
    expect(seen.map((l) => l.version)).toEqual([4, 5]);
  });

  it('gives up where the host has no listing (404, or a page that is not JSON)', async () => {
    for (const answer of [json({}, 404), () => new Response('<html>', { headers: { 'Content-Type': 'text/html' } })]) {
      const fetch = scriptedFetch([answer]);
      const seen: SessionListing[] = [];
      watchListing((l) => seen.push(l), fetch.impl, 1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(fetch.urls).toEqual(['/api/sessions']);
      expect(seen).toEqual([]);
    }
  });
});

describe('SessionChooser', () => {
  let container: HTMLElement;
  let root: Root;
  let push: (l: SessionListing) => void;
  let stopped = 0;
  const gone: string[] = [];
  const go = (path: string) => void gone.push(path);
  const watch = (onListing: (l: SessionListing) => void) => {
    push = onListing;
    return () => void stopped++;
  };

  beforeEach(async () => {
    gone.length = 0;
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    await act(async () => root.render(<SessionChooser watch={watch} go={go} />));
  });

  afterEach(async () => {
    await act(async () => root.unmount());
    container.remove();
  });

  it('shows nothing and goes nowhere while waiting, then goes to the one program once', async () => {
    await act(async () => push(listing()));
    expect(container.innerHTML).toBe('');
    expect(gone).toEqual([]);
    await act(async () => push(listing(s('abc_-1', 1))));
    await act(async () => push({ version: 2, sessions: [s('abc_-1', 1, 1, 1)] }));
    expect(gone).toEqual(['/session/abc_-1']);
  });

  it('links every program when several run, and stops watching when it goes away', async () => {
    await act(async () => push(listing(s('one', 1, 10), s('two', 1, 20))));
    const links = [...container.querySelectorAll<HTMLAnchorElement>('a[data-sk-session]')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['/session/one', '/session/two']);
    expect(container.textContent).toContain('session two');
    expect(gone).toEqual([]);
    const before = stopped;
    await act(async () => root.unmount());
    expect(stopped).toBe(before + 1);
    root = createRoot(container);
  });

  it("on a program's own page, says the others are other programs", async () => {
    await act(async () => root.render(<SessionChooser current="mine" watch={watch} go={go} />));
    await act(async () => push(listing(s('mine', 0), s('x', 1, 1, 1), s('y', 1, 2, 1))));
    expect(container.textContent).toContain('Other programs running');
    expect(gone).toEqual([]);
  });
});
