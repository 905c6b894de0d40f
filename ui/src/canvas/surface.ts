// Executes queued canvas commands on real 2D contexts: the visible canvas
// (buffer 0) and offscreen buffers keyed by bufferId (protocol.md "canvas").
import type { CanvasCommand, CanvasSurface, Stroke } from '../models/canvas';

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
type Buffer = { canvas: HTMLCanvasElement | OffscreenCanvas; ctx: Context2D };

const DEFAULT_LINE = '#000000';
const DEFAULT_TEXT_SIZE = 12;

/** Most device pixels one canvas or buffer may have (64 MB of RGBA): a huge canvas gives up HiDPI sharpness, not the tab's memory. */
export const MAX_BACKING_PIXELS = 4096 * 4096;

/** Device pixels per canvas pixel: the screen's ratio, lowered when the canvas would exceed MAX_BACKING_PIXELS. */
export function backingRatio(width: number, height: number, screenRatio: number): number {
  return Math.min(screenRatio, Math.sqrt(MAX_BACKING_PIXELS / (width * height)));
}

/** A 2D context whose user space is canvas pixels, backed by `ratio` device pixels each (crisp on HiDPI screens). */
function makeBuffer(width: number, height: number, ratio: number): Buffer | null {
  const w = Math.round(width * ratio);
  const h = Math.round(height * ratio);
  const canvas: HTMLCanvasElement | OffscreenCanvas =
    typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(w, h) : Object.assign(document.createElement('canvas'), { width: w, height: h });
  const ctx = canvas.getContext('2d') as Context2D | null;
  ctx?.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx ? { canvas, ctx } : null;
}

export class DrawingSurface implements CanvasSurface {
  readonly element: HTMLCanvasElement;
  private readonly visible: Context2D | null;
  private readonly buffers = new Map<number, Buffer>();

  constructor(
    readonly width: number,
    readonly height: number,
    private readonly ratio: number = backingRatio(width, height, globalThis.devicePixelRatio || 1),
  ) {
    this.element = document.createElement('canvas');
    this.element.width = Math.round(width * ratio);
    this.element.height = Math.round(height * ratio);
    this.element.className = 'sk-canvas';
    this.visible = this.element.getContext('2d');
    this.visible?.setTransform(ratio, 0, 0, ratio, 0, 0);
  }

  /** Run every command in order; a command for a vanished buffer is skipped. */
  run(commands: readonly CanvasCommand[]): void {
    for (const command of commands) this.runOne(command);
  }

  private context(buffer: number): Context2D | null {
    return buffer === 0 ? this.visible : (this.buffers.get(buffer)?.ctx ?? null);
  }

  private runOne(command: CanvasCommand): void {
    switch (command.kind) {
      case 'createBuffer': {
        const existing = this.buffers.get(command.buffer);
        if (existing) existing.ctx.clearRect(0, 0, this.width, this.height);
        else {
          const buffer = makeBuffer(this.width, this.height, this.ratio);
          if (buffer) this.buffers.set(command.buffer, buffer);
        }
        return;
      }
      case 'destroyBuffer':
        this.buffers.delete(command.buffer);
        return;
      case 'drawBuffer': {
        const target = this.context(command.target);
        const source = command.source === 0 ? this.element : this.buffers.get(command.source)?.canvas;
        if (target && source) target.drawImage(source, 0, 0, this.width, this.height);
        return;
      }
    }
    const ctx = this.context(command.buffer);
    if (!ctx) return;
    switch (command.kind) {
      case 'clear':
        ctx.clearRect(0, 0, this.width, this.height);
        return;
      case 'line':
        ctx.beginPath();
        ctx.moveTo(command.x1, command.y1);
        ctx.lineTo(command.x2, command.y2);
        return finish(ctx, command.stroke);
      case 'rect':
        ctx.beginPath();
        ctx.rect(command.x, command.y, command.width, command.height);
        return finish(ctx, command.stroke);
      case 'ellipse':
        ctx.beginPath();
        ctx.ellipse(command.cx, command.cy, command.rx, command.ry, 0, 0, Math.PI * 2);
        return finish(ctx, command.stroke);
      case 'path': {
        ctx.beginPath();
        const [first, ...rest] = command.points;
        if (!first) return;
        ctx.moveTo(first.x, first.y);
        for (const point of rest) ctx.lineTo(point.x, point.y);
        if (command.closed) ctx.closePath();
        return finish(ctx, command.stroke);
      }
      case 'text':
        setColor(ctx, 'fillStyle', command.color, DEFAULT_LINE);
        ctx.font = `${command.size ?? DEFAULT_TEXT_SIZE}px system-ui, sans-serif`;
        ctx.fillText(command.text, command.x, command.y);
        return;
    }
  }
}

/**
 * Set a colour, or `fallback` when there is none or it is not a CSS colour:
 * the context ignores an invalid colour, which would otherwise leave the
 * previous command's colour in place (a typo drawing in the last colour used).
 */
function setColor(ctx: Context2D, key: 'fillStyle' | 'strokeStyle', color: string | null, fallback: string): void {
  ctx[key] = fallback;
  if (color) ctx[key] = color;
}

/**
 * Fill (if asked), then stroke with the command's style or the defaults. A
 * lineWidth of 0 means no stroke: the context ignores `lineWidth = 0` (it
 * keeps the last width), so the width is checked before it is set.
 */
function finish(ctx: Context2D, stroke: Stroke): void {
  if (stroke.fillColor) {
    setColor(ctx, 'fillStyle', stroke.fillColor, 'transparent'); // an invalid fill colour fills nothing
    ctx.fill();
  }
  const width = stroke.lineWidth ?? 1;
  if (width <= 0) return;
  setColor(ctx, 'strokeStyle', stroke.lineColor, DEFAULT_LINE);
  ctx.lineWidth = width;
  ctx.stroke();
}
