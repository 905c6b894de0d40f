"""Singleton task manager and transport constructors."""

from __future__ import annotations

import threading

from .communication import CommunicationManager
from .task_manager import CPythonTaskManager, PyodideTaskManager, TaskManager
from .utils import is_pyodide

__all__ = [
    "create_pyodide_communication_manager",
    "create_websocket_communication_manager",
    "get_task_manager",
]

_lock = threading.Lock()
_task_manager: TaskManager | None = None


def get_task_manager() -> TaskManager:
    """The process-wide task manager, created on first use (and again after
    a shutdown() stopped the previous one's loop)."""
    global _task_manager
    with _lock:
        stale = isinstance(_task_manager, CPythonTaskManager) and _task_manager.stopped.is_set()
        if _task_manager is None or stale:
            _task_manager = PyodideTaskManager() if is_pyodide() else CPythonTaskManager()
        return _task_manager


def create_websocket_communication_manager(url: str) -> CommunicationManager:
    from .websocket_communication import WebSocketCommunicationManager

    return WebSocketCommunicationManager(url)


def create_pyodide_communication_manager() -> CommunicationManager:
    from .pyodide_communication import PyodideCommunicationManager

    return PyodideCommunicationManager()
