// The TypeScript side is generated from schema/sidekick.schema.json and must
// be up to date; the constants exported by hand must agree with the schema.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { generateTypes } from '../scripts/generate.mjs';
import {
  COMPONENT_TYPES,
  CONTAINER_TYPES,
  MESSAGE_COMPONENTS,
  MESSAGE_TYPES,
  ROOT_ID,
  Role,
  Status,
  schema,
  schemaComponents,
  schemaMessageTypes,
} from '../src/index.js';
import { protocolDir } from './support.js';

const schemaFile = join(protocolDir, 'schema', 'sidekick.schema.json');
const json = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
const defs = json['$defs'] as Record<string, { enum?: string[] }>;

describe('generated files', () => {
  it('src/generated/*.ts are up to date with the schema (npm run generate -w protocol)', () => {
    const result = spawnSync(process.execPath, [join(protocolDir, 'scripts', 'generate.mjs'), '--check'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('the exported schema object equals the JSON file', () => {
    expect(schema).toEqual(json);
  });

  it('declares one type per $defs entry plus Message', () => {
    const types = readFileSync(join(protocolDir, 'src', 'generated', 'types.ts'), 'utf8');
    const declared = [...types.matchAll(/^export type (\w+) =/gm)].map((m) => m[1]);
    expect(declared).toEqual(['Message', ...Object.keys(defs)]);
  });

  it('refuses schema keywords it cannot express as types', () => {
    const broken = { ...json, $defs: { ...defs, Odd: { type: 'string', pattern: '^a' } } };
    expect(() => generateTypes(broken)).toThrow(/unsupported keyword "pattern"/);
    const closed = { ...json, $defs: { ...defs, Closed: { type: 'object', properties: {}, additionalProperties: false } } };
    expect(() => generateTypes(closed)).toThrow(/unknown fields are always allowed/);
  });
});

describe('the schema', () => {
  it('is accepted by Ajv in strict mode against the 2020-12 meta-schema', () => {
    const ajv = new Ajv2020({ discriminator: true, allowUnionTypes: true, strict: true, strictRequired: false });
    expect(ajv.validateSchema(json)).toBe(true);
    expect(() => ajv.compile(json)).not.toThrow();
  });

  it('references every $defs entry (except the enums exported for code)', () => {
    const text = JSON.stringify(json);
    const exportedOnly = ['ComponentType', 'MessageComponent', 'MessageType'];
    const unused = Object.keys(defs).filter((name) => !exportedOnly.includes(name) && !text.includes(`"#/$defs/${name}"`));
    expect(unused).toEqual([]);
  });

  it('never closes an object: unknown extra fields are allowed everywhere', () => {
    expect(JSON.stringify(json)).not.toContain('"additionalProperties":false');
    expect(JSON.stringify(json)).not.toContain('unevaluatedProperties');
  });
});

describe('constants agree with the schema', () => {
  it('component and type lists', () => {
    expect(COMPONENT_TYPES).toEqual(defs['ComponentType']?.enum);
    expect(MESSAGE_COMPONENTS).toEqual(defs['MessageComponent']?.enum);
    expect(MESSAGE_COMPONENTS).toEqual(schemaComponents());
    expect(MESSAGE_TYPES).toEqual(defs['MessageType']?.enum);
    const used = new Set(schemaComponents().flatMap((c) => schemaMessageTypes(c)));
    expect([...used].sort()).toEqual([...MESSAGE_TYPES].sort());
  });

  it('roles, statuses, containers and the root id', () => {
    expect(Object.values(Role).sort()).toEqual([...(defs['PeerRole']?.enum ?? [])].sort());
    expect(Object.values(Status).sort()).toEqual([...(defs['PeerStatus']?.enum ?? [])].sort());
    expect(CONTAINER_TYPES.every((c) => COMPONENT_TYPES.includes(c))).toBe(true);
    expect(ROOT_ID).toBe('root');
    expect(JSON.stringify(defs['ParentId'])).toContain('\\"root\\"');
  });
});
