// The vectors cover the whole schema: every component has a file, and every
// message type and every update action the schema defines (read from the
// schema itself, not from a list kept here) has a valid and an invalid vector.
import { describe, expect, it } from 'vitest';
import { COMPONENT_TYPES, schemaComponents, schemaMessageTypes, schemaUpdateActions } from '../src/index.js';
import { get, kindOf, loadVectors } from './support.js';

const vectors = loadVectors();

function kinds(component: string): string[] {
  const out: string[] = [];
  for (const type of schemaMessageTypes(component)) {
    if (type === 'update') for (const action of schemaUpdateActions(component)) out.push(`${component} update ${action}`);
    else out.push(`${component} ${type}`);
  }
  return out;
}

describe('vector coverage', () => {
  it('has one file per schema component and no other files', () => {
    expect([...vectors.keys()].sort()).toEqual(schemaComponents().sort());
  });

  it('every component accepts changeParent and sends errors', () => {
    for (const component of COMPONENT_TYPES) {
      expect(schemaUpdateActions(component)).toContain('changeParent');
      expect(schemaMessageTypes(component)).toEqual(expect.arrayContaining(['spawn', 'update', 'remove', 'error']));
    }
  });

  for (const component of schemaComponents()) {
    describe(component, () => {
      const data = vectors.get(component);
      const expected = kinds(component);

      it('knows at least one message kind', () => expect(expected.length).toBeGreaterThan(0));

      it('keeps only its own valid messages', () => {
        for (const v of data?.valid ?? []) expect(get(v.message, 'component'), v.name).toBe(component);
      });

      it('has a valid vector for every message kind', () => {
        const covered = new Set((data?.valid ?? []).map((v) => kindOf(v.message)));
        expect(expected.filter((k) => !covered.has(k))).toEqual([]);
        // and no valid vector of a kind the schema does not define
        expect([...covered].filter((k) => !expected.includes(k))).toEqual([]);
      });

      it('has an invalid vector for every message kind', () => {
        const covered = new Set((data?.invalid ?? []).map((v) => kindOf(v.message)));
        expect(expected.filter((k) => !covered.has(k))).toEqual([]);
      });
    });
  }
});
