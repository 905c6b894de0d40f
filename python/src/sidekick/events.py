"""Event objects passed to user callbacks (python-api.md, Events)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BaseSidekickEvent",
    "ButtonClickEvent",
    "CanvasClickEvent",
    "ConsoleSubmitEvent",
    "ErrorEvent",
    "GridClickEvent",
    "TextboxSubmitEvent",
]


@dataclass(frozen=True)
class BaseSidekickEvent:
    """Common to every event: which component, and what happened."""

    instance_id: str
    type: str


@dataclass(frozen=True)
class ButtonClickEvent(BaseSidekickEvent):
    """A Button was clicked."""


@dataclass(frozen=True)
class GridClickEvent(BaseSidekickEvent):
    """A Grid cell was clicked: ``x`` is the column, ``y`` the row (0-based)."""

    x: int
    y: int


@dataclass(frozen=True)
class CanvasClickEvent(BaseSidekickEvent):
    """A Canvas was clicked at pixel (``x``, ``y``) from its top-left corner."""

    x: int
    y: int


@dataclass(frozen=True)
class TextboxSubmitEvent(BaseSidekickEvent):
    """The user submitted a Textbox (Enter or leaving the field)."""

    value: str


@dataclass(frozen=True)
class ConsoleSubmitEvent(BaseSidekickEvent):
    """The user sent a line from a Console's input field."""

    value: str


@dataclass(frozen=True)
class ErrorEvent(BaseSidekickEvent):
    """The UI could not apply a command for this component."""

    message: str
