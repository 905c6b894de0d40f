// canvas: every draw action is validated when it arrives (so errors reach the
// hero at once) and queued as a plain command; the view drains the queue
// into 2D contexts each frame, bypassing React (style.md "imperative canvas").
import {
  CommandError,
  integer,
  isObject,
  type Json,
  number,
  optionalNumber,
  optionalString,
  positiveInteger,
  string,
} from '../protocol/read';
import { type Budget, LimitError, LIMITS } from '../store/limits';
import type { Model, ModelFactory } from './model';

export const MAX_CANVAS_SIDE = LIMITS.canvasSide;

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

export class CanvasModel implements Model {
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
  ) {}

  apply(action: string, options: Json): void {
    this.queue.push(this.parse(action, options));
  }

  private parse(action: string, o: Json): CanvasCommand {
    switch (action) {
      case 'clear':
        return { kind: 'clear', buffer: this.target(o) };
      case 'drawLine':
        return {
          kind: 'line',
          buffer: this.target(o),
          stroke: stroke(o, false),
          x1: number(o, 'x1'),
          y1: number(o, 'y1'),
          x2: number(o, 'x2'),
          y2: number(o, 'y2'),
        };
      case 'drawRect':
        return {
          kind: 'rect',
          buffer: this.target(o),
          stroke: stroke(o, true),
          x: number(o, 'x'),
          y: number(o, 'y'),
          width: number(o, 'width'),
          height: number(o, 'height'),
        };
      case 'drawCircle': {
        const radius = nonNegative(o, 'radius');
        return { kind: 'ellipse', buffer: this.target(o), stroke: stroke(o, true), cx: number(o, 'cx'), cy: number(o, 'cy'), rx: radius, ry: radius };
      }
      case 'drawEllipse':
        return {
          kind: 'ellipse',
          buffer: this.target(o),
          stroke: stroke(o, true),
          cx: number(o, 'cx'),
          cy: number(o, 'cy'),
          rx: nonNegative(o, 'radiusX'),
          ry: nonNegative(o, 'radiusY'),
        };
      case 'drawPolyline':
        return { kind: 'path', buffer: this.target(o), stroke: stroke(o, false), points: points(o, 2), closed: false };
      case 'drawPolygon':
        return { kind: 'path', buffer: this.target(o), stroke: stroke(o, true), points: points(o, 3), closed: true };
      case 'drawText':
        return {
          kind: 'text',
          buffer: this.target(o),
          x: number(o, 'x'),
          y: number(o, 'y'),
          text: string(o, 'text'),
          color: optionalString(o, 'textColor'),
          size: optionalNumber(o, 'textSize'),
        };
      case 'createBuffer': {
        const buffer = bufferId(o, 'bufferId');
        if (!this.buffers.has(buffer)) this.addBuffer(buffer);
        return { kind: 'createBuffer', buffer };
      }
      case 'destroyBuffer': {
        const buffer = this.existing(bufferId(o, 'bufferId'));
        this.buffers.delete(buffer);
        this.owner?.budget.give(this.owner.id, 'canvasPixels', this.width * this.height);
        return { kind: 'destroyBuffer', buffer };
      }
      case 'drawBuffer':
        return {
          kind: 'drawBuffer',
          source: this.existingOrVisible(integer(o, 'sourceBufferId')),
          target: this.existingOrVisible(integer(o, 'targetBufferId')),
        };
      default:
        throw new CommandError(`unknown action "${action}"`);
    }
  }

  private addBuffer(buffer: number): void {
    if (this.buffers.size >= LIMITS.canvasBuffers) {
      throw new LimitError(`a canvas holds at most ${LIMITS.canvasBuffers} buffers at once (destroyBuffer one first)`);
    }
    this.owner?.budget.take(this.owner.id, 'canvasPixels', this.width * this.height);
    this.buffers.add(buffer);
  }

  /** The `bufferId` a drawing action targets: 0/omitted is the visible canvas. */
  private target(o: Json): number {
    const value = o.bufferId;
    if (value === undefined || value === null) return 0;
    return this.existingOrVisible(integer(o, 'bufferId'));
  }

  private existingOrVisible(id: number): number {
    return id === 0 ? 0 : this.existing(id);
  }

  private existing(id: number): number {
    if (!this.buffers.has(id)) throw new CommandError(`buffer ${id} does not exist (createBuffer first)`);
    return id;
  }
}

function bufferId(o: Json, key: string): number {
  const id = integer(o, key);
  if (id <= 0) throw new CommandError(`${key} must be > 0`);
  return id;
}

function nonNegative(o: Json, key: string): number {
  const value = number(o, key);
  if (value < 0) throw new CommandError(`${key} must be >= 0`);
  return value;
}

function stroke(o: Json, fillable: boolean): Stroke {
  const lineWidth = optionalNumber(o, 'lineWidth');
  if (lineWidth !== null && lineWidth < 0) throw new CommandError('lineWidth must be >= 0');
  return {
    lineColor: optionalString(o, 'lineColor'),
    lineWidth,
    fillColor: fillable ? optionalString(o, 'fillColor') : null,
  };
}

function points(o: Json, minimum: number): Point[] {
  const list = o.points;
  if (!Array.isArray(list) || list.length < minimum) {
    throw new CommandError(`points must be a list of at least ${minimum} {x, y} points`);
  }
  return list.map((point: unknown, index) => {
    if (!isObject(point)) throw new CommandError(`points[${index}] must be an {x, y} object`);
    return { x: number(point, 'x'), y: number(point, 'y') };
  });
}

export const canvasFactory: ModelFactory = {
  create(payload, context) {
    const width = positiveInteger(payload, 'width');
    const height = positiveInteger(payload, 'height');
    if (width > MAX_CANVAS_SIDE || height > MAX_CANVAS_SIDE) {
      throw new LimitError(`a canvas side must be at most ${MAX_CANVAS_SIDE} pixels`);
    }
    context.budget.take(context.id, 'canvasPixels', width * height);
    return new CanvasModel(width, height, context);
  },
};
