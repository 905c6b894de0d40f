"""Textbox: a one-line text input."""

from __future__ import annotations

from typing import Any, Callable, TypeVar

from ..events import ErrorEvent, TextboxSubmitEvent
from .base import Component, ParentLike, as_text, check_callback

__all__ = ["Textbox"]

F = TypeVar("F", bound=Callable[..., Any])


class Textbox(Component):
    component_type = "textbox"

    def __init__(
        self,
        value: str = "",
        placeholder: str = "",
        instance_id: str | None = None,
        parent: ParentLike = None,
        on_submit: Callable[[TextboxSubmitEvent], Any] | None = None,
        on_error: Callable[[ErrorEvent], Any] | None = None,
    ) -> None:
        self._value = as_text(value, "value")
        self._placeholder = as_text(placeholder, "placeholder")
        check_callback(on_submit, "on_submit")
        self._submit_callback = on_submit
        payload: dict[str, Any] = {}
        if self._value:
            payload["value"] = self._value
        if self._placeholder:
            payload["placeholder"] = self._placeholder
        super().__init__(payload, instance_id, parent, on_error)

    @property
    def value(self) -> str:
        """The text: what was set last, or what the user submitted last."""
        return self._value

    @value.setter
    def value(self, value: str) -> None:
        value = as_text(value, "value")
        self._check_alive("setValue")
        self._value = value  # a setting: recorded first, then sent (Component._update)
        self._update("setValue", {"value": value})

    @property
    def placeholder(self) -> str:
        return self._placeholder

    @placeholder.setter
    def placeholder(self, value: str) -> None:
        value = as_text(value, "placeholder")
        self._check_alive("setPlaceholder")
        self._placeholder = value  # a setting: recorded first, then sent
        self._update("setPlaceholder", {"placeholder": value})

    def _spawn_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {}
        if self._value:
            payload["value"] = self._value
        if self._placeholder:
            payload["placeholder"] = self._placeholder
        return payload

    def on_submit(self, callback: Callable[[TextboxSubmitEvent], Any] | None) -> None:
        """Call ``callback(TextboxSubmitEvent)`` on Enter or when the field loses focus."""
        self._submit_callback = self._new_callback(callback, "on_submit")

    def submit(self, func: F) -> F:
        """Decorator form of on_submit()."""
        self.on_submit(func)
        return func

    def _handle_event(self, payload: dict[str, Any]) -> None:
        # Validated: a submit whose value is a string (inbound.py). The UI
        # shows it now, so a late UI is shown it too.
        self._value = payload["value"]
        event = TextboxSubmitEvent(self.instance_id, "submit", self._value)
        self._run(self._submit_callback, event, "on_submit")
