// Issue 16 (reconnect, state-based sync): bench/python/bench_reconnect.py runs
// the library through the real local relay and prints one JSON object that
// becomes these rows: memory while no UI is connected beside a queue of the
// same messages (the library before issue 16), and relay restart -> the state
// shown again (before issue 16 the program died instead: no baseline).
import { runPythonBench } from '../python-script.js';
import type { BenchRow, BenchSuite } from '../report.js';

interface ReconnectFigures {
  no_ui_mb_per_million: number;
  queue_mb_per_million: number;
  restart_to_state_ms: number;
}

const suite: BenchSuite = {
  name: 'reconnect',
  run(): Promise<BenchRow[]> {
    const f = runPythonBench<ReconnectFigures>('bench_reconnect.py');
    return Promise.resolve([
      {
        benchmark: 'python: Label.text with no UI connected',
        metric: 'MB RSS growth per million updates',
        ours: f.no_ui_mb_per_million,
        baseline: f.queue_mb_per_million,
        baselineName: 'a queue of every message (before issue 16)',
        target: '< 5 (10 M updates < 50 MB)',
      },
      {
        benchmark: 'python: sidekick serve restarted under a running hero',
        metric: 'ms relay listening -> state at UI (median of 3)',
        ours: f.restart_to_state_ms,
        baseline: null,
        baselineName: null,
        target: '< 3000',
      },
    ]);
  },
};

export default suite;
