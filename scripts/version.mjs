#!/usr/bin/env node
// One version number for every package of Sidekick.
//   npm run version:bump -- 0.3.0     set it everywhere (then add a CHANGELOG.md entry)
//   node scripts/version.mjs --check  print it, or fail listing the places that disagree
// `--root DIR` works on another copy of the repository (the test uses one).
// The npm package (scripts/package-npm.mjs) takes the server's version.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WORKSPACES = ['protocol', 'relay', 'testing', 'server', 'worker', 'ui', 'e2e', 'bench', 'vscode'];
/** Workspaces that depend on exact versions of other workspace packages: [workspace, package]. */
const WORKSPACE_DEPENDENCIES = [
  ['ui', '@sidekick/protocol'],
  ['ui', '@sidekick/relay'],
  ['bench', '@sidekick/relay'],
  ['bench', '@sidekick/testing'],
];
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

/** A place that holds the version: how to read it and how to write it. */
function textPlace(file, pattern) {
  return {
    file,
    read: (text) => pattern.exec(text)?.[2],
    write: (text, version) => text.replace(pattern, (_, before, _old, after) => `${before}${version}${after}`),
  };
}

function jsonPlace(file, path) {
  return {
    file: `${file}#${path.join('.')}`,
    path: file,
    read: (text) => path.reduce((node, key) => node?.[key], JSON.parse(text)),
    write: (text, version) => {
      const data = JSON.parse(text);
      path.slice(0, -1).reduce((node, key) => node[key], data)[path.at(-1)] = version;
      return `${JSON.stringify(data, null, 2)}\n`;
    },
  };
}

function places() {
  return [
    jsonPlace('package.json', ['version']),
    ...WORKSPACES.map((w) => jsonPlace(`${w}/package.json`, ['version'])),
    ...WORKSPACE_DEPENDENCIES.map(([w, dep]) => jsonPlace(`${w}/package.json`, ['dependencies', dep])),
    jsonPlace('package-lock.json', ['version']),
    jsonPlace('package-lock.json', ['packages', '', 'version']),
    ...WORKSPACES.map((w) => jsonPlace('package-lock.json', ['packages', w, 'version'])),
    ...WORKSPACE_DEPENDENCIES.map(([w, dep]) => jsonPlace('package-lock.json', ['packages', w, 'dependencies', dep])),
    textPlace('python/pyproject.toml', /^(version = ")([^"]+)(")$/m),
    textPlace('python/src/sidekick/_version.py', /^(__version__ = ")([^"]+)(")$/m),
    // What the UI announces itself as (protocol.md, announce.version).
    textPlace('ui/src/messages/outgoing.ts', /^(export const UI_VERSION = ')([^']+)(';)$/m),
  ];
}

export function readVersions(root) {
  return places().map((place) => ({
    place: place.file,
    version: place.read(readFileSync(join(root, place.path ?? place.file), 'utf8')),
  }));
}

export function setVersion(root, version) {
  if (!SEMVER.test(version)) throw new Error(`"${version}" is not a version like 0.3.0`);
  for (const place of places()) {
    const file = join(root, place.path ?? place.file);
    const text = readFileSync(file, 'utf8');
    if (place.read(text) === undefined) throw new Error(`no version found at ${place.file}`);
    writeFileSync(file, place.write(text, version));
  }
}

function main(argv) {
  const at = argv.indexOf('--root');
  const root = at >= 0 ? argv[at + 1] : dirname(dirname(fileURLToPath(import.meta.url)));
  const rest = argv.filter((arg, i) => !(at >= 0 && (i === at || i === at + 1)) && arg !== '--check');
  if (rest.length > 1) throw new Error('usage: node scripts/version.mjs [--check] [<new version>] [--root DIR]');
  if (rest.length === 1) setVersion(root, rest[0]);
  const found = readVersions(root);
  const distinct = [...new Set(found.map((f) => f.version))];
  if (distinct.length !== 1) {
    const lines = found.map((f) => `  ${f.place}: ${f.version ?? 'missing'}`).join('\n');
    throw new Error(`the versions disagree:\n${lines}\nSet one with: npm run version:bump -- <version>`);
  }
  console.log(distinct[0]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(`[version] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
