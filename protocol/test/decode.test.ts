// decodeFrame: JSON, plus the bare NaN / Infinity / -Infinity that Python's
// json.dumps writes (and sidekick-py 0.0.7 sends) read as "nan" / "inf" / "-inf".
import { describe, expect, it } from 'vitest';
import { decodeFrame, parseMessage } from '../src/index.js';

// Captured from sidekick-py 0.0.7: viz.show("distances", [0, float("inf"), float("nan"), -float("inf")]).
const ORIGINAL_FRAME =
  '{"id": 0, "component": "viz", "type": "update", "target": "viz-1", "payload": {"action": "set", "variableName": "distances", "options": {"path": [], "valueRepresentation": {"id": "list_140265205544576_0", "type": "list", "observableTracked": false, "length": 4, "value": [{"id": "int_140265238358152_1", "type": "int", "observableTracked": false, "value": 0}, {"id": "float_140265205043056_1", "type": "float", "observableTracked": false, "value": Infinity}, {"id": "float_140265216631184_1", "type": "float", "observableTracked": false, "value": NaN}, {"id": "float_140265205043472_1", "type": "float", "observableTracked": false, "value": -Infinity}]}, "length": 4}}}';

describe('decodeFrame', () => {
  it('parses JSON as JSON.parse does', () => {
    const text = '{"id":0,"component":"global","type":"clearAll","payload":{"a":[1,-2.5,"NaN",null]}}';
    expect(decodeFrame(text)).toEqual(JSON.parse(text));
  });

  it("reads Python's NaN, Infinity and -Infinity as the strings repr() gives", () => {
    expect(decodeFrame('[NaN, Infinity, -Infinity, 1]')).toEqual(['nan', 'inf', '-inf', 1]);
    expect(decodeFrame('{"best": Infinity}')).toEqual({ best: 'inf' });
  });

  it('leaves the words alone inside strings, escaped quotes included', () => {
    expect(decodeFrame('{"text": "NaN \\" Infinity", "value": NaN}')).toEqual({ text: 'NaN " Infinity', value: 'nan' });
    expect(decodeFrame('["a\\\\", -Infinity]')).toEqual(['a\\', '-inf']);
  });

  it('still refuses text that is not JSON', () => {
    expect(() => decodeFrame('{"id":0,')).toThrow(SyntaxError);
    expect(() => decodeFrame('{"value": NaN')).toThrow(SyntaxError);
    expect(() => decodeFrame('"NaN" x')).toThrow(SyntaxError);
    expect(() => decodeFrame('nan')).toThrow(SyntaxError);
  });

  it('turns the frame sidekick-py 0.0.7 sends for float("inf") into a valid viz update', () => {
    const result = parseMessage(ORIGINAL_FRAME);
    expect(result.valid).toBe(true);
    const values = (decodeFrame(ORIGINAL_FRAME) as { payload: { options: { valueRepresentation: { value: { value: unknown }[] } } } })
      .payload.options.valueRepresentation.value.map((node) => node.value);
    expect(values).toEqual([0, 'inf', 'nan', '-inf']);
  });
});
