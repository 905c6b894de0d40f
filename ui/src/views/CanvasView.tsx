// canvas: React owns only a host element. The model keeps one DrawingSurface
// (the <canvas> and its buffers) for the instance's life, so moving the
// component keeps its pixels; queued commands are drawn each frame and
// commands that arrived before mount are drawn on mount.
import { useId, useLayoutEffect, useRef } from 'react';
import { DrawingSurface } from '../canvas/surface';
import { HEIGHT_SHARE } from '../grid/fit';
import { CanvasModel } from '../models/canvas';
import { attachKeyboardPointer } from './canvasKeyboard';
import { usePanel } from './context';

/** Click position in canvas pixels (of a `width` x `height` canvas), even when CSS scales the element. */
export function canvasPoint(element: HTMLCanvasElement, width: number, height: number, clientX: number, clientY: number): { x: number; y: number } {
  // Measure the content box: a border (if a theme adds one) is not canvas.
  const box = element.getBoundingClientRect();
  const shownWidth = element.clientWidth || box.width;
  const shownHeight = element.clientHeight || box.height;
  const scaleX = shownWidth ? width / shownWidth : 1;
  const scaleY = shownHeight ? height / shownHeight : 1;
  const x = Math.floor((clientX - box.left - element.clientLeft) * scaleX);
  const y = Math.floor((clientY - box.top - element.clientTop) * scaleY);
  return { x: Math.min(Math.max(x, 0), width - 1), y: Math.min(Math.max(y, 0), height - 1) };
}

export function CanvasView({ id }: { id: string }) {
  const { store, sendEvent } = usePanel();
  const model = store.model(id, CanvasModel);
  const host = useRef<HTMLDivElement>(null);
  const describedBy = useId();

  useLayoutEffect(() => {
    const box = host.current;
    if (!model || !box) return;
    const surface = (model.surface ??= new DrawingSurface(model.width, model.height));
    const element = surface.element;
    // The pixels are the program's; the name says what the element is (drawn text is not readable to assistive tech).
    element.setAttribute('role', 'application');
    element.setAttribute('aria-roledescription', 'canvas');
    element.setAttribute('aria-label', `drawing canvas, ${model.width} by ${model.height} pixels; arrow keys move a pointer, Enter clicks`);
    if (model.description) element.setAttribute('aria-describedby', `${describedBy}`);
    else element.removeAttribute('aria-describedby');
    box.append(element);
    const draw = () => {
      if (model.queue.length === 0) return;
      const commands = model.queue;
      model.queue = [];
      surface.run(commands);
    };
    draw();
    const onClick = (event: MouseEvent) => sendEvent('canvas', id, { event: 'click', ...canvasPoint(element, model.width, model.height, event.clientX, event.clientY) });
    element.addEventListener('click', onClick);
    const detachKeys = attachKeyboardPointer(element, box, model, (point) => sendEvent('canvas', id, { event: 'click', ...point }));
    const unsubscribe = store.subscribe(id, draw);
    return () => {
      unsubscribe();
      detachKeys();
      element.removeEventListener('click', onClick);
      element.remove();
    };
  }, [store, id, model, sendEvent, describedBy]);

  if (!model) return null;
  // Scaled to fit the width there is and the same height share as a grid, keeping its aspect ratio (the element is width: 100%, height: auto).
  const fitWidth = `min(100%, ${model.width}px, ${(HEIGHT_SHARE * 100 * model.width) / model.height}vh)`;
  return (
    <div ref={host} className="sk-canvas-host" data-sk-id={id} style={{ width: fitWidth }}>
      {model.description && (
        <p id={describedBy} className="sk-visually-hidden">
          {model.description}
        </p>
      )}
    </div>
  );
}
