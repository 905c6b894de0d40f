/// <reference lib="dom" />
// UI under floods of updates, in headless Chromium through the real server
// (issue 6 "Performance"). Each stream is also sent to a bare WebSocket in a
// worker that only parses and counts (the baseline: how fast the browser can
// even receive that stream), so the ratio shows the UI's own cost.
import type { BareChromium as Browser, BarePage as Page } from '../bare-chromium.js';
import { packFrames } from '../batch-frames.js';
import type { BenchRow, BenchSuite } from '../report.js';
import { throughPython } from '../ui-python.js';
import { launchBenchChromium, spawnMessage, SyntheticHero, update } from '../ui-harness.js';
import { openRawReceiver, type ProbeResult, startProbe, type Watch, waitForProbe } from '../ui-probe.js';
import { median, type ServeProcess as BenchServer, startSidekickServe } from '@sidekick/testing';

const RAW = 'bare WebSocket in a worker + JSON.parse, same stream';
/** Issue 17: the UI fed batch frames, against the same UI fed one message per frame in the same run. */
const SINGLE = 'the UI, one message per frame, same run';
/** Each stream runs this many times, UI and baseline interleaved; the median is reported. */
const REPEATS = 3;
let sessions = 0;

interface Scenario {
  name: string;
  /** Messages that set the stage (spawn); sent and rendered before the clock starts. */
  setup: object[];
  /** The timed stream. */
  stream: object[];
  /** How the page knows the last update is on screen. */
  watch: Watch;
  /** Selector that exists once the setup has rendered. */
  ready: string;
}

async function panelFor(browser: Browser, server: BenchServer, session: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${server.url}/session/${session}`);
  await page.waitForFunction(() => document.querySelector('[data-sk-status="connection"]')?.textContent === 'Connected', undefined);
  return page;
}

/** Time one stream through the UI: ms from the first send to the first frame showing the last update. */
async function throughUi(browser: Browser, server: BenchServer, scenario: Scenario, batched = false): Promise<{ ms: number; probe: ProbeResult; t0: number }> {
  const session = `bench-ui-${process.pid}-${++sessions}`;
  const hero = await SyntheticHero.connect(server.url, session);
  const page = await panelFor(browser, server, session);
  try {
    hero.sendAll(scenario.setup);
    await page.waitForFunction((ready) => document.querySelector(ready) !== null, scenario.ready);
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the first paint of a big component settle
    await startProbe(page, scenario.watch);
    const encoded = scenario.stream.map((message) => JSON.stringify(message));
    // Batched: the frames our Python hero builds under a flood (batch-frames.ts).
    const frames = batched ? packFrames(encoded) : encoded;
    const t0 = Date.now();
    hero.sendFrames(frames);
    const probe = await waitForProbe(page);
    return { ms: probe.doneAt - t0, probe, t0 };
  } finally {
    hero.close();
    await page.close();
  }
}

/** The same stream to a page that only receives and parses it. */
async function throughRawSocket(browser: Browser, server: BenchServer, scenario: Scenario): Promise<number> {
  const session = `bench-raw-${process.pid}-${++sessions}`;
  const hero = await SyntheticHero.connect(server.url, session);
  const page = await browser.newPage();
  try {
    await page.bypassCsp(); // the receiver's blob: worker is not a script the server's policy allows
    await page.goto(`${server.url}/healthz`); // any same-origin page: the server accepts its WebSocket
    await openRawReceiver(page, `${server.url.replace(/^http/, 'ws')}/?session=${session}`);
    const updates = scenario.stream.filter((m) => (m as { type?: string }).type === 'update').length;
    await startProbe(page, { kind: 'rawCount', count: updates });
    const frames = scenario.stream.map((message) => JSON.stringify(message));
    const t0 = Date.now();
    hero.sendFrames(frames);
    const probe = await waitForProbe(page);
    return probe.doneAt - t0;
  } finally {
    hero.close();
    await page.close();
  }
}

function gridScenario(columns: number, rows: number, updates: number): Scenario {
  const cells = columns * rows;
  const last = cells - 1;
  const stream = Array.from({ length: updates }, (_, i) => {
    const cell = i % cells;
    const color = `hsl(${(i * 7) % 360} 70% 55%)`;
    return update('grid', 'g', 'setColor', { x: cell % columns, y: Math.floor(cell / columns), color });
  });
  // The final update paints the last cell a colour nothing else uses.
  stream[updates - 1] = update('grid', 'g', 'setColor', { x: last % columns, y: Math.floor(last / columns), color: 'rgb(1, 2, 3)' });
  return {
    name: `${columns}x${rows} grid, ${updates} setColor`,
    setup: [spawnMessage('grid', 'g', { numColumns: columns, numRows: rows })],
    stream,
    watch: { kind: 'gridCell', id: 'g', x: last % columns, y: Math.floor(last / columns), rgba: [1, 2, 3, 255] },
    ready: '[data-sk-id="g"] canvas',
  };
}

function canvasScenario(lines: number): Scenario {
  const stream = Array.from({ length: lines }, (_, i) =>
    update('canvas', 'c', 'drawLine', { x1: (i * 13) % 600, y1: (i * 7) % 400, x2: (i * 29) % 600, y2: (i * 17) % 400, lineColor: `hsl(${i % 360} 60% 50%)` }),
  );
  stream[lines - 1] = update('canvas', 'c', 'drawRect', { x: 590, y: 390, width: 10, height: 10, fillColor: 'rgb(1, 2, 3)', lineColor: 'rgb(1, 2, 3)' });
  return {
    name: `canvas, ${lines} drawLine`,
    setup: [spawnMessage('canvas', 'c', { width: 600, height: 400 })],
    stream,
    watch: { kind: 'canvasPixel', id: 'c', x: 595, y: 395, rgba: [1, 2, 3, 255] },
    ready: '[data-sk-id="c"] canvas',
  };
}

function consoleScenario(appends: number): Scenario {
  const stream = Array.from({ length: appends }, (_, i) => update('console', 'k', 'append', { text: `line ${i}: the quick brown fox\n` }));
  stream[appends - 1] = update('console', 'k', 'append', { text: 'END-OF-STREAM' });
  return {
    name: `console, ${appends} append`,
    setup: [spawnMessage('console', 'k', { showInput: false })],
    stream,
    watch: { kind: 'consoleEnds', id: 'k', marker: 'END-OF-STREAM' },
    ready: '[data-sk-id="k"] pre',
  };
}

/**
 * Click a button whose hero answers with a label update. Two times per click:
 * until the DOM shows the reply, and until the frame that shows it has been
 * rendered. The panel applies messages inside an animation frame, so the
 * first task after the mutation runs once that frame's rendering is done.
 */
async function clickRoundTrip(browser: Browser, server: BenchServer, rounds: number): Promise<{ dom: number[]; painted: number[] }> {
  const session = `bench-click-${process.pid}-${++sessions}`;
  const hero = await SyntheticHero.connect(server.url, session);
  let replies = 0;
  hero.onMessage = (message) => {
    if (message.type === 'event' && message.src === 'btn') hero.send(update('label', 'reply', 'setText', { text: `reply-${++replies}` }));
  };
  const page = await panelFor(browser, server, session);
  try {
    hero.sendAll([spawnMessage('button', 'btn', { text: 'Ping' }), spawnMessage('label', 'reply', { text: 'reply-0' })]);
    await page.waitForFunction(() => document.querySelector('[data-sk-id="reply"]') !== null, undefined);
    return await page.evaluate(async (rounds) => {
      const button = document.querySelector<HTMLButtonElement>('[data-sk-id="btn"]')!;
      const label = document.querySelector('[data-sk-id="reply"]')!;
      const dom: number[] = [];
      const painted: number[] = [];
      for (let n = 1; n <= rounds; n++) {
        await new Promise((resolve) => setTimeout(resolve, 40));
        const expected = `reply-${n}`;
        const start = performance.now();
        const seen = new Promise<[number, number]>((resolve) => {
          const observer = new MutationObserver(() => {
            if (label.textContent !== expected) return;
            observer.disconnect();
            const inDom = performance.now();
            const afterFrame = new MessageChannel();
            afterFrame.port1.onmessage = () => resolve([inDom, performance.now()]);
            afterFrame.port2.postMessage(null);
          });
          observer.observe(label, { childList: true, characterData: true, subtree: true });
        });
        button.click();
        const [inDom, afterFrame] = await seen;
        dom.push(inDom - start);
        painted.push(afterFrame - start);
      }
      return { dom, painted };
    }, rounds);
  } finally {
    hero.close();
    await page.close();
  }
}

/** Median of REPEATS runs of the UI and the bare socket, interleaved so both see the same machine load. */
type UiRun = Awaited<ReturnType<typeof throughUi>>;

/** The run with the median time. */
function medianRun(runs: UiRun[]): UiRun {
  return [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]!;
}

/** Median of REPEATS runs of the UI (one message a frame, then batch frames) and the bare socket, interleaved so all see the same machine load. */
async function measure(browser: Browser, server: BenchServer, scenario: Scenario): Promise<{ ui: UiRun; batched: UiRun; raw: number }> {
  const ui: UiRun[] = [];
  const batched: UiRun[] = [];
  const raw: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    console.log(`  ${scenario.name}: run ${i + 1} of ${REPEATS}`);
    ui.push(await throughUi(browser, server, scenario));
    batched.push(await throughUi(browser, server, scenario, true));
    raw.push(await throughRawSocket(browser, server, scenario));
  }
  return { ui: medianRun(ui), batched: medianRun(batched), raw: median(raw) };
}

/** Animation frames per second between the first send and the last update on screen. */
function fps(run: UiRun): number {
  const streaming = run.probe.frames.filter((t) => t >= run.t0 && t <= run.probe.doneAt);
  const seconds = (run.probe.doneAt - run.t0) / 1000;
  return seconds > 0 ? streaming.length / seconds : NaN;
}

const suite: BenchSuite = {
  name: 'ui',
  async run(): Promise<BenchRow[]> {
    const server = await startSidekickServe();
    const browser = await launchBenchChromium();
    const rows: BenchRow[] = [];
    const row = (benchmark: string, metric: string, ours: number, baseline: number | null, target: string): void => {
      rows.push({ benchmark: `ui: ${benchmark}`, metric, ours, baseline, baselineName: baseline === null ? null : RAW, target });
    };
    try {
      const big = gridScenario(100, 100, 50_000);
      const { ui: bigUi, batched: bigBatched, raw: bigRaw } = await measure(browser, server, big);
      row(big.name, 'ms to last cell visible', bigUi.ms, bigRaw, '<= 1000 ms (existing UI: 188 s)');
      row(big.name, 'updates/s', 50_000 / (bigUi.ms / 1000), 50_000 / (bigRaw / 1000), '>= 50000/s (existing UI: 265/s)');
      const streaming = bigUi.probe.frames.filter((t) => t >= bigUi.t0 && t <= bigUi.probe.doneAt);
      const seconds = (bigUi.probe.doneAt - bigUi.t0) / 1000;
      row(`${big.name}, while streaming`, 'frames/s', seconds > 0 ? streaming.length / seconds : NaN, null, '>= 30 fps (existing UI: 0.5-1.8)');
      row(`${big.name}, while streaming`, 'longest task ms', bigUi.probe.longestTask, null, '<= 100 ms');
      const batchRow = (benchmark: string, metric: string, ours: number, baseline: number | null, baselineName: string | null, target: string): void => {
        rows.push({ benchmark: `ui: ${benchmark}, batch frames`, metric, ours, baseline, baselineName, target });
      };
      batchRow(big.name, 'ms to last cell visible', bigBatched.ms, bigRaw, RAW, '<= 0.25x (4x faster than the bare receiver)');
      batchRow(big.name, 'ms to last cell visible', bigBatched.ms, bigUi.ms, SINGLE, '');
      batchRow(`${big.name}, while streaming`, 'frames/s', fps(bigBatched), null, null, '>= 55 fps');
      batchRow(`${big.name}, while streaming`, 'longest task ms', bigBatched.probe.longestTask, null, null, 'no long task (0: none over 50 ms)');
      const python = await throughPython(browser, server, 100, 100, 50_000);
      rows.push({ benchmark: `ui: ${big.name} from the Python library, batch frames`, metric: 'ms to last cell visible', ours: python.ms, baseline: bigRaw, baselineName: RAW, target: '<= 0.25x (4x faster than the bare receiver)' });
      rows.push({ benchmark: `ui: ${big.name} from the Python library, batch frames, while streaming`, metric: 'frames/s', ours: fps(python), baseline: null, baselineName: null, target: '>= 55 fps' });
      rows.push({ benchmark: `ui: ${big.name} from the Python library, batch frames, while streaming`, metric: 'longest task ms', ours: python.probe.longestTask, baseline: null, baselineName: null, target: 'no long task (0: none over 50 ms)' });

      for (const [scenario, metric, target] of [
        [gridScenario(50, 50, 25_000), 'ms to last cell visible', '<= 500 ms (existing UI: 26 s)'],
        [canvasScenario(20_000), 'ms to last draw visible', '<= 500 ms (existing UI: 2.1 s)'],
        [consoleScenario(5_000), 'ms to last line visible', '<= 250 ms (existing UI: 0.78 s)'],
      ] as const) {
        const { ui, batched, raw } = await measure(browser, server, scenario);
        row(scenario.name, metric, ui.ms, raw, target);
        batchRow(scenario.name, metric, batched.ms, ui.ms, SINGLE, '<= 0.33x (3x faster)');
      }

      const clicks = await clickRoundTrip(browser, server, 40);
      row('click -> hero reply', 'p50 ms to frame showing it', median(clicks.painted), null, '<= 20 ms (existing UI: 29 ms)');
      row('click -> hero reply', 'p50 ms to reply in DOM', median(clicks.dom), null, 'part of the above');
    } finally {
      await browser.close();
      await server.stop();
    }
    return rows;
  },
};

export default suite;
