// docs/protocol.md is checked against the schema: every component, message
// type, update action, event and field name the schema defines must appear in
// the page (in `code`), and every component has a section.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPONENT_TYPES, MESSAGE_TYPES, schema, schemaComponents, schemaUpdateActions } from '../src/index.js';
import { isRecord, protocolDir } from './support.js';

const doc = readFileSync(join(protocolDir, '..', 'docs', 'protocol.md'), 'utf8');
// Words inside inline `code` spans, outside fenced examples.
const prose = doc.replace(/^```[\s\S]*?^```/gm, '');
const codeWords = new Set([...prose.matchAll(/`([^`\n]+)`/g)].flatMap((m) => (m[1] ?? '').match(/\w+/g) ?? []));
const headings = [...doc.matchAll(/^#+ (.*)$/gm)].map((m) => m[1] ?? '');

/** Every property name and every `event` constant anywhere in the schema. */
function schemaNames(node: unknown, fields = new Set<string>(), events = new Set<string>()) {
  if (Array.isArray(node)) for (const item of node) schemaNames(item, fields, events);
  else if (isRecord(node)) {
    const properties = node['properties'];
    if (isRecord(properties)) {
      for (const name of Object.keys(properties)) fields.add(name);
      const event = properties['event'];
      if (isRecord(event) && typeof event['const'] === 'string') events.add(event['const']);
    }
    for (const value of Object.values(node)) schemaNames(value, fields, events);
  }
  return { fields, events };
}

const missing = (names: Iterable<string>) => [...names].filter((n) => !codeWords.has(n));

describe('docs/protocol.md', () => {
  it('names every component and message type', () => {
    expect(missing(schemaComponents())).toEqual([]);
    expect(missing(MESSAGE_TYPES)).toEqual([]);
  });

  it('has a section for every component', () => {
    for (const component of COMPONENT_TYPES) {
      expect(headings.some((h) => h.split(/\W+/).includes(component)), component).toBe(true);
    }
  });

  it('names every update action of every component', () => {
    const actions = new Set(schemaComponents().flatMap((c) => schemaUpdateActions(c)));
    expect(actions.size).toBeGreaterThan(20);
    expect(missing(actions)).toEqual([]);
  });

  it('names every field and event of the schema', () => {
    const { fields, events } = schemaNames(schema);
    expect(fields.size).toBeGreaterThan(40);
    expect(missing(fields)).toEqual([]);
    expect(missing(events)).toEqual([]);
  });
});
