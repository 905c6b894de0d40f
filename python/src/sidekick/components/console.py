"""Console: scrolling text output with an optional input line."""

from __future__ import annotations

from typing import Any, Callable, TypeVar

from ..events import ConsoleSubmitEvent, ErrorEvent
from .base import Component, ParentLike, as_text, check_callback

__all__ = ["Console"]

F = TypeVar("F", bound=Callable[..., Any])


class Console(Component):
    component_type = "console"

    def __init__(
        self,
        text: str = "",
        show_input: bool = False,
        instance_id: str | None = None,
        parent: ParentLike = None,
        on_submit: Callable[[ConsoleSubmitEvent], Any] | None = None,
        on_error: Callable[[ErrorEvent], Any] | None = None,
    ) -> None:
        text = as_text(text, "text")
        if not isinstance(show_input, bool):
            raise TypeError("show_input must be True or False")
        check_callback(on_submit, "on_submit")
        self._submit_callback = on_submit
        payload: dict[str, Any] = {"showInput": show_input}
        if text:
            payload["text"] = text
        super().__init__(payload, instance_id, parent, on_error)

    def print(self, *args: Any, sep: str = " ", end: str = "\n") -> None:
        """Append text like the built-in print()."""
        if not isinstance(sep, str) or not isinstance(end, str):
            raise TypeError("sep and end must be str")
        self._update("append", {"text": sep.join(str(a) for a in args) + end})

    def clear(self) -> None:
        self._update("clear")

    def on_submit(self, callback: Callable[[ConsoleSubmitEvent], Any] | None) -> None:
        """Call ``callback(ConsoleSubmitEvent)`` when the user sends a line."""
        check_callback(callback, "callback")
        self._check_alive("set on_submit on")
        self._submit_callback = callback

    def submit(self, func: F) -> F:
        """Decorator form of on_submit()."""
        self.on_submit(func)
        return func

    def _handle_event(self, payload: dict[str, Any]) -> None:
        # Validated: a submit whose value is a string (inbound.py).
        event = ConsoleSubmitEvent(self.instance_id, "submit", payload["value"])
        self._run(self._submit_callback, event, "on_submit")
