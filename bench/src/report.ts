// One row of the benchmark table: our figure beside a baseline measured in
// the same run, so the ratio means something on a shared, noisy machine.
export interface BenchRow {
  /** Which benchmark, e.g. "relay: 1 hero -> 1 UI". */
  benchmark: string;
  /** What was measured, e.g. "msgs/s" or "CPU µs/msg". */
  metric: string;
  ours: number;
  /** Null when there is no baseline for this figure. */
  baseline: number | null;
  /** Name of the baseline, e.g. "bare ws forwarder". */
  baselineName: string | null;
  /** Human-readable target, e.g. ">= 0.8x". */
  target?: string;
}

/** A benchmark suite: bench/src/suites/<area>.ts default-exports one. */
export interface BenchSuite {
  name: string;
  run(): Promise<BenchRow[]>;
}

export function ratio(row: BenchRow): number | null {
  return row.baseline ? row.ours / row.baseline : null;
}

function cell(value: number | null, digits = 2): string {
  if (value === null || !Number.isFinite(value)) return '-';
  return Math.abs(value) >= 1000 ? value.toFixed(0) : value.toFixed(digits);
}

export function formatTable(rows: BenchRow[]): string {
  const header = ['benchmark', 'metric', 'ours', 'baseline', 'ratio', 'target', 'baseline is'];
  const body = rows.map((r) => [
    r.benchmark,
    r.metric,
    cell(r.ours),
    cell(r.baseline),
    ratio(r) === null ? '-' : `${cell(ratio(r))}x`,
    r.target ?? '',
    r.baselineName ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
