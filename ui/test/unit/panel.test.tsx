// The panel in jsdom: announces, status bar, every component's DOM, and the
// events user interaction sends back.
import { marked } from 'marked';
import { act, Profiler } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SidekickPanel } from '../../src/SidekickPanel';
import { FakeTransport } from './fakeTransport';
import { clearAll, remove, spawn, update } from './helpers';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let transport: FakeTransport;
let container: HTMLElement;
let root: Root;

beforeEach(async () => {
  transport = new FakeTransport();
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => root.render(<SidekickPanel transport={transport} sessionId="s-1" />));
});

afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
  vi.restoreAllMocks();
});

/** Deliver messages and wait until the frame that applies them has rendered. */
async function deliver(...messages: unknown[]): Promise<void> {
  await act(async () => {
    transport.deliver(...messages);
    await new Promise((resolve) => setTimeout(resolve, 300)); // > one frame, even the hidden-tab fallback
  });
}

const heroAnnounce = (status: 'online' | 'offline') => ({
  id: 0,
  component: 'system',
  type: 'announce',
  payload: { peerId: 'hero-1', role: 'hero', status, version: '1', timestamp: 1 },
});

/** Connected, with a hero online: input reaches the program. */
async function online(): Promise<void> {
  await act(async () => transport.setStatus('connected'));
  await deliver(heroAnnounce('online'));
}

const $ = <T extends Element = HTMLElement>(selector: string) => container.querySelector<T>(selector);
const byId = <T extends Element = HTMLElement>(id: string) => $<T>(`[data-sk-id="${id}"]`);

describe('SidekickPanel', () => {
  it('announces itself when connected and goes offline when unmounted', async () => {
    expect(transport.ofType('announce')).toEqual([]);
    await act(async () => transport.setStatus('connected'));
    const [online] = transport.ofType('announce');
    expect(online).toMatchObject({ id: 0, component: 'system', payload: { role: 'sidekick', status: 'online' } });
    const peerId = (online!.payload as { peerId: string }).peerId;
    await act(async () => root.unmount());
    const last = transport.ofType('announce').at(-1)!;
    expect(last.payload).toMatchObject({ peerId, role: 'sidekick', status: 'offline' });
    root = createRoot(container); // for afterEach
  });

  it('shows connection, hero presence and session in the status bar', async () => {
    await act(async () => transport.setStatus('connected'));
    const hero = (status: string) => ({ id: 0, component: 'system', type: 'announce', payload: { peerId: 'hero-1', role: 'hero', status, version: '1', timestamp: 1 } });
    await deliver(hero('online'));
    expect($('[data-sk-status="connection"]')?.textContent).toBe('Connected');
    expect($('[data-sk-status="hero"]')?.textContent).toBe('Hero online');
    expect($('[data-sk-status="session"]')?.textContent).toContain('s-1');
    await deliver(hero('offline'));
    expect($('[data-sk-status="hero"]')?.textContent).toBe('Hero offline');
    await act(async () => transport.setStatus('reconnecting'));
    expect($('[data-sk-status="connection"]')?.textContent).toBe('Reconnecting…');
    await act(async () => transport.setStatus('reconnecting', 'session is full'));
    expect($('[data-sk-status="connection"]')?.textContent).toBe('Reconnecting… (session is full)');
    await act(async () => transport.setStatus('connected'));
    expect($('[data-sk-status="connection"]')?.textContent).toBe('Connected');
  });

  it('takes no input while the relay or the program is away, and says so; the last state stays', async () => {
    await online();
    await deliver(spawn('button', 'b', { text: 'Go' }), spawn('textbox', 't', { value: 'typed' }), spawn('label', 'l', { text: 'kept' }));
    const button = byId<HTMLButtonElement>('b')!;
    expect(button.disabled).toBe(false);
    expect($('[data-sk-status="input"]')).toBeNull();
    await act(async () => transport.setStatus('reconnecting'));
    expect(button.disabled).toBe(true);
    expect(byId<HTMLInputElement>('t')?.disabled).toBe(true);
    expect(byId<HTMLInputElement>('t')?.value).toBe('typed');
    expect(byId('l')?.textContent).toBe('kept');
    expect($('[data-sk-status="input"]')?.textContent).toBe('input paused until the program is back');
    await act(async () => button.click());
    expect(transport.ofType('event')).toEqual([]);
    // Back on the relay, but the program is not (yet): still paused.
    await act(async () => transport.setStatus('connected'));
    expect(button.disabled).toBe(true);
    await deliver(heroAnnounce('online'));
    expect(button.disabled).toBe(false);
    expect($('[data-sk-status="input"]')).toBeNull();
    await act(async () => button.click());
    expect(transport.ofType('event')).toEqual([{ id: 0, component: 'button', type: 'event', src: 'b', payload: { event: 'click' } }]);
  });

  it('renders label, button, markdown and textbox and sends their events', async () => {
    await online();
    await deliver(
      spawn('label', 'l', { text: 'Hello' }),
      spawn('button', 'b', { text: 'Go' }),
      spawn('markdown', 'm', { text: '# Title\n\n*soft*' }),
      spawn('textbox', 't', { placeholder: 'name', value: 'A' }),
    );
    expect(byId('l')?.textContent).toBe('Hello');
    expect(byId('m')?.querySelector('h1')?.textContent).toBe('Title');
    expect(byId('m')?.querySelector('em')?.textContent).toBe('soft');
    await deliver(update('label', 'l', 'setText', { text: 'Bye' }), update('button', 'b', 'setText', { text: 'Stop' }));
    expect(byId('l')?.textContent).toBe('Bye');
    expect(byId('b')?.textContent).toBe('Stop');

    await act(async () => byId('b')!.click());
    expect(transport.ofType('event').at(-1)).toEqual({ id: 0, component: 'button', type: 'event', src: 'b', payload: { event: 'click' } });

    const input = byId<HTMLInputElement>('t')!;
    expect(input.value).toBe('A');
    expect(input.placeholder).toBe('name');
    await act(async () => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setter.call(input, 'Ada');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    expect(transport.ofType('event').at(-1)).toMatchObject({ component: 'textbox', src: 't', payload: { event: 'submit', value: 'Ada' } });
    const count = transport.ofType('event').length;
    await act(async () => {
      input.focus();
      input.blur();
    });
    expect(transport.ofType('event')).toHaveLength(count); // unchanged since Enter: no resubmit
    await act(async () => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setter.call(input, 'Grace');
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.focus();
      input.blur();
    });
    expect(transport.ofType('event').at(-1)).toMatchObject({ src: 't', payload: { event: 'submit', value: 'Grace' } });
    await deliver(update('textbox', 't', 'setValue', { value: 'from hero' }), update('textbox', 't', 'setPlaceholder', { placeholder: 'who' }));
    expect(input.value).toBe('from hero');
    expect(input.placeholder).toBe('who');
  });

  it('keeps what the user typed when the textbox moves into a row (its view is remounted)', async () => {
    await online();
    await deliver(clearAll(), spawn('textbox', 't', { placeholder: 'name' }), spawn('row', 'r'));
    await act(async () => {
      const input = byId<HTMLInputElement>('t')!;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, 'Grace');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await deliver(update('textbox', 't', 'changeParent', { parent: 'r' }));
    const moved = byId<HTMLInputElement>('t')!;
    expect(moved.closest('.sk-row')).not.toBeNull();
    expect(moved.value).toBe('Grace');
    await act(async () => moved.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    expect(transport.ofType('event').at(-1)).toMatchObject({ src: 't', payload: { event: 'submit', value: 'Grace' } });
  });

  it('sanitises markdown: no scripts or event handlers from a hero', async () => {
    await deliver(spawn('markdown', 'm', { text: 'hi <img src="x" onerror="alert(1)"><script>window.pwned = 1</script> [a](javascript:alert(1))' }));
    const html = byId('m')!.innerHTML;
    expect(byId('m')!.querySelector('script')).toBeNull();
    expect(html).not.toContain('onerror');
    expect(html).not.toContain('javascript:');
    expect((window as { pwned?: number }).pwned).toBeUndefined();
  });

  it('sanitises markdown: no styles that reach outside it, no forms that navigate away', async () => {
    await deliver(
      spawn('markdown', 'm', {
        text: '<style>body { display: none }</style><div style="position: fixed; inset: 0">cover</div><form><button>go</button></form>\n\n*kept*',
      }),
    );
    const markdown = byId('m')!;
    expect(markdown.querySelector('style')).toBeNull();
    expect(markdown.querySelector('[style]')).toBeNull();
    expect(markdown.querySelector('form')).toBeNull();
    expect(markdown.textContent).toContain('cover');
    expect(markdown.querySelector('em')?.textContent).toBe('kept');
  });

  it('opens markdown links in a new tab', async () => {
    await deliver(spawn('markdown', 'm', { text: 'see [the docs](https://example.test/docs)' }));
    const link = byId('m')!.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://example.test/docs');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('console: appends output, clears, and submits its input line', async () => {
    await online();
    await deliver(spawn('console', 'c', { showInput: true, text: 'ready\n' }), update('console', 'c', 'append', { text: 'one\n' }));
    const output = byId('c')!.querySelector('pre')!;
    expect(output.textContent).toBe('ready\none\n');
    await deliver(update('console', 'c', 'append', { text: 'two' }));
    expect(output.textContent).toBe('ready\none\ntwo');
    await deliver(update('console', 'c', 'clear'), update('console', 'c', 'append', { text: 'fresh' }));
    expect(output.textContent).toBe('fresh');
    const input = byId('c')!.querySelector('input')!;
    await act(async () => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setter.call(input, '42');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => byId('c')!.querySelector('form')!.requestSubmit());
    expect(transport.ofType('event').at(-1)).toEqual({ id: 0, component: 'console', type: 'event', src: 'c', payload: { event: 'submit', value: '42' } });
    await deliver(spawn('console', 'quiet', { showInput: false }));
    expect(byId('quiet')!.querySelector('input')).toBeNull();
  });

  it('paints grid, canvas and console updates without a React render (one subscription per id)', async () => {
    let commits = 0;
    await act(async () =>
      root.render(
        <Profiler id="panel" onRender={() => commits++}>
          <SidekickPanel transport={transport} sessionId="s-1" />
        </Profiler>,
      ),
    );
    await deliver(spawn('grid', 'g', { numColumns: 4, numRows: 3 }), spawn('canvas', 'c', { width: 10, height: 10 }), spawn('console', 'k', { showInput: false }));
    const before = commits;
    await deliver(
      update('grid', 'g', 'setColor', { x: 1, y: 1, color: 'red' }),
      update('canvas', 'c', 'drawLine', { x1: 0, y1: 0, x2: 5, y2: 5 }),
      update('console', 'k', 'append', { text: 'hi\n' }),
    );
    expect(transport.ofType('error')).toEqual([]);
    expect(byId('k')!.textContent).toContain('hi');
    expect(commits - before).toBe(0);
    await deliver(spawn('label', 'l', { text: 'new' })); // a structure change does render
    expect(commits).toBeGreaterThan(before);
  });

  it('grid: reports clicks and keyboard presses as x, y', async () => {
    await online();
    await deliver(spawn('grid', 'g', { numColumns: 4, numRows: 3 }), update('grid', 'g', 'setColor', { x: 3, y: 2, color: 'red' }));
    const grid = byId('g')!;
    expect(grid.getAttribute('aria-label')).toMatch(/^4 columns by 3 rows/);
    const cell = Number(grid.dataset.skCell);
    const canvas = grid.querySelector('canvas')!;
    // jsdom lays nothing out: the canvas sits at (0, 0), so client coordinates are grid pixels.
    await act(async () => canvas.dispatchEvent(new MouseEvent('click', { clientX: 2 * cell + 5, clientY: 1 * cell + 5, bubbles: true })));
    expect(transport.ofType('event').at(-1)).toMatchObject({ component: 'grid', src: 'g', payload: { event: 'click', x: 2, y: 1 } });
    await act(async () => {
      grid.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
      grid.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
      grid.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    expect(transport.ofType('event').at(-1)).toMatchObject({ payload: { event: 'click', x: 3, y: 2 } });
    expect(grid.textContent).toContain('column 3, row 2');
  });

  it('rows and columns: nesting, changeParent with insertBefore, remove with descendants, clearAll', async () => {
    await deliver(
      spawn('row', 'r'),
      spawn('column', 'c', { parent: 'r' }),
      spawn('label', 'a', { text: 'a', parent: 'c' }),
      spawn('label', 'b', { text: 'b', parent: 'c' }),
      spawn('label', 'z', { text: 'z' }),
    );
    expect(byId('c')!.parentElement).toBe(byId('r'));
    expect([...byId('c')!.children].map((e) => e.textContent)).toEqual(['a', 'b']);
    await deliver(update('label', 'z', 'changeParent', { parent: 'c', insertBefore: 'b' }));
    expect([...byId('c')!.children].map((e) => e.textContent)).toEqual(['a', 'z', 'b']);
    await deliver(update('label', 'a', 'changeParent', { parent: 'root' }));
    expect(byId('a')!.parentElement).toBe(byId('root'));
    await deliver(remove('row', 'r'));
    expect(byId('r')).toBeNull();
    expect(byId('z')).toBeNull();
    expect(byId('a')).not.toBeNull();
    await deliver(clearAll());
    expect(byId('root')!.querySelectorAll('[data-sk-id]')).toHaveLength(0);
    expect(byId('root')!.textContent).toContain('Nothing to show yet');
  });

  it('viz: shows variables as a collapsible tree and follows updates', async () => {
    const int = (v: number) => ({ type: 'int', value: v, id: `i${v}` });
    await deliver(spawn('viz', 'v'), update('viz', 'v', 'set', { path: [], valueRepresentation: { type: 'list', id: 'L', value: [int(1), int(2)], length: 2 } }, { variableName: 'xs' }));
    const text = () => byId('v')!.textContent;
    expect(text()).toContain('xs');
    expect(text()).toContain('2 items');
    await deliver(update('viz', 'v', 'append', { path: [2], valueRepresentation: int(77), length: 3 }, { variableName: 'xs' }));
    expect(text()).toContain('77');
    expect(text()).toContain('3 items');
    const toggle = byId('v')!.querySelector<HTMLButtonElement>('.sk-viz-toggle')!;
    expect(toggle.getAttribute('aria-label')).toBe('collapse xs');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(byId('v')!.querySelector('[role="tree"], [role="treeitem"]')).toBeNull(); // no arrow-key tree is promised
    await act(async () => toggle.click());
    expect(text()).not.toContain('77');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await act(async () => toggle.click());
    expect(text()).toContain('77');
    await deliver(update('viz', 'v', 'removeVariable', {}, { variableName: 'xs' }));
    expect(text()).not.toContain('xs');
  });

  it('answers bad commands with errors and keeps rendering; a view that throws is fenced', async () => {
    await act(async () => transport.setStatus('connected'));
    await deliver(clearAll(), spawn('label', 'ok', { text: 'fine' }), update('label', 'ghost', 'setText', { text: 'x' }), { nonsense: true });
    expect(transport.ofType('error').map((e) => e.src)).toEqual(['ghost', '']);
    expect(byId('ok')!.textContent).toBe('fine');
    vi.spyOn(marked, 'parse').mockImplementation(() => {
      throw new Error('renderer exploded');
    });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await deliver(spawn('markdown', 'bad', { text: 'x' }), update('label', 'ok', 'setText', { text: 'still fine' }));
    expect(container.querySelector('.sk-failed')?.textContent).toContain('bad');
    expect(transport.ofType('error').at(-1)).toMatchObject({ component: 'markdown', src: 'bad', payload: { message: expect.stringContaining('renderer exploded') } });
    expect(byId('ok')!.textContent).toBe('still fine');
  });
});
