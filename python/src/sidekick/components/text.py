"""Label, Markdown and Button: components showing one text."""

from __future__ import annotations

from typing import Any, Callable, TypeVar

from ..events import ButtonClickEvent, ErrorEvent
from .base import Component, ParentLike, as_text, check_callback

__all__ = ["Button", "Label", "Markdown"]

F = TypeVar("F", bound=Callable[..., Any])


class _TextComponent(Component):
    # Label and Markdown take exactly this signature (python-api.md), so they inherit it.
    def __init__(
        self,
        text: str = "",
        instance_id: str | None = None,
        parent: ParentLike = None,
        on_error: Callable[[ErrorEvent], Any] | None = None,
    ) -> None:
        self._text = as_text(text, "text")
        super().__init__({"text": self._text}, instance_id, parent, on_error)

    @property
    def text(self) -> str:
        return self._text

    @text.setter
    def text(self, value: str) -> None:
        value = as_text(value, "text")
        self._check_alive("setText")
        self._text = value  # a setting: recorded first, then sent (Component._update)
        self._update("setText", {"text": value})

    def _spawn_payload(self) -> dict[str, Any]:
        return {"text": self._text}


class Label(_TextComponent):
    """A line of plain text."""

    component_type = "label"


class Markdown(_TextComponent):
    """Text rendered as Markdown."""

    component_type = "markdown"


class Button(_TextComponent):
    """A clickable button."""

    component_type = "button"

    def __init__(
        self,
        text: str = "",
        instance_id: str | None = None,
        parent: ParentLike = None,
        on_click: Callable[[ButtonClickEvent], Any] | None = None,
        on_error: Callable[[ErrorEvent], Any] | None = None,
    ) -> None:
        check_callback(on_click, "on_click")
        self._click_callback = on_click
        super().__init__(text, instance_id, parent, on_error)

    def on_click(self, callback: Callable[[ButtonClickEvent], Any] | None) -> None:
        """Call ``callback(ButtonClickEvent)`` on each click."""
        self._click_callback = self._new_callback(callback, "on_click")

    def click(self, func: F) -> F:
        """Decorator form of on_click()."""
        self.on_click(func)
        return func

    def _handle_event(self, payload: dict[str, Any]) -> None:
        # Validated: a click (inbound.py).
        self._run(self._click_callback, ButtonClickEvent(self.instance_id, "click"), "on_click")
