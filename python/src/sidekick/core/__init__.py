"""Foundations: the event loop host and the transports.

- ``TaskManager``: owns the asyncio loop the library runs on (a daemon
  thread in CPython, the browser's loop in Pyodide).
- ``CommunicationManager``: moves JSON text frames to and from a relay
  (WebSocket) or the browser (Pyodide's JavaScript bridge).
"""

from __future__ import annotations

from .communication import CommunicationManager, CoreConnectionStatus
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
    "CoreConnectionStatus",
    "PyodideTaskManager",
    "TaskManager",
    "create_pyodide_communication_manager",
    "create_websocket_communication_manager",
    "get_task_manager",
    "is_pyodide",
]
