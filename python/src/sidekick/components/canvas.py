"""Canvas: 2D drawing with offscreen buffers (protocol.md, canvas updates)."""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from typing import Any, Callable, TypeVar

from .. import messages
from ..events import CanvasClickEvent, ErrorEvent
from .base import (
    Component,
    ParentLike,
    as_int,
    as_number,
    as_optional_text,
    as_text,
    check_callback,
)

__all__ = ["CANVAS_COMMAND_CAP", "Canvas", "CanvasBuffer"]

# A late UI is shown at most the last this many drawing commands per buffer
# (replay cap): the memory kept is bounded by what can be shown.
CANVAS_COMMAND_CAP = 20_000

F = TypeVar("F", bound=Callable[..., Any])
Point = Sequence[float]


def _style(options: dict[str, Any], line_color: Any, line_width: Any) -> None:
    if line_color is not None:
        options["lineColor"] = as_text(line_color, "line_color")
    if line_width is not None:
        width = as_number(line_width, "line_width")
        if width < 0:
            raise ValueError("line_width must be >= 0")
        options["lineWidth"] = width


def _fill(options: dict[str, Any], fill_color: Any) -> None:
    if fill_color is not None:
        options["fillColor"] = as_text(fill_color, "fill_color")


def _points(points: Any, minimum: int, what: str) -> list[dict[str, float]]:
    try:
        items = list(points)
    except TypeError:
        raise TypeError(f"{what} points must be a sequence of (x, y) pairs") from None
    if len(items) < minimum:
        raise ValueError(f"{what} needs at least {minimum} points, got {len(items)}")
    out = []
    for point in items:
        try:
            x, y = point
        except (TypeError, ValueError):
            raise TypeError(f"each point must be an (x, y) pair, got {point!r}") from None
        out.append({"x": as_number(x, "x"), "y": as_number(y, "y")})
    return out


class _Drawing:
    """The drawing methods, shared by Canvas and its offscreen buffers."""

    def _draw(self, action: str, options: dict[str, Any], buffer_id: int | None) -> None:
        raise NotImplementedError

    def draw_line(self, x1: float, y1: float, x2: float, y2: float,
                  line_color: str | None = None, line_width: float | None = None,
                  buffer_id: int | None = None) -> None:
        options = {"x1": as_number(x1, "x1"), "y1": as_number(y1, "y1"),
                   "x2": as_number(x2, "x2"), "y2": as_number(y2, "y2")}
        _style(options, line_color, line_width)
        self._draw("drawLine", options, buffer_id)

    def draw_rect(self, x: float, y: float, width: float, height: float,
                  fill_color: str | None = None, line_color: str | None = None,
                  line_width: float | None = None, buffer_id: int | None = None) -> None:
        options = {"x": as_number(x, "x"), "y": as_number(y, "y"),
                   "width": as_number(width, "width"), "height": as_number(height, "height")}
        _fill(options, fill_color)
        _style(options, line_color, line_width)
        self._draw("drawRect", options, buffer_id)

    def draw_circle(self, cx: float, cy: float, radius: float,
                    fill_color: str | None = None, line_color: str | None = None,
                    line_width: float | None = None, buffer_id: int | None = None) -> None:
        r = as_number(radius, "radius")
        if r < 0:
            raise ValueError("radius must be >= 0")
        options = {"cx": as_number(cx, "cx"), "cy": as_number(cy, "cy"), "radius": r}
        _fill(options, fill_color)
        _style(options, line_color, line_width)
        self._draw("drawCircle", options, buffer_id)

    def draw_ellipse(self, cx: float, cy: float, radius_x: float, radius_y: float,
                     fill_color: str | None = None, line_color: str | None = None,
                     line_width: float | None = None, buffer_id: int | None = None) -> None:
        rx, ry = as_number(radius_x, "radius_x"), as_number(radius_y, "radius_y")
        if rx < 0 or ry < 0:
            raise ValueError("radius_x and radius_y must be >= 0")
        options = {"cx": as_number(cx, "cx"), "cy": as_number(cy, "cy"),
                   "radiusX": rx, "radiusY": ry}
        _fill(options, fill_color)
        _style(options, line_color, line_width)
        self._draw("drawEllipse", options, buffer_id)

    def draw_polyline(self, points: Sequence[Point], line_color: str | None = None,
                      line_width: float | None = None, buffer_id: int | None = None) -> None:
        options: dict[str, Any] = {"points": _points(points, 2, "a polyline")}
        _style(options, line_color, line_width)
        self._draw("drawPolyline", options, buffer_id)

    def draw_polygon(self, points: Sequence[Point], fill_color: str | None = None,
                     line_color: str | None = None, line_width: float | None = None,
                     buffer_id: int | None = None) -> None:
        options: dict[str, Any] = {"points": _points(points, 3, "a polygon")}
        _fill(options, fill_color)
        _style(options, line_color, line_width)
        self._draw("drawPolygon", options, buffer_id)

    def draw_text(self, x: float, y: float, text: str, text_color: str | None = None,
                  text_size: float | None = None, buffer_id: int | None = None) -> None:
        options: dict[str, Any] = {"x": as_number(x, "x"), "y": as_number(y, "y"),
                                   "text": text if isinstance(text, str) else str(text)}
        color = as_optional_text(text_color, "text_color")
        if color is not None:
            options["textColor"] = color
        if text_size is not None:
            size = as_number(text_size, "text_size")
            if size <= 0:
                raise ValueError("text_size must be > 0")
            options["textSize"] = size
        self._draw("drawText", options, buffer_id)


class Canvas(_Drawing, Component):
    """A ``width`` x ``height`` pixel drawing surface; (0, 0) is the top-left."""

    component_type = "canvas"
    ONSCREEN_BUFFER_ID = 0

    def __init__(
        self,
        width: int,
        height: int,
        instance_id: str | None = None,
        parent: ParentLike = None,
        on_click: Callable[[CanvasClickEvent], Any] | None = None,
        on_error: Callable[[ErrorEvent], Any] | None = None,
        description: str | None = None,
    ) -> None:
        """``description`` says in words what the drawing shows; the UI gives it
        to screen readers (the canvas is named "drawing canvas, W by H pixels"
        either way). It is sent only when given, so an older UI sees the
        spawn the original library sent."""
        w, h = as_int(width, "width"), as_int(height, "height")
        if w <= 0 or h <= 0:
            raise ValueError(f"Canvas size must be positive, got {w} x {h}")
        if description is not None and not isinstance(description, str):
            kind = type(description).__name__
            raise TypeError(f"Canvas description must be a string or None, got {kind}")
        check_callback(on_click, "on_click")
        self._width, self._height = w, h
        self._click_callback = on_click
        self._buffer_lock = threading.Lock()
        self._free_buffers: list[int] = []
        self._next_buffer = 1
        # What each buffer shows, as the drawing payloads since its last clear.
        self._drawn: dict[int, deque[dict[str, Any]]] = {0: deque(maxlen=CANVAS_COMMAND_CAP)}
        payload: dict[str, Any] = {"width": w, "height": h}
        if description is not None:
            payload["description"] = description
        super().__init__(payload, instance_id, parent, on_error)

    @property
    def width(self) -> int:
        return self._width

    @property
    def height(self) -> int:
        return self._height

    def _draw(self, action: str, options: dict[str, Any], buffer_id: int | None) -> None:
        if buffer_id is not None:
            buffer_id = as_int(buffer_id, "buffer_id")
            if buffer_id < 0:
                raise ValueError("buffer_id must be >= 0")
            options["bufferId"] = buffer_id
        self._update(action, options)

    def _update(
        self, action: str, options: dict[str, Any] | None = None,
        keep: Callable[[], None] | None = None,
    ) -> None:
        super()._update(action, options, lambda: self._keep(action, options or {}))

    def _keep(self, action: str, options: dict[str, Any]) -> None:
        """Record what ``action`` makes the canvas show (a display list per buffer)."""
        drawn = self._drawn
        if action == "createBuffer":
            drawn[int(options["bufferId"])] = deque(maxlen=CANVAS_COMMAND_CAP)
        elif action == "clear":
            log = drawn.get(int(options.get("bufferId") or 0))
            if log is not None:
                log.clear()
        elif action == "drawBuffer":
            # Copy the source's commands onto the target: drawing them there
            # gives the same pixels as compositing the buffer ("over" is
            # associative), and the source may change before a replay.
            source = drawn.get(int(options["sourceBufferId"]))
            target_id = int(options["targetBufferId"])
            target = drawn.get(target_id)
            if source is None or target is None or source is target:
                return
            for payload in list(source):
                self._keep_drawing(target, {**payload, "options": {
                    **payload["options"], "bufferId": target_id}})
        else:
            log = drawn.get(int(options.get("bufferId") or 0))
            if log is not None:
                self._keep_drawing(log, {"action": action, "options": options})

    def _keep_drawing(self, log: deque[dict[str, Any]], payload: dict[str, Any]) -> None:
        if len(log) == log.maxlen:
            self._note_cap(f"the last {CANVAS_COMMAND_CAP} drawing commands per buffer")
        log.append(payload)

    def _state_messages(self) -> list[messages.Message]:
        out = [messages.update("canvas", self.instance_id, "createBuffer", {"bufferId": i})
               for i in sorted(self._drawn) if i > 0]
        for buffer_id in sorted(self._drawn, reverse=True):
            out.extend(messages.update("canvas", self.instance_id, p["action"], p["options"])
                       for p in self._drawn[buffer_id])
        return out

    def clear(self, buffer_id: int | None = None) -> None:
        """Clear the visible canvas, or the offscreen buffer ``buffer_id``."""
        if buffer_id is None:
            self._update("clear")
        else:
            self._update("clear", {"bufferId": as_int(buffer_id, "buffer_id")})

    @contextlib.contextmanager
    def buffer(self) -> Iterator[CanvasBuffer]:
        """Draw a frame offscreen; on exit it replaces the visible canvas in one step.

        ::

            with canvas.buffer() as frame:
                frame.draw_circle(x, 50, 10)
        """
        self._check_alive("draw on")
        with self._buffer_lock:
            if self._free_buffers:
                buffer_id = self._free_buffers.pop()
                fresh = False
            else:
                buffer_id = self._next_buffer
                self._next_buffer += 1
                fresh = True
        if fresh:
            self._update("createBuffer", {"bufferId": buffer_id})
        self._update("clear", {"bufferId": buffer_id})
        ok = False
        try:
            yield CanvasBuffer(self, buffer_id)
            ok = True
        finally:
            if ok and not self._removed:
                self._update("clear")
                self._update("drawBuffer", {"sourceBufferId": buffer_id,
                                            "targetBufferId": self.ONSCREEN_BUFFER_ID})
            with self._buffer_lock:
                self._free_buffers.append(buffer_id)

    def on_click(self, callback: Callable[[CanvasClickEvent], Any] | None) -> None:
        """Call ``callback(CanvasClickEvent)`` when the canvas is clicked."""
        self._click_callback = self._new_callback(callback, "on_click")

    def click(self, func: F) -> F:
        """Decorator form of on_click()."""
        self.on_click(func)
        return func

    def _handle_event(self, payload: dict[str, Any]) -> None:
        # Validated: a click with finite numbers x, y (inbound.py); whole pixels for the user.
        event = CanvasClickEvent(self.instance_id, "click", int(payload["x"]), int(payload["y"]))
        self._run(self._click_callback, event, "on_click")


class CanvasBuffer(_Drawing):
    """An offscreen buffer of a Canvas, from ``Canvas.buffer()``."""

    def __init__(self, canvas: Canvas, buffer_id: int) -> None:
        self._canvas = canvas
        self.buffer_id = buffer_id

    def _draw(self, action: str, options: dict[str, Any], buffer_id: int | None) -> None:
        options["bufferId"] = self.buffer_id
        self._canvas._update(action, options)

    def clear(self) -> None:
        self._canvas._update("clear", {"bufferId": self.buffer_id})
