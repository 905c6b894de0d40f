// Issue 14 "the tab bounds itself": each limit of store/limits.ts is refused
// with a protocol `error` and a visible note, and the panel keeps going.
import { describe, expect, it } from 'vitest';
import { MAX_BACKING_PIXELS } from '../../src/canvas/surface';
import { backingCost, CanvasModel } from '../../src/models/canvas';
import { GridModel } from '../../src/models/grid';
import { TextModel } from '../../src/models/text';
import { LIMITS } from '../../src/store/limits';
import { MAX_QUEUED_MESSAGES, NOTES } from '../../src/store/store';
import { emptyStructure, StructureDraft } from '../../src/store/structure';
import { clearAll, manualStore, remove, spawn, update, TestStore } from './helpers';

/** Apply messages in one frame; return the error texts they caused. */
function applyAll(store: TestStore, errors: { payload: { message: string } }[], messages: object[]): string[] {
  const before = errors.length;
  for (const message of messages) store.receive(message);
  store.flush();
  return errors.slice(before).map((e) => e.payload.message);
}

describe('limits', () => {
  it('grid cells: one grid, and all grids together; a removed grid gives its cells back', () => {
    const { store, errors } = manualStore();
    expect(applyAll(store, errors, [spawn('grid', 'huge', { numColumns: 1000, numRows: 251 })])).toEqual([
      expect.stringContaining(`larger than ${LIMITS.gridCells} cells`),
    ]);
    const fill = LIMITS.totalGridCells / LIMITS.gridCells;
    const grids = Array.from({ length: fill }, (_, i) => spawn('grid', `g${i}`, { numColumns: 500, numRows: 500 }));
    expect(applyAll(store, errors, grids)).toEqual([]);
    expect(applyAll(store, errors, [spawn('grid', 'one-more', { numColumns: 1, numRows: 1 })])).toEqual([
      expect.stringContaining(`at most ${LIMITS.totalGridCells} grid cells in all`),
    ]);
    expect(store.node('one-more')).toBeUndefined();
    expect(applyAll(store, errors, [remove('grid', 'g0'), spawn('grid', 'one-more', { numColumns: 1, numRows: 1 })])).toEqual([]);
    expect(store.model('one-more', GridModel)?.columns).toBe(1);
    // A spawn refused for another reason (its id is taken) charges nothing.
    expect(applyAll(store, errors, [spawn('grid', 'g1', { numColumns: 500, numRows: 500 })])).toEqual([expect.stringContaining('already exists')]);
    expect(applyAll(store, errors, [clearAll(), ...grids])).toEqual([]);
    expect(store.notes).toEqual([expect.stringContaining('larger than'), expect.stringContaining('grid cells in all')]);
  });

  it('canvas buffers: at most LIMITS.canvasBuffers per canvas; destroying one makes room', () => {
    const { store, errors } = manualStore();
    const create = (id: number) => update('canvas', 'c', 'createBuffer', { bufferId: id });
    const buffers = Array.from({ length: LIMITS.canvasBuffers }, (_, i) => create(i + 1));
    expect(applyAll(store, errors, [spawn('canvas', 'c', { width: 10, height: 10 }), ...buffers, create(1)])).toEqual([]);
    expect(applyAll(store, errors, [create(999)])).toEqual([expect.stringContaining(`at most ${LIMITS.canvasBuffers} buffers`)]);
    expect(applyAll(store, errors, [update('canvas', 'c', 'destroyBuffer', { bufferId: 5 }), create(999)])).toEqual([]);
    expect(store.notes).toEqual([expect.stringContaining('buffers')]);
    expect(store.model('c', CanvasModel)?.queue.at(-1)).toEqual({ kind: 'createBuffer', buffer: 999 });
  });

  it('canvas pixels: canvases and their buffers together, as backed on a 2x screen; a removed canvas gives its pixels back', () => {
    const { store, errors } = manualStore();
    expect(backingCost(100, 50)).toBe(200 * 100);
    expect(backingCost(8000, 6000)).toBe(MAX_BACKING_PIXELS); // a huge canvas is backed at a lower resolution
    const side = 2048; // 16 Mi device pixels at 2x: four fill the budget
    expect(LIMITS.totalCanvasPixels).toBe(4 * backingCost(side, side));
    const buffers = [1, 2, 3].map((id) => update('canvas', 'a', 'createBuffer', { bufferId: id }));
    expect(applyAll(store, errors, [spawn('canvas', 'a', { width: side, height: side }), ...buffers])).toEqual([]);
    expect(applyAll(store, errors, [spawn('canvas', 'b', { width: 1, height: 1 })])).toEqual([
      expect.stringContaining(`at most ${LIMITS.totalCanvasPixels} canvas pixels in all`),
    ]);
    expect(applyAll(store, errors, [update('canvas', 'a', 'destroyBuffer', { bufferId: 1 }), spawn('canvas', 'b', { width: 1, height: 1 })])).toEqual([]);
    expect(applyAll(store, errors, [update('canvas', 'a', 'createBuffer', { bufferId: 4 })])).toEqual([expect.stringContaining('canvas pixels in all')]);
    expect(applyAll(store, errors, [remove('canvas', 'a'), spawn('canvas', 'c', { width: side, height: side })])).toEqual([]);
    expect(applyAll(store, errors, [spawn('canvas', 'too-wide', { width: LIMITS.canvasSide + 1, height: 1 })])).toEqual([
      expect.stringContaining(`at most ${LIMITS.canvasSide} pixels`),
    ]);
  });

  it('children per container, on spawn and on changeParent; the root column too', () => {
    const { store, errors } = manualStore();
    const labels = Array.from({ length: LIMITS.childrenPerContainer }, (_, i) => spawn('label', `l${i}`, { text: '' }));
    expect(applyAll(store, errors, [spawn('row', 'row'), ...labels.slice(1)])).toEqual([]);
    expect(store.node('root')?.children).toHaveLength(LIMITS.childrenPerContainer);
    expect(applyAll(store, errors, [spawn('label', 'extra', { text: '' })])).toEqual([
      expect.stringContaining(`already holds ${LIMITS.childrenPerContainer} children`),
    ]);
    expect(applyAll(store, errors, [spawn('label', 'inside', { text: 'x', parent: 'row' })])).toEqual([]);
    expect(applyAll(store, errors, [update('label', 'inside', 'changeParent', { parent: 'root' })])).toEqual([
      expect.stringContaining('already holds'),
    ]);
    expect(store.node('inside')?.parent).toBe('row');
    // Moving within a full container is not adding a child.
    expect(applyAll(store, errors, [update('label', 'l5', 'changeParent', { parent: 'root', insertBefore: 'l1' })])).toEqual([]);
    expect(store.model('inside', TextModel)?.text).toBe('x');
    expect(store.notes.length).toBeGreaterThan(0);
  });

  it('notes are announced to subscribers, repeats of the newest are not added again, and only the newest few are kept', () => {
    const { store } = manualStore();
    let woken = 0;
    store.subscribe(NOTES, () => woken++);
    store.note('one');
    store.note('one');
    for (let i = 0; i < 10; i++) store.note(`n${i}`);
    expect(woken).toBe(11);
    expect(store.notes).toEqual(['n5', 'n6', 'n7', 'n8', 'n9']);
  });
});

describe('child insertion', () => {
  it('copies a parent child list once per batch and then appends in place (not quadratic)', () => {
    const draft = new StructureDraft(emptyStructure());
    draft.apply({ op: 'spawn', id: 'a', type: 'label', parent: 'root' });
    const list = draft.get('root')!.children;
    for (let i = 0; i < 1000; i++) draft.apply({ op: 'spawn', id: `x${i}`, type: 'label', parent: 'root' });
    expect(draft.get('root')!.children).toBe(list);
    draft.apply({ op: 'move', id: 'x3', parent: 'root', insertBefore: 'a' });
    draft.apply({ op: 'remove', id: 'x4' });
    expect(draft.get('root')!.children).toBe(list);
    const done = draft.finish();
    expect(done.get('root')!.children.slice(0, 3)).toEqual(['x3', 'a', 'x0']);
    expect(done.get('root')!.children).toHaveLength(1000);
    // The next batch copies once (the finished state is never edited).
    const next = new StructureDraft(done);
    next.apply({ op: 'spawn', id: 'y', type: 'label', parent: 'root' });
    expect(done.get('root')!.children).toHaveLength(1000);
    expect(next.finish().get('root')!.children).toHaveLength(1001);
  });
});

describe('the store queue bound', () => {
  it('past LIMITS.queuedBytes drops what waits, notes it, and asks for a replay; live updates keep applying', () => {
    let behind = 0;
    const errors: unknown[] = [];
    const store = new TestStore({ sendError: (m) => errors.push(m), schedule: () => undefined, budgetMs: Infinity, onFellBehind: () => behind++ });
    store.receive(clearAll(), 30);
    store.receive(spawn('label', 'l', { text: 'a' }), 60);
    store.flush();
    const big = LIMITS.queuedBytes / 4;
    for (let i = 0; i < 4; i++) store.receive(update('label', 'l', 'setText', { text: `t${i}` }), big);
    expect(store.pending).toBe(4);
    expect(behind).toBe(0);
    store.receive(update('label', 'l', 'setText', { text: 'over' }), 1);
    expect(store.pending).toBe(0);
    expect(behind).toBe(1);
    expect(store.notes).toEqual([expect.stringContaining('fell behind')]);
    // Until the replay's clearAll, unknown targets are dropped quietly; known ones still update.
    store.receive(update('label', 'l', 'setText', { text: 'live' }), 1);
    store.receive(update('label', 'gone', 'setText', { text: 'x' }), 1);
    store.flush();
    expect(store.model('l', TextModel)?.text).toBe('live');
    expect(errors).toEqual([]);
    // A frame that ran empties the count: the bound is on what waits, not on what came.
    for (let i = 0; i < 8; i++) {
      store.receive(update('label', 'l', 'setText', { text: `n${i}` }), big);
      store.flush();
    }
    expect(behind).toBe(1);
  });

  it('also bounds the number of waiting messages (a transport that cannot tell their size)', () => {
    let behind = 0;
    const store = new TestStore({ sendError: () => undefined, schedule: () => undefined, onFellBehind: () => behind++ });
    for (let i = 0; i <= MAX_QUEUED_MESSAGES; i++) store.receive(clearAll());
    expect(behind).toBe(1);
    expect(store.pending).toBe(0);
  });
});
