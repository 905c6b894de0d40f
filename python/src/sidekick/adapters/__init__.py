"""The I/O adapters: the event loop host and the transports.

Everything that touches threads, sockets or the browser lives here; the
rules of the connection live in ``connection_core`` (no I/O).

- ``TaskManager``: owns the asyncio loop the library runs on (a daemon
  thread in CPython, the browser's loop in Pyodide).
- ``CommunicationManager``: moves JSON text frames to and from a relay
  (WebSocket) or the browser (Pyodide's JavaScript bridge).
"""

from __future__ import annotations

from .communication import CommunicationManager, TransportStatus
from .factories import (
    create_pyodide_communication_manager,
    create_websocket_communication_manager,
    get_task_manager,
)
from .task_manager import CPythonTaskManager, PyodideTaskManager, TaskManager
from .utils import is_pyodide

__all__ = [
    "CPythonTaskManager",
    "CommunicationManager",
    "PyodideTaskManager",
    "TaskManager",
    "TransportStatus",
    "create_pyodide_communication_manager",
    "create_websocket_communication_manager",
    "get_task_manager",
    "is_pyodide",
]
