// Code that runs inside the benchmark page: watches for the moment the last
// update of a stream is on screen, counting frames and long tasks meanwhile.
/// <reference lib="dom" />
import type { BarePage as Page } from './bare-chromium.js';

export type Watch =
  | { kind: 'gridCell'; id: string; x: number; y: number; rgba: number[] }
  | { kind: 'canvasPixel'; id: string; x: number; y: number; rgba: number[] }
  | { kind: 'consoleEnds'; id: string; marker: string }
  | { kind: 'rawCount'; count: number };

export interface ProbeResult {
  /** Wall-clock ms (Unix epoch) of the first frame that showed the last update. */
  doneAt: number;
  /** Wall-clock ms of every animation frame while watching. */
  frames: number[];
  /** Longest main-thread task seen while watching, in ms (0 if none over 50 ms). */
  longestTask: number;
}

interface ProbeState {
  done: number | null;
  frames: number[];
  longest: number;
  raw?: { count: number };
}

/** Start watching in the page (call before the hero sends). */
export async function startProbe(page: Page, watch: Watch): Promise<void> {
  if (watch.kind === 'gridCell') {
    // "Visible" means on screen: scroll the watched cell into view first, and let it repaint.
    await page.evaluate(async (watch) => {
      const box = document.querySelector<HTMLElement>(`[data-sk-id="${watch.id}"]`)!;
      const size = Number(box.dataset.skCell);
      box.scrollLeft = watch.x * size;
      box.scrollTop = watch.y * size;
      for (let i = 0; i < 3; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
    }, watch);
  }
  await page.evaluate((watch) => {
    const w = window as unknown as { __probe: ProbeState; __raw?: { count: number } };
    const state: ProbeState = { done: null, frames: [], longest: 0 };
    w.__probe = state;
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) state.longest = Math.max(state.longest, entry.duration);
      }).observe({ type: 'longtask' });
    } catch {
      // no long task API: longest stays 0
    }
    const wall = () => performance.timeOrigin + performance.now();
    const check = (): boolean => {
      switch (watch.kind) {
        case 'gridCell': {
          // The grid paints visible cells on one canvas; read the cell's pixel.
          const box = document.querySelector<HTMLElement>(`[data-sk-id="${watch.id}"]`);
          const canvas = box?.querySelector('canvas');
          if (!box || !canvas) return false;
          const size = Number(box.dataset.skCell);
          const ratio = canvas.width / canvas.clientWidth;
          const data = canvas.getContext('2d')?.getImageData((watch.x * size + 3 - box.scrollLeft) * ratio, (watch.y * size + 3 - box.scrollTop) * ratio, 1, 1).data;
          return !!data && watch.rgba.every((v, i) => data[i] === v);
        }
        case 'canvasPixel': {
          const canvas = document.querySelector<HTMLCanvasElement>(`[data-sk-id="${watch.id}"] canvas`);
          const data = canvas?.getContext('2d')?.getImageData(watch.x, watch.y, 1, 1).data;
          return !!data && watch.rgba.every((v, i) => data[i] === v);
        }
        case 'consoleEnds': {
          const pre = document.querySelector(`[data-sk-id="${watch.id}"] pre`);
          return (pre?.lastChild?.textContent ?? '').endsWith(watch.marker);
        }
        case 'rawCount':
          return (w.__raw?.count ?? 0) >= watch.count;
      }
    };
    // Check after the frame has rendered, not inside its animation-frame
    // callbacks: the panel applies updates in a callback registered after
    // this one, and the frame it paints already shows them. The first task
    // after the frame runs once that frame's rendering is done.
    const afterFrame = new MessageChannel();
    afterFrame.port1.onmessage = () => {
      if (check()) state.done = wall();
      else requestAnimationFrame(tick);
    };
    const tick = () => {
      state.frames.push(wall());
      afterFrame.port2.postMessage(null);
    };
    requestAnimationFrame(tick);
  }, watch);
}

export async function waitForProbe(page: Page, timeoutMs = 180_000): Promise<ProbeResult> {
  await page.waitForFunction(() => (window as unknown as { __probe: ProbeState }).__probe.done !== null, undefined, timeoutMs);
  return page.evaluate(() => {
    const state = (window as unknown as { __probe: ProbeState }).__probe;
    return { doneAt: state.done!, frames: state.frames, longestTask: state.longest };
  });
}

/**
 * Open a bare WebSocket that only parses and counts what arrives (the
 * baseline receiver). It lives in a Web Worker, as the UI's socket does: on
 * the page's main thread Chromium delivers frames more slowly, so this is the
 * fastest any page can take the stream in.
 */
export async function openRawReceiver(page: Page, wsUrl: string): Promise<void> {
  await page.evaluate(
    (wsUrl) =>
      new Promise<void>((resolve, reject) => {
        const w = window as unknown as { __raw: { count: number } };
        w.__raw = { count: 0 };
        const source = `
          const socket = new WebSocket(${JSON.stringify(wsUrl)});
          let count = 0;
          socket.onopen = () => {
            socket.send(JSON.stringify({ id: 0, component: 'system', type: 'announce', payload: { peerId: 'raw-' + Math.random(), role: 'sidekick', status: 'online', version: 'bench', timestamp: Date.now() } }));
            postMessage('open');
          };
          socket.onerror = () => postMessage('error');
          // Parse like the UI does, so the baseline includes decoding; report counts a few times per frame.
          let timer = null;
          socket.onmessage = (event) => {
            if (JSON.parse(event.data).type === 'update') count++;
            if (timer === null) timer = setTimeout(() => { timer = null; postMessage(count); }, 4);
          };`;
        const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
        (w as unknown as { __rawWorker: Worker }).__rawWorker = worker; // keep it alive
        worker.onmessage = (event: MessageEvent<number | 'open' | 'error'>) => {
          if (event.data === 'open') resolve();
          else if (event.data === 'error') reject(new Error('raw receiver could not connect'));
          else w.__raw.count = event.data;
        };
      }),
    wsUrl,
  );
}
