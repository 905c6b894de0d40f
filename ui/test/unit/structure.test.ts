import { describe, expect, it } from 'vitest';
import { emptyStructure, reduceStructure, StructureDraft } from '../../src/store/structure';
import { CommandError } from '../../src/messages/commandError';

const children = (state: ReturnType<typeof emptyStructure>, id: string) => state.get(id)?.children;

describe('structure reducer', () => {
  it('spawns into root by default and into containers', () => {
    const state = reduceStructure(emptyStructure(), [
      { op: 'spawn', id: 'col', type: 'column', parent: 'root' },
      { op: 'spawn', id: 'a', type: 'label', parent: 'col' },
      { op: 'spawn', id: 'b', type: 'label', parent: 'col' },
    ]);
    expect(children(state, 'root')).toEqual(['col']);
    expect(children(state, 'col')).toEqual(['a', 'b']);
    expect(state.get('a')?.parent).toBe('col');
  });

  it('does not change the state it was given (pure)', () => {
    const before = emptyStructure();
    reduceStructure(before, [{ op: 'spawn', id: 'a', type: 'label', parent: 'root' }]);
    expect(before.size).toBe(1);
    expect(children(before, 'root')).toEqual([]);
  });

  it('moves with insertBefore, appends without it or when the sibling is elsewhere', () => {
    const state = reduceStructure(emptyStructure(), [
      { op: 'spawn', id: 'row', type: 'row', parent: 'root' },
      { op: 'spawn', id: 'a', type: 'label', parent: 'row' },
      { op: 'spawn', id: 'b', type: 'label', parent: 'row' },
      { op: 'spawn', id: 'c', type: 'label', parent: 'root' },
      { op: 'move', id: 'c', parent: 'row', insertBefore: 'b' },
    ]);
    expect(children(state, 'row')).toEqual(['a', 'c', 'b']);
    expect(children(state, 'root')).toEqual(['row']);
    const moved = reduceStructure(state, [
      { op: 'move', id: 'a', parent: 'root', insertBefore: null },
      { op: 'move', id: 'b', parent: 'root', insertBefore: 'not-a-child' },
    ]);
    expect(children(moved, 'root')).toEqual(['row', 'a', 'b']);
    expect(children(moved, 'row')).toEqual(['c']);
  });

  it('refuses cycles, unknown parents, non-container parents and duplicates', () => {
    const draft = new StructureDraft(emptyStructure());
    draft.apply({ op: 'spawn', id: 'outer', type: 'column', parent: 'root' });
    draft.apply({ op: 'spawn', id: 'inner', type: 'row', parent: 'outer' });
    draft.apply({ op: 'spawn', id: 'label', type: 'label', parent: 'root' });
    expect(() => draft.apply({ op: 'move', id: 'outer', parent: 'inner', insertBefore: null })).toThrow(CommandError);
    expect(() => draft.apply({ op: 'move', id: 'outer', parent: 'outer', insertBefore: null })).toThrow(CommandError);
    expect(() => draft.apply({ op: 'spawn', id: 'x', type: 'label', parent: 'nowhere' })).toThrow(/does not exist/);
    expect(() => draft.apply({ op: 'spawn', id: 'x', type: 'label', parent: 'label' })).toThrow(/not a row or column/);
    expect(() => draft.apply({ op: 'spawn', id: 'label', type: 'label', parent: 'root' })).toThrow(/already exists/);
    const state = draft.finish();
    expect(children(state, 'inner')).toEqual([]);
    expect(children(state, 'root')).toEqual(['outer', 'label']);
  });

  it('removes a container with all its descendants', () => {
    const draft = new StructureDraft(emptyStructure());
    for (const op of [
      { op: 'spawn', id: 'outer', type: 'column', parent: 'root' },
      { op: 'spawn', id: 'inner', type: 'row', parent: 'outer' },
      { op: 'spawn', id: 'leaf', type: 'button', parent: 'inner' },
      { op: 'spawn', id: 'keep', type: 'button', parent: 'root' },
    ] as const) {
      draft.apply(op);
    }
    expect(draft.apply({ op: 'remove', id: 'outer' }).sort()).toEqual(['inner', 'leaf', 'outer']);
    const state = draft.finish();
    expect([...state.keys()].sort()).toEqual(['keep', 'root']);
    expect(children(state, 'root')).toEqual(['keep']);
  });

  it('clear empties everything but root', () => {
    const state = reduceStructure(emptyStructure(), [
      { op: 'spawn', id: 'a', type: 'label', parent: 'root' },
      { op: 'clear' },
      { op: 'spawn', id: 'b', type: 'label', parent: 'root' },
    ]);
    expect(children(state, 'root')).toEqual(['b']);
    expect(state.has('a')).toBe(false);
  });
});
