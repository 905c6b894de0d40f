"""Console: scrolling text output with an optional input line."""

from __future__ import annotations

from typing import Any, Callable, TypeVar

from .. import messages
from ..events import ConsoleSubmitEvent, ErrorEvent
from ..messages import Message
from .base import Component, ParentLike, as_text, check_callback

__all__ = ["CONSOLE_TEXT_CAP", "Console"]

# A late UI is shown at most the last this many characters (replay cap).
CONSOLE_TEXT_CAP = 1_000_000

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
        self._show_input = show_input
        # The text shown, in pieces (joined when a late UI needs it).
        self._pieces: list[str] = [text] if text else []
        self._length = len(text)
        payload: dict[str, Any] = {"showInput": show_input}
        if text:
            payload["text"] = text
        super().__init__(payload, instance_id, parent, on_error)

    def print(self, *args: Any, sep: str = " ", end: str = "\n") -> None:
        """Append text like the built-in print()."""
        if not isinstance(sep, str) or not isinstance(end, str):
            raise TypeError("sep and end must be str")
        text = sep.join(str(a) for a in args) + end
        self._update("append", {"text": text}, lambda: self._keep(text))

    def clear(self) -> None:
        self._update("clear", None, lambda: self._pieces.clear())

    def _keep(self, text: str) -> None:
        if not self._pieces:
            self._length = 0
        self._pieces.append(text)
        self._length += len(text)
        if self._length > 2 * CONSOLE_TEXT_CAP:  # trimmed in steps: O(text) on average
            self._pieces = [self._shown_text()]
            self._length = len(self._pieces[0])

    def _shown_text(self) -> str:
        text = "".join(self._pieces)
        if len(text) > CONSOLE_TEXT_CAP:
            self._note_cap(f"the last {CONSOLE_TEXT_CAP} characters of console text")
            text = text[-CONSOLE_TEXT_CAP:]
        return text

    def _spawn_payload(self) -> dict[str, Any]:
        return {"showInput": self._show_input}

    def _state_messages(self) -> list[Message]:
        text = self._shown_text()
        if not text:
            return []
        return [messages.update("console", self.instance_id, "append", {"text": text})]

    def on_submit(self, callback: Callable[[ConsoleSubmitEvent], Any] | None) -> None:
        """Call ``callback(ConsoleSubmitEvent)`` when the user sends a line."""
        self._submit_callback = self._new_callback(callback, "on_submit")

    def submit(self, func: F) -> F:
        """Decorator form of on_submit()."""
        self.on_submit(func)
        return func

    def _handle_event(self, payload: dict[str, Any]) -> None:
        # Validated: a submit whose value is a string (inbound.py).
        event = ConsoleSubmitEvent(self.instance_id, "submit", payload["value"])
        self._run(self._submit_callback, event, "on_submit")
