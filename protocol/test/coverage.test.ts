// The vectors cover the whole schema: every component has a file, and every
// message type and every update action the schema defines (read from the
// schema itself, not from a list kept here) has a valid and an invalid vector.
// general-error.json holds the errors about anything but the ten components.
import { describe, expect, it } from 'vitest';
import { COMPONENT_TYPES, schemaComponents, schemaMessageTypes, schemaUpdateActions } from '../src/index.js';
import { GENERAL_ERROR_FILE, get, kindOf, loadVectors } from './support.js';

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
  it('has one file per schema component, the general errors, and no other files', () => {
    expect([...vectors.keys()].sort()).toEqual([...schemaComponents(), GENERAL_ERROR_FILE].sort());
  });

  it('keeps in general-error.json only errors about something other than the ten components', () => {
    const data = vectors.get(GENERAL_ERROR_FILE);
    const components = new Set<unknown>(COMPONENT_TYPES);
    for (const v of data?.valid ?? []) {
      expect(get(v.message, 'type'), v.name).toBe('error');
      expect(components.has(get(v.message, 'component')), v.name).toBe(false);
    }
    // an unknown component, system, global, and an empty src are all shown
    const shown = new Set((data?.valid ?? []).map((v) => get(v.message, 'component')));
    expect(shown.has('system') && shown.has('global') && [...shown].some((c) => !schemaComponents().includes(String(c)))).toBe(true);
    expect((data?.valid ?? []).some((v) => get(v.message, 'src') === '')).toBe(true);
  });

  it('every component has an error vector with an empty src (a command without a target)', () => {
    for (const component of COMPONENT_TYPES) {
      const errors = (vectors.get(component)?.valid ?? []).filter((v) => get(v.message, 'type') === 'error');
      expect(errors.some((v) => get(v.message, 'src') === ''), component).toBe(true);
    }
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
