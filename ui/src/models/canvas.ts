// canvas: every draw action is validated when it arrives (so errors reach the
// hero at once) and queued as a plain command; the view drains the queue
// into 2D contexts each frame, bypassing React (style.md "imperative canvas").
import type { Point as WirePoint } from '@sidekick/protocol';
import { CommandError } from '../messages/commandError';
import { MAX_BACKING_PIXELS } from '../canvas/surface';
import { type Budget, LimitError, LIMITS } from '../store/limits';
import type { Model, ModelFactory, ModelUpdate } from './model';

export const MAX_CANVAS_SIDE = LIMITS.canvasSide;

/** Device pixels one canvas or buffer of this size may take: as on a 2x screen, within the surface's cap. */
export function backingCost(width: number, height: number): number {
  return Math.min(4 * width * height, MAX_BACKING_PIXELS);
}

export interface Stroke {
  lineColor: string | null;
  lineWidth: number | null;
  fillColor: string | null;
}

export interface Point {
  x: number;
  y: number;
}

export type CanvasCommand =
  | { kind: 'clear'; buffer: number }
  | { kind: 'line'; buffer: number; stroke: Stroke; x1: number; y1: number; x2: number; y2: number }
  | { kind: 'rect'; buffer: number; stroke: Stroke; x: number; y: number; width: number; height: number }
  | { kind: 'ellipse'; buffer: number; stroke: Stroke; cx: number; cy: number; rx: number; ry: number }
  | { kind: 'path'; buffer: number; stroke: Stroke; points: Point[]; closed: boolean }
  | { kind: 'text'; buffer: number; x: number; y: number; text: string; color: string | null; size: number | null }
  | { kind: 'createBuffer'; buffer: number }
  | { kind: 'destroyBuffer'; buffer: number }
  | { kind: 'drawBuffer'; source: number; target: number };

/** The DOM side of a canvas, kept by the model so moving the component keeps its pixels. */
export interface CanvasSurface {
  readonly element: HTMLCanvasElement;
  /** Draw commands in order. */
  run(commands: readonly CanvasCommand[]): void;
}

export class CanvasModel implements Model<ModelUpdate<'canvas'>> {
  /** Commands not yet drawn; kept until the view mounts (no early draw is lost). */
  queue: CanvasCommand[] = [];
  /** Offscreen buffer ids that exist once the queue is drained. */
  private readonly buffers = new Set<number>();
  surface: CanvasSurface | null = null;

  constructor(
    readonly width: number,
    readonly height: number,
    /** Buffers are charged to this instance in the panel-wide pixel budget. */
    private readonly owner: { readonly id: string; readonly budget: Budget } | null = null,
    /** What the drawing shows, in words, for screen readers (spawn `description`). */
    readonly description: string | null = null,
  ) {}

  apply(update: ModelUpdate<'canvas'>): void {
    this.queue.push(this.command(update));
  }

  private command(update: ModelUpdate<'canvas'>): CanvasCommand {
    switch (update.action) {
      case 'clear':
        return { kind: 'clear', buffer: this.target(update.options?.bufferId) };
      case 'drawLine': {
        const o = update.options;
        return { kind: 'line', buffer: this.target(o.bufferId), stroke: stroke(o, null), x1: o.x1, y1: o.y1, x2: o.x2, y2: o.y2 };
      }
      case 'drawRect': {
        const o = update.options;
        return { kind: 'rect', buffer: this.target(o.bufferId), stroke: stroke(o, o.fillColor), x: o.x, y: o.y, width: o.width, height: o.height };
      }
      case 'drawCircle': {
        const o = update.options;
        return { kind: 'ellipse', buffer: this.target(o.bufferId), stroke: stroke(o, o.fillColor), cx: o.cx, cy: o.cy, rx: o.radius, ry: o.radius };
      }
      case 'drawEllipse': {
        const o = update.options;
        return { kind: 'ellipse', buffer: this.target(o.bufferId), stroke: stroke(o, o.fillColor), cx: o.cx, cy: o.cy, rx: o.radiusX, ry: o.radiusY };
      }
      case 'drawPolyline':
        return { kind: 'path', buffer: this.target(update.options.bufferId), stroke: stroke(update.options, null), points: points(update.options.points), closed: false };
      case 'drawPolygon': {
        const o = update.options;
        return { kind: 'path', buffer: this.target(o.bufferId), stroke: stroke(o, o.fillColor), points: points(o.points), closed: true };
      }
      case 'drawText': {
        const o = update.options;
        return { kind: 'text', buffer: this.target(o.bufferId), x: o.x, y: o.y, text: o.text, color: o.textColor ?? null, size: o.textSize ?? null };
      }
      case 'createBuffer': {
        const buffer = update.options.bufferId;
        if (!this.buffers.has(buffer)) this.addBuffer(buffer);
        return { kind: 'createBuffer', buffer };
      }
      case 'destroyBuffer': {
        const buffer = this.existing(update.options.bufferId);
        this.buffers.delete(buffer);
        this.owner?.budget.give(this.owner.id, 'canvasPixels', backingCost(this.width, this.height));
        return { kind: 'destroyBuffer', buffer };
      }
      case 'drawBuffer':
        return {
          kind: 'drawBuffer',
          source: this.target(update.options.sourceBufferId),
          target: this.target(update.options.targetBufferId),
        };
    }
  }

  private addBuffer(buffer: number): void {
    if (this.buffers.size >= LIMITS.canvasBuffers) {
      throw new LimitError(`a canvas holds at most ${LIMITS.canvasBuffers} buffers at once (destroyBuffer one first)`);
    }
    this.owner?.budget.take(this.owner.id, 'canvasPixels', backingCost(this.width, this.height));
    this.buffers.add(buffer);
  }

  /** The buffer a drawing action targets: 0 or omitted is the visible canvas, else a buffer that exists. */
  private target(id: number | undefined): number {
    return id === undefined || id === 0 ? 0 : this.existing(id);
  }

  private existing(id: number): number {
    if (!this.buffers.has(id)) throw new CommandError(`buffer ${id} does not exist (createBuffer first)`);
    return id;
  }
}

function stroke(o: { lineColor?: string; lineWidth?: number }, fillColor: string | null | undefined): Stroke {
  return { lineColor: o.lineColor ?? null, lineWidth: o.lineWidth ?? null, fillColor: fillColor ?? null };
}

/** The wire's points, as the view's own type (the two may part ways). */
function points(list: readonly WirePoint[]): Point[] {
  return list.map(({ x, y }) => ({ x, y }));
}

export const canvasFactory: ModelFactory<'canvas'> = {
  create({ width, height, description }, context) {
    if (width > MAX_CANVAS_SIDE || height > MAX_CANVAS_SIDE) {
      throw new LimitError(`a canvas side must be at most ${MAX_CANVAS_SIDE} pixels`);
    }
    context.budget.take(context.id, 'canvasPixels', backingCost(width, height));
    return new CanvasModel(width, height, context, description ?? null);
  },
};
