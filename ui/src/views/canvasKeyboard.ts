// A canvas clicked from the keyboard: arrow keys move a pointer (10 canvas
// pixels a press, 1 with Shift), Enter or Space clicks where it is. The
// pointer is an element over the canvas placed in percentages, so it follows
// any scale and never touches the program's pixels.

export const POINTER_STEP = 10;

export function attachKeyboardPointer(
  element: HTMLCanvasElement,
  host: HTMLElement,
  size: { width: number; height: number },
  click: (point: { x: number; y: number }) => void,
): () => void {
  let x = Math.floor(size.width / 2);
  let y = Math.floor(size.height / 2);
  const pointer = document.createElement('div');
  pointer.className = 'sk-canvas-pointer';
  pointer.hidden = true;
  const place = () => {
    pointer.style.left = `${((x + 0.5) / size.width) * 100}%`;
    pointer.style.top = `${((y + 0.5) / size.height) * 100}%`;
  };
  place();
  host.append(pointer);
  element.tabIndex = 0;

  const onKey = (event: KeyboardEvent) => {
    const step = event.shiftKey ? 1 : POINTER_STEP;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      x = Math.min(Math.max(x + move[0], 0), size.width - 1);
      y = Math.min(Math.max(y + move[1], 0), size.height - 1);
      place();
      pointer.hidden = false;
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      pointer.hidden = false;
      click({ x, y });
    }
  };
  // Shown for keyboard focus only: a mouse click that focuses the canvas does not show it.
  const onFocus = () => (pointer.hidden = !element.matches(':focus-visible'));
  const onBlur = () => (pointer.hidden = true);
  element.addEventListener('keydown', onKey);
  element.addEventListener('focus', onFocus);
  element.addEventListener('blur', onBlur);
  return () => {
    element.removeEventListener('keydown', onKey);
    element.removeEventListener('focus', onFocus);
    element.removeEventListener('blur', onBlur);
    pointer.remove();
  };
}
