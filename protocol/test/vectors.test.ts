// Every shared vector against the schema: valid ones pass, invalid ones fail
// for the reason they state (the reason starts with the field it is about,
// and the validator's error must name that same field).
import { describe, expect, it } from 'vitest';
import { validateMessage } from '../src/index.js';
import { loadVectors } from './support.js';

const vectors = loadVectors();
const FIELD = /^([\w.[\]]+)(?=[\s:])/;

describe('vector files', () => {
  it('exist', () => expect(vectors.size).toBeGreaterThan(0));

  for (const [file, data] of vectors) {
    describe(`${file}.json`, () => {
      it('follows the documented format', () => {
        expect(Object.keys(data).sort()).toEqual(['description', 'invalid', 'valid']);
        expect(data.description).toMatch(/\S/);
        expect(data.valid.length).toBeGreaterThan(0);
        expect(data.invalid.length).toBeGreaterThan(0);
        for (const v of data.valid) expect(Object.keys(v).sort()).toEqual(['message', 'name']);
        for (const v of data.invalid) expect(Object.keys(v).sort()).toEqual(['message', 'name', 'reason']);
        const names = [...data.valid, ...data.invalid].map((v) => v.name);
        expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
      });

      for (const v of data.valid) {
        it(`valid: ${v.name}`, () => {
          const result = validateMessage(v.message);
          expect(result.valid ? 'valid' : result.error).toBe('valid');
          expect(result.valid && result.message).toBe(v.message);
          expect((v.message as { id: unknown }).id).toBe(0);
        });
      }

      for (const v of data.invalid) {
        it(`invalid: ${v.name}`, () => {
          const result = validateMessage(v.message);
          expect(result.valid).toBe(false);
          const field = FIELD.exec(v.reason ?? '')?.[1];
          expect(field, `reason "${v.reason}" must start with the field it is about`).toBeDefined();
          if (!result.valid) expect(result.error).toContain(field);
        });
      }
    });
  }
});
