// The Python hero library (issue 5 "Performance"): bench/python/bench_python.py
// runs the library through the real local relay to a fake UI peer, beside a
// bare `websockets` sender (json.dumps per message, one connection) measured
// in the same run, and prints one JSON object that becomes these rows.
import { runPythonBench } from '../python-script.js';
import type { BenchRow, BenchSuite } from '../report.js';

interface PythonFigures {
  messages: number;
  sidekick_calls_per_s: number;
  sidekick_delivered_per_s: number;
  raw_delivered_per_s: number;
  activation_ms: number;
  round_trip_p50_ms: number;
  round_trip_p99_ms: number;
}

const suite: BenchSuite = {
  name: 'python',
  run(): Promise<BenchRow[]> {
    const f = runPythonBench<PythonFigures>('bench_python.py');
    const bench = `python: ${f.messages} Grid.set_color via local relay`;
    return Promise.resolve([
      { benchmark: bench, metric: 'calls/s returned', ours: f.sidekick_calls_per_s, baseline: null, baselineName: null, target: '>= 100000' },
      {
        benchmark: bench,
        metric: 'msgs/s delivered to UI',
        ours: f.sidekick_delivered_per_s,
        baseline: f.raw_delivered_per_s,
        baselineName: 'raw websockets + json.dumps',
        target: '>= 0.7x',
      },
      { benchmark: 'python: activation', metric: 'ms start->spawn at UI', ours: f.activation_ms, baseline: null, baselineName: null },
      { benchmark: 'python: click round trip', metric: 'p50 ms', ours: f.round_trip_p50_ms, baseline: null, baselineName: null },
      { benchmark: 'python: click round trip', metric: 'p99 ms', ours: f.round_trip_p99_ms, baseline: null, baselineName: null },
    ]);
  },
};

export default suite;
