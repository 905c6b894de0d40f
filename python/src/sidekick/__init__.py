"""Sidekick: make a Python program's behaviour visible while it runs.

    import sidekick
    grid = sidekick.Grid(5, 5)
    grid.set_color(0, 0, "red")
    sidekick.run_forever()

See docs/python-library.md for the architecture and the lifecycle.
"""

from __future__ import annotations

import logging

from ._version import __version__
from .components import (
    Button,
    Canvas,
    Column,
    Component,
    Console,
    Grid,
    Label,
    Markdown,
    Row,
    Textbox,
    Viz,
)
from .errors import (
    ComponentRemovedError,
    SidekickConnectionError,
    SidekickConnectionRefusedError,
    SidekickDisconnectedError,
    SidekickError,
    SidekickTimeoutError,
)
from .events import (
    BaseSidekickEvent,
    ButtonClickEvent,
    CanvasClickEvent,
    ConsoleSubmitEvent,
    ErrorEvent,
    GridClickEvent,
    TextboxSubmitEvent,
)
from .lifecycle import (
    activate_connection,
    clear_all,
    register_global_message_handler,
    run_forever,
    run_forever_async,
    set_url,
    shutdown,
    submit_interval,
    submit_task,
    wait_for_connection,
)
from .observable_value import ObservableValue

logger = logging.getLogger("sidekick")

__all__ = [
    "BaseSidekickEvent",
    "Button",
    "ButtonClickEvent",
    "Canvas",
    "CanvasClickEvent",
    "Column",
    "Component",
    "ComponentRemovedError",
    "Console",
    "ConsoleSubmitEvent",
    "ErrorEvent",
    "Grid",
    "GridClickEvent",
    "Label",
    "Markdown",
    "ObservableValue",
    "Row",
    "SidekickConnectionError",
    "SidekickConnectionRefusedError",
    "SidekickDisconnectedError",
    "SidekickError",
    "SidekickTimeoutError",
    "Textbox",
    "TextboxSubmitEvent",
    "Viz",
    "__version__",
    "activate_connection",
    "clear_all",
    "logger",
    "register_global_message_handler",
    "run_forever",
    "run_forever_async",
    "set_url",
    "shutdown",
    "submit_interval",
    "submit_task",
    "wait_for_connection",
]
