import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '..', 'vectors');

describe('vector files', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  it('exist', () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    it(`${file} has named valid and invalid messages`, () => {
      const data = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      expect(data.valid.length).toBeGreaterThan(0);
      expect(data.invalid.length).toBeGreaterThan(0);
      for (const v of data.invalid) expect(typeof v.reason).toBe('string');
    });
  }
});
