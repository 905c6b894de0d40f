// `npm run bench`: run every suite in ./suites (or those named on the command
// line), print one table, and write it as JSON to bench/results/latest.json.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BenchRow, type BenchSuite, formatTable, ratio } from './report.js';

const here = dirname(fileURLToPath(import.meta.url));
const suitesDir = join(here, 'suites');
const resultsDir = join(here, '..', '..', 'results');

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(suitesDir).filter((f) => f.endsWith('.js')).sort();
  const rows: BenchRow[] = [];
  for (const file of files) {
    const suite = ((await import(pathToFileURL(join(suitesDir, file)).href)) as { default: BenchSuite }).default;
    if (only.length && !only.includes(suite.name)) continue;
    console.log(`running ${suite.name} ...`);
    const suiteRows = await suite.run();
    console.log(formatTable(suiteRows) + '\n');
    rows.push(...suiteRows);
  }
  console.log('=== all benchmarks ===');
  console.log(formatTable(rows));
  mkdirSync(resultsDir, { recursive: true });
  const json = rows.map((r) => ({ ...r, ratio: ratio(r) }));
  writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify({ date: new Date().toISOString(), rows: json }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
