// The validation API: results, error text, and the deliberate tolerance rules
// (docs/protocol.md, "Compatibility").
import { describe, expect, it } from 'vitest';
import { isMessage, parseMessage, validateMessage } from '../src/index.js';

const spawn = { id: 0, component: 'grid', type: 'spawn', target: 'grid-1', payload: { numColumns: 3, numRows: 2 } };

function errorOf(value: unknown): string {
  const result = validateMessage(value);
  return result.valid ? 'valid' : result.error;
}

describe('validateMessage', () => {
  it('returns the same object, typed, when valid', () => {
    const result = validateMessage(spawn);
    expect(result).toEqual({ valid: true, message: spawn });
    if (result.valid && result.message.component === 'grid' && result.message.type === 'spawn') {
      expect(result.message.payload.numColumns).toBe(3);
    }
  });

  it('accepts unknown extra fields and keeps them', () => {
    const extra = { ...spawn, trace: 'x', payload: { ...spawn.payload, theme: 'dark' } };
    expect(validateMessage(extra)).toEqual({ valid: true, message: extra });
  });

  it('accepts any number as the reserved id, but not a missing or non-number one', () => {
    expect(errorOf({ ...spawn, id: 7 })).toBe('valid');
    expect(errorOf({ ...spawn, id: '0' })).toBe('id must be a number (got string)');
    const { id: _id, ...noId } = spawn;
    expect(errorOf(noId)).toBe('id is required');
  });

  it('names the field and the rule in its errors', () => {
    expect(errorOf({ ...spawn, payload: { numColumns: 0, numRows: 2 } })).toBe('payload.numColumns must be >= 1 (got 0)');
    expect(errorOf({ ...spawn, payload: { numColumns: 3 } })).toBe('payload.numRows is required');
    expect(errorOf({ ...spawn, component: 'gird' })).toBe(
      'component "gird" is unknown (expected one of: system, global, button, label, markdown, textbox, console, grid, canvas, row, column, viz)',
    );
    expect(errorOf({ id: 0, component: 'grid', type: 'update', target: 'g', payload: { action: 'fill', options: {} } })).toBe(
      'payload.action "fill" is unknown for grid (expected one of: setColor, setText, clearCell, clear, changeParent)',
    );
    expect(errorOf({ id: 0, component: 'label', type: 'event', src: 'l', payload: { event: 'click' } })).toBe(
      'type "event" is unknown for label (expected one of: spawn, update, remove, error)',
    );
    expect(
      errorOf({
        id: 0,
        component: 'canvas',
        type: 'update',
        target: 'c',
        payload: { action: 'drawPolyline', options: { points: [{ x: 0, y: 0 }, { x: 1 }] } },
      }),
    ).toBe('payload.options.points[1].y is required');
    expect(errorOf({ id: 0, component: 'grid', type: 'update', target: 'g', payload: { action: 'setColor', options: { x: 0, y: 0, color: 1 } } })).toBe(
      'payload.options.color must be a string or null (got integer)',
    );
    expect(errorOf([])).toBe('message must be an object (got array)');
    expect(errorOf({ id: 0, component: 5 })).toBe('component must be a string (got integer)');
  });

  it('explains a representation node that fits no shape', () => {
    const bad = {
      id: 0,
      component: 'viz',
      type: 'update',
      target: 'v',
      payload: { action: 'set', variableName: 'x', options: { valueRepresentation: { type: 'int', id: 'a', value: { nested: 1 } } } },
    };
    expect(errorOf(bad)).toBe('payload.options.valueRepresentation.value.nested must be an object (got integer)');
  });
});

describe('isMessage and parseMessage', () => {
  it('isMessage is a boolean guard', () => {
    expect(isMessage(spawn)).toBe(true);
    expect(isMessage({ ...spawn, target: undefined })).toBe(false);
  });

  it('parseMessage decodes one frame', () => {
    expect(parseMessage(JSON.stringify(spawn))).toEqual({ valid: true, message: spawn });
    const notJson = parseMessage('{"id":0,');
    expect(notJson.valid).toBe(false);
    expect(!notJson.valid && notJson.error).toMatch(/^not JSON: /);
    expect(parseMessage('"hello"')).toEqual({ valid: false, error: 'message must be an object (got string)' });
  });
});
