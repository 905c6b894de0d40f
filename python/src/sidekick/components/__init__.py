"""The UI components."""

from __future__ import annotations

from .base import Component
from .canvas import Canvas, CanvasBuffer
from .console import Console
from .grid import Grid
from .layout import Column, Row
from .text import Button, Label, Markdown
from .textbox import Textbox
from .viz import Viz

__all__ = [
    "Button",
    "Canvas",
    "CanvasBuffer",
    "Column",
    "Component",
    "Console",
    "Grid",
    "Label",
    "Markdown",
    "Row",
    "Textbox",
    "Viz",
]
