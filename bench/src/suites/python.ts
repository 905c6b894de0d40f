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
  batched_delivered_per_s: number;
  batched_frames_per_1000: number;
  single_frames_per_1000: number;
  batched_round_trip_p50_ms: number;
}

/** Issue 17's baseline: the same hero, same run, to a UI that does not accept batch frames. */
const SINGLE = 'ours, UI without acceptsBatch (one message a frame)';

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
      // Issue 17: the same hero to a UI that accepts batch frames, beside the run above (one message a frame).
      { benchmark: `${bench}, batch frames`, metric: 'frames per 1000 msgs at UI', ours: f.batched_frames_per_1000, baseline: f.single_frames_per_1000, baselineName: SINGLE, target: '<= 50' },
      { benchmark: `${bench}, batch frames`, metric: 'msgs/s delivered to UI', ours: f.batched_delivered_per_s, baseline: f.sidekick_delivered_per_s, baselineName: SINGLE },
      { benchmark: 'python: click round trip, batch frames', metric: 'p50 ms', ours: f.batched_round_trip_p50_ms, baseline: f.round_trip_p50_ms, baselineName: SINGLE, target: 'no worse' },
    ]);
  },
};

export default suite;
