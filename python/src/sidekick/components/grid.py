"""Grid: a board of colored, labelled cells (protocol.md, grid)."""

from __future__ import annotations

from typing import Any, Callable, TypeVar

from .. import messages
from ..errors import ComponentRemovedError
from ..events import ErrorEvent, GridClickEvent
from ..inbound import summary
from .base import Component, ParentLike, as_int, check_callback, logger

__all__ = ["Grid"]

F = TypeVar("F", bound=Callable[..., Any])


class Grid(Component):
    """A ``num_columns`` x ``num_rows`` grid of cells; (x, y) is (column, row)."""

    component_type = "grid"

    def __init__(
        self,
        num_columns: int,
        num_rows: int,
        instance_id: str | None = None,
        parent: ParentLike = None,
        on_click: Callable[[GridClickEvent], Any] | None = None,
        on_error: Callable[[ErrorEvent], Any] | None = None,
    ) -> None:
        columns = as_int(num_columns, "num_columns")
        rows = as_int(num_rows, "num_rows")
        if columns <= 0 or rows <= 0:
            raise ValueError(f"Grid size must be positive, got {columns} x {rows}")
        check_callback(on_click, "on_click")
        self._num_columns = columns
        self._num_rows = rows
        self._click_callback = on_click
        # What the cells show, for a late UI, by cell index y * num_columns + x
        # (an int key is cheaper than a tuple on the set_color path).
        self._colors: dict[int, str] = {}
        self._texts: dict[int, str] = {}
        super().__init__({"numColumns": columns, "numRows": rows}, instance_id, parent, on_error)

    @property
    def num_columns(self) -> int:
        return self._num_columns

    @property
    def num_rows(self) -> int:
        return self._num_rows

    def _cell(self, x: Any, y: Any) -> tuple[int, int]:
        # Fast path for plain ints; the general path handles numpy ints and errors.
        if type(x) is not int or type(y) is not int:
            x, y = as_int(x, "x"), as_int(y, "y")
        if not (0 <= x < self._num_columns and 0 <= y < self._num_rows):
            raise ValueError(
                f"cell ({x}, {y}) is outside the {self._num_columns} x {self._num_rows} grid"
            )
        return x, y

    def set_color(self, x: int, y: int, color: str | None) -> None:
        """Fill cell (x, y) with a CSS color; None clears the color."""
        if self._removed:
            raise ComponentRemovedError(self.instance_id, "set_color on")
        x, y = self._cell(x, y)
        if color is not None and type(color) is not str:
            raise TypeError(f"color must be a str or None, not {type(color).__name__}")
        # A setting: recorded first, then sent (see Component._update).
        if color is None:
            self._colors.pop(y * self._num_columns + x, None)
        else:
            self._colors[y * self._num_columns + x] = color
        self._service.send(messages.update("grid", self.instance_id, "setColor",
                                           {"x": x, "y": y, "color": color}))

    def set_text(self, x: int, y: int, text: str | None) -> None:
        """Show text in cell (x, y); None or "" clears it."""
        x, y = self._cell(x, y)
        if text is not None and not isinstance(text, str):
            text = str(text)
        self._check_alive("setText")
        if text:
            self._texts[y * self._num_columns + x] = text
        else:
            self._texts.pop(y * self._num_columns + x, None)
        self._update("setText", {"x": x, "y": y, "text": text})

    def clear_cell(self, x: int, y: int) -> None:
        """Clear the color and text of cell (x, y)."""
        x, y = self._cell(x, y)
        self._check_alive("clearCell")
        self._colors.pop(y * self._num_columns + x, None)
        self._texts.pop(y * self._num_columns + x, None)
        self._update("clearCell", {"x": x, "y": y})

    def clear(self) -> None:
        """Clear every cell."""
        self._check_alive("clear")
        self._colors.clear()
        self._texts.clear()
        self._update("clear")

    def _state_messages(self) -> list[messages.Message]:
        # list(items()) copies in one step, while a user thread may be setting cells.
        update, target, columns = messages.update, self.instance_id, self._num_columns
        out = [update("grid", target, "setColor",
                      {"x": cell % columns, "y": cell // columns, "color": color})
               for cell, color in list(self._colors.items())]
        out.extend(update("grid", target, "setText",
                          {"x": cell % columns, "y": cell // columns, "text": text})
                   for cell, text in list(self._texts.items()))
        return out

    def on_click(self, callback: Callable[[GridClickEvent], Any] | None) -> None:
        """Call ``callback(GridClickEvent)`` when a cell is clicked."""
        self._click_callback = self._new_callback(callback, "on_click")

    def click(self, func: F) -> F:
        """Decorator form of on_click()."""
        self.on_click(func)
        return func

    def _handle_event(self, payload: dict[str, Any]) -> None:
        # Validated: a click with integral x, y >= 0 (inbound.py). Only the
        # grid knows its size.
        x, y = int(payload["x"]), int(payload["y"])
        if x >= self._num_columns or y >= self._num_rows:
            logger.warning("sidekick: ignored a click on %r outside the grid: cell (%s, %s) of "
                           "%d x %d", self.instance_id, summary(x), summary(y),
                           self._num_columns, self._num_rows)
            return
        self._run(self._click_callback, GridClickEvent(self.instance_id, "click", x, y), "on_click")
