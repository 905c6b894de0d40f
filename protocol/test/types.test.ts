// Compile-time agreement between the generated types and the schema: samples
// that the type system accepts are valid at run time, and the shapes it
// rejects (marked @ts-expect-error, checked by `tsc -b`) are invalid.
import { describe, expect, it } from 'vitest';
import {
  type CanvasDrawPolygonUpdate,
  type EventPayloadOf,
  type GridSpawnMessage,
  type HeroToUiMessage,
  type Message,
  type MessageOf,
  type SpawnPayloadOf,
  type UiToHeroMessage,
  type UpdateActionOf,
  type UpdateOf,
  type VizNode,
  MESSAGE_ID,
  ROOT_ID,
  validateMessage,
} from '../src/index.js';

const grid: GridSpawnMessage = { id: MESSAGE_ID, component: 'grid', type: 'spawn', target: 'grid-1', payload: { numColumns: 3, numRows: 2 } };
const move: MessageOf<'label', 'update'> = {
  id: 0,
  component: 'label',
  type: 'update',
  target: 'label-1',
  payload: { action: 'changeParent', options: { parent: ROOT_ID, insertBefore: null } },
};
const polygon: UpdateOf<'canvas', 'drawPolygon'> = {
  action: 'drawPolygon',
  options: { points: [{ x: 0, y: 0 }, { x: 4, y: 0 }, { x: 0, y: 3 }], fillColor: null },
};
const sameType: CanvasDrawPolygonUpdate = polygon;
const draw: HeroToUiMessage = { id: 0, component: 'canvas', type: 'update', target: 'canvas-1', payload: sameType };
const node: VizNode = { type: 'dict', id: 'd', length: 1, value: [{ key: { type: 'str', value: 'a', id: 'k' }, value: { type: 'int', value: 1, id: 'v' } }] };
const show: Message = { id: 0, component: 'viz', type: 'update', target: 'viz-1', payload: { action: 'set', variableName: 'd', options: { path: [], valueRepresentation: node } } };
const click: UiToHeroMessage = { id: 0, component: 'grid', type: 'event', src: 'grid-1', payload: { event: 'click', x: 1, y: 0 } };
const clear: Message = { id: 0, component: 'global', type: 'clearAll' };
const textbox: SpawnPayloadOf<'textbox'> = null;
const submit: EventPayloadOf<'console'> = { event: 'submit', value: '42' };
const actions: Array<UpdateActionOf<'console'>> = ['append', 'clear', 'changeParent'];

// @ts-expect-error numRows is required
const noRows: GridSpawnMessage = { id: 0, component: 'grid', type: 'spawn', target: 'g', payload: { numColumns: 3 } };
// @ts-expect-error a label sends no events
const labelEvent: Message = { id: 0, component: 'label', type: 'event', src: 'l', payload: { event: 'click' } };
// @ts-expect-error grids have no fill action
const fill: UpdateActionOf<'grid'> = 'fill';
// @ts-expect-error a spawn needs its target
const noTarget: Message = { id: 0, component: 'button', type: 'spawn', payload: { text: 'Go' } };
// @ts-expect-error rows only accept changeParent
const rowText: MessageOf<'row', 'update'> = { id: 0, component: 'row', type: 'update', target: 'r', payload: { action: 'setText', options: { text: 'x' } } };

describe('generated types', () => {
  it('accept only what the schema accepts', () => {
    for (const message of [grid, move, draw, show, click, clear]) expect(validateMessage(message).valid).toBe(true);
    for (const message of [noRows, labelEvent, noTarget, rowText]) expect(validateMessage(message).valid).toBe(false);
    expect([textbox, submit.event, actions.length, fill]).toEqual([null, 'submit', 3, 'fill']);
  });

  it('narrow on component, type and action', () => {
    const message: Message = draw;
    if (message.component === 'canvas' && message.type === 'update' && message.payload.action === 'drawPolygon') {
      expect(message.payload.options.points).toHaveLength(3);
    } else {
      throw new Error('did not narrow');
    }
  });
});
