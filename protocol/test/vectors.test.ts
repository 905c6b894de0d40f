import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateMessage } from '../src/index.js';

const dir = join(import.meta.dirname, '..', 'vectors');

interface Vector {
  name: string;
  reason?: string;
  message: unknown;
}
interface VectorFile {
  description: string;
  valid: Vector[];
  invalid: Vector[];
}

const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const load = (file: string): VectorFile => JSON.parse(readFileSync(join(dir, file), 'utf8')) as VectorFile;

describe('vector files', () => {
  it('exist', () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    describe(file, () => {
      const data = load(file);
      it('has named valid and invalid messages', () => {
        expect(data.valid.length).toBeGreaterThan(0);
        expect(data.invalid.length).toBeGreaterThan(0);
        for (const v of data.invalid) expect(typeof v.reason).toBe('string');
      });
      for (const v of data.valid) {
        it(`valid: ${v.name}`, () => {
          const result = validateMessage(v.message);
          expect(result.valid ? 'valid' : result.error).toBe('valid');
        });
      }
      for (const v of data.invalid) {
        it(`invalid: ${v.name}`, () => {
          expect(validateMessage(v.message).valid).toBe(false);
        });
      }
    });
  }
});
