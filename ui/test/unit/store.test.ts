import { describe, expect, it } from 'vitest';
import { CanvasModel } from '../../src/models/canvas';
import { ConsoleModel } from '../../src/models/console';
import { GridModel } from '../../src/models/grid';
import { TextModel } from '../../src/models/text';
import { TextboxModel } from '../../src/models/textbox';
import type { ErrorMessage } from '../../src/messages/outgoing';
import { clearAll, manualStore, remove, spawn, update, TestStore } from './helpers';

describe('PanelStore batching', () => {
  it('applies nothing until the frame runs, and schedules one frame per burst', () => {
    const { store, frames } = manualStore();
    store.receive(spawn('label', 'l', { text: 'a' }));
    store.receive(update('label', 'l', 'setText', { text: 'b' }));
    expect(store.node('l')).toBeUndefined();
    expect(frames()).toBe(1);
    store.flush();
    expect(store.model('l', TextModel)?.text).toBe('b');
    expect(store.pending).toBe(0);
  });

  it('a listener that throws is reported and does not stop the others', () => {
    const { store, errors } = manualStore();
    store.receive(spawn('label', 'a', { text: '' }));
    store.receive(spawn('label', 'b', { text: '' }));
    store.flush();
    const woken: string[] = [];
    store.subscribe('a', () => {
      throw new Error('cannot draw');
    });
    store.subscribe('b', () => woken.push('b'));
    const quiet = console.error;
    console.error = () => undefined;
    try {
      store.receive(update('label', 'a', 'setText', { text: 'x' }));
      store.receive(update('label', 'b', 'setText', { text: 'y' }));
      store.flush();
    } finally {
      console.error = quiet;
    }
    expect(woken).toEqual(['b']);
    expect(errors).toMatchObject([{ component: 'label', src: 'a', payload: { message: expect.stringContaining('cannot draw') } }]);
  });

  it('wakes only the instance an update touched', () => {
    const { store } = manualStore();
    store.receive(spawn('label', 'a', { text: '' }));
    store.receive(spawn('label', 'b', { text: '' }));
    store.flush();
    const woken: string[] = [];
    store.subscribe('a', () => woken.push('a'));
    store.subscribe('b', () => woken.push('b'));
    store.subscribe('root', () => woken.push('root'));
    store.receive(update('label', 'a', 'setText', { text: 'x' }));
    store.receive(update('label', 'a', 'setText', { text: 'y' }));
    store.flush();
    expect(woken).toEqual(['a']);
  });

  it('updates grid cells in place and lists only the changed cells', () => {
    const { store } = manualStore();
    store.receive(spawn('grid', 'g', { numColumns: 3, numRows: 2 }));
    store.flush();
    const grid = store.model('g', GridModel)!;
    const colors = grid.colors;
    expect(grid.takeChanges()).toBe('all'); // a new grid paints whole
    store.receive(update('grid', 'g', 'setColor', { x: 2, y: 1, color: 'red' }));
    store.receive(update('grid', 'g', 'setText', { x: 0, y: 0, text: 'hi' }));
    store.receive(update('grid', 'g', 'setText', { x: 1, y: 0, text: '' }));
    store.flush();
    expect(grid.colors).toBe(colors);
    expect(grid.colors[5]).toBe('red');
    expect(grid.texts[0]).toBe('hi');
    expect(grid.texts[1]).toBeNull();
    expect(grid.takeChanges()).toEqual([5, 0, 1]);
    expect(grid.takeChanges()).toEqual([]);
    store.receive(update('grid', 'g', 'clearCell', { x: 2, y: 1 }));
    store.receive(update('grid', 'g', 'setColor', { x: 0, y: 0, color: null }));
    store.flush();
    expect(grid.colors[5]).toBeNull();
    store.receive(update('grid', 'g', 'clear'));
    store.flush();
    expect(grid.takeChanges()).toBe('all');
    expect(grid.texts.every((t) => t === null)).toBe(true);
  });

  it('keeps canvas commands queued until a view drains them', () => {
    const { store, errors } = manualStore();
    store.receive(spawn('canvas', 'c', { width: 100, height: 50 }));
    store.receive(update('canvas', 'c', 'drawLine', { x1: 0, y1: 0, x2: 10, y2: 10, lineColor: 'red', lineWidth: 2 }));
    store.receive(update('canvas', 'c', 'createBuffer', { bufferId: 1 }));
    store.receive(update('canvas', 'c', 'drawRect', { x: 1, y: 2, width: 3, height: 4, fillColor: 'blue', bufferId: 1 }));
    store.receive(update('canvas', 'c', 'clear'));
    store.receive(update('canvas', 'c', 'drawBuffer', { sourceBufferId: 1, targetBufferId: 0 }));
    store.flush();
    expect(errors).toEqual([]);
    const kinds = store.model('c', CanvasModel)!.queue.map((c) => c.kind);
    expect(kinds).toEqual(['line', 'createBuffer', 'rect', 'clear', 'drawBuffer']);
  });

  it('appends console text and drains only what is new', () => {
    const { store } = manualStore();
    store.receive(spawn('console', 'k', { showInput: true, text: 'start\n' }));
    store.receive(update('console', 'k', 'append', { text: 'a' }));
    store.flush();
    const model = store.model('k', ConsoleModel)!;
    expect(model.drain()).toEqual({ reset: true, text: 'start\na' });
    store.receive(update('console', 'k', 'append', { text: 'b' }));
    store.flush();
    expect(model.drain()).toEqual({ reset: false, text: 'b' });
    store.receive(update('console', 'k', 'clear'));
    store.flush();
    expect(model.drain()).toEqual({ reset: true, text: '' });
    expect(model.text).toBe('');
  });

  it('textbox setValue and setPlaceholder', () => {
    const { store } = manualStore();
    store.receive(spawn('textbox', 't', { placeholder: 'name' }));
    store.receive(update('textbox', 't', 'setValue', { value: 'Ada' }));
    store.receive(update('textbox', 't', 'setPlaceholder', { placeholder: 'who?' }));
    store.flush();
    const model = store.model('t', TextboxModel)!;
    expect([model.value, model.placeholder, model.valueRevision]).toEqual(['Ada', 'who?', 1]);
  });

  it('remove and clearAll drop models; a re-spawned id gets a new spawn key', () => {
    const { store } = manualStore();
    store.receive(spawn('row', 'r'));
    store.receive(spawn('button', 'b', { text: 'go', parent: 'r' }));
    store.flush();
    const key = store.spawnKey('b');
    store.receive(remove('row', 'r'));
    store.flush();
    expect(store.node('b')).toBeUndefined();
    expect(store.model('b', TextModel)).toBeUndefined();
    store.receive(spawn('button', 'b', { text: 'again' }));
    store.receive(clearAll());
    store.receive(spawn('button', 'b', { text: 'third' }));
    store.flush();
    expect(store.spawnKey('b')).toBeGreaterThan(key);
    expect(store.model('b', TextModel)?.text).toBe('third');
    expect(store.node('root')?.children).toEqual(['b']);
  });

  it('ignores other peers\' events and errors, reports announces', () => {
    const seen: string[] = [];
    const errors: unknown[] = [];
    const withAnnounce = new TestStore({
      sendError: (m) => errors.push(m),
      schedule: () => undefined,
      onAnnounce: (a) => seen.push(`${a.role}:${a.status}`),
    });
    withAnnounce.receive({ id: 0, component: 'button', type: 'event', src: 'b', payload: { event: 'click' } });
    withAnnounce.receive({ id: 0, component: 'button', type: 'error', src: 'b', payload: { message: 'x' } });
    withAnnounce.receive({ id: 0, component: 'system', type: 'announce', payload: { peerId: 'h', role: 'hero', status: 'online', version: '1', timestamp: 1 } });
    withAnnounce.flush();
    expect(errors).toEqual([]);
    expect(seen).toEqual(['hero:online']);
  });
});

describe('PanelStore errors', () => {
  const cases: [string, unknown, { component: string; src: string; match: RegExp }][] = [
    ['unknown component', spawn('slider', 's1'), { component: 'slider', src: 's1', match: /slider.*unknown/ }],
    ['unknown action', update('label', 'l', 'explode'), { component: 'label', src: 'l', match: /explode.*unknown/ }],
    ['unknown target', update('label', 'ghost', 'setText', { text: 'x' }), { component: 'label', src: 'ghost', match: /does not exist/ }],
    ['type mismatch', update('grid', 'l', 'clear'), { component: 'grid', src: 'l', match: /is a label/ }],
    ['bad payload', update('label', 'l', 'setText', { text: 5 }), { component: 'label', src: 'l', match: /text must be a string/ }],
    ['cell outside', spawn('grid', 'g', { numColumns: 0, numRows: 2 }), { component: 'grid', src: 'g', match: /numColumns/ }],
    ['missing target', { id: 0, component: 'label', type: 'spawn', payload: { text: 'x' } }, { component: 'label', src: '', match: /target/ }],
    ['not an object', 'hello', { component: 'global', src: '', match: /must be an object/ }],
    ['unknown type', { id: 0, component: 'label', type: 'explode', target: 'l' }, { component: 'label', src: 'l', match: /explode.*unknown/ }],
    ['bad announce', { id: 0, component: 'system', type: 'announce', payload: { role: 'hero' } }, { component: 'system', src: '', match: /peerId/ }],
    ['no buffer', update('canvas', 'c', 'drawLine', { x1: 0, y1: 0, x2: 1, y2: 1, bufferId: 7 }), { component: 'canvas', src: 'c', match: /buffer 7 does not exist/ }],
    ['short polygon', update('canvas', 'c', 'drawPolygon', { points: [{ x: 0, y: 0 }, { x: 1, y: 1 }] }), { component: 'canvas', src: 'c', match: /at least 3/ }],
    ['changeParent into a label', update('label', 'l', 'changeParent', { parent: 'c' }), { component: 'label', src: 'l', match: /not a row or column/ }],
  ];

  for (const [name, message, expected] of cases) {
    it(`answers ${name} with an error and keeps working`, () => {
      const { store, errors } = manualStore();
      store.receive(spawn('label', 'l', { text: 'before' }));
      store.receive(spawn('canvas', 'c', { width: 10, height: 10 }));
      store.receive(message);
      store.receive(update('label', 'l', 'setText', { text: 'after' }));
      store.flush();
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ id: 0, type: 'error', component: expected.component, src: expected.src });
      expect(errors[0]!.payload.message).toMatch(expected.match);
      expect(store.model('l', TextModel)?.text).toBe('after');
    });
  }
});

describe('PanelStore joining a running session', () => {
  it('drops updates for components it has not been shown until the hero clearAll, then reports them', () => {
    const errors: ErrorMessage[] = [];
    const store = new TestStore({ sendError: (m) => errors.push(m), schedule: () => undefined, budgetMs: Infinity });
    // Live traffic that raced ahead of the hero's replay: nothing to apply it to, nothing to complain about.
    store.receive(update('grid', 'grid-1', 'setColor', { x: 0, y: 0, color: 'red' }));
    store.receive({ id: 0, component: 'grid', type: 'remove', target: 'grid-1' });
    store.receive(spawn('label', 'l', { text: 'early' }));
    store.flush();
    expect(errors).toEqual([]);
    expect(store.model('l', TextModel)?.text).toBe('early');
    store.receive(clearAll());
    store.receive(update('grid', 'ghost', 'clear'));
    store.flush();
    expect(errors.map((e) => e.src)).toEqual(['ghost']);
    // A reconnect starts another wait for the hero's replay.
    store.awaitSync();
    store.receive(update('grid', 'ghost', 'clear'));
    store.flush();
    expect(errors).toHaveLength(1);
  });
});

describe('frames handed on as text (opened by the store, inside its budget)', () => {
  it('applies a frame whole and in order, and past the budget yields between frames, not inside one', () => {
    const errors: ErrorMessage[] = [];
    let scheduled = 0;
    // A budget already spent: the store yields at its first look at the clock.
    const store = new TestStore({ sendError: (m) => errors.push(m), schedule: () => scheduled++, budgetMs: -1 });
    const batch = JSON.stringify({
      id: 0,
      component: 'system',
      type: 'batch',
      // More than the 64 messages between looks at the clock.
      payload: { messages: [clearAll(), spawn('label', 'l', { text: 'a' }), ...Array.from({ length: 64 }, (_, i) => update('label', 'l', 'setText', { text: `b${i}` }))] },
    });
    const single = JSON.stringify(update('label', 'l', 'setText', { text: 'c' }));
    store.enqueue(
      [
        { type: 'frame', text: batch, checked: true },
        { type: 'frame', text: single, checked: false },
      ],
      batch.length + single.length,
    );
    store.flush();
    expect(store.model('l', TextModel)?.text).toBe('b63');
    expect(store.pending).toBe(1);
    expect(scheduled).toBe(2); // the first burst, and the frame for what is left
    store.flush();
    expect(store.model('l', TextModel)?.text).toBe('c');
    expect(store.pending).toBe(0);
    expect(errors).toEqual([]);
  });

  it('checks a frame the socket worker did not, and answers what is invalid', () => {
    const { store, errors } = manualStore();
    const bad = JSON.stringify(spawn('label', 'l', { text: 5 }));
    store.enqueue([{ type: 'frame', text: bad, checked: false }], bad.length);
    store.flush();
    expect(store.node('l')).toBeUndefined();
    expect(errors).toMatchObject([{ type: 'error', component: 'label', src: 'l', payload: { message: expect.stringContaining('payload.text') } }]);
  });
});
