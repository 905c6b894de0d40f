"""The module-level functions of python-api.md (Module functions)."""

from __future__ import annotations

import asyncio
import inspect
import logging
import warnings
from collections.abc import Awaitable, Coroutine
from typing import Any, Callable

from . import config, messages
from .connection import current_service, get_service, peek_service

__all__ = [
    "activate_connection",
    "clear_all",
    "register_global_message_handler",
    "run_forever",
    "run_forever_async",
    "set_url",
    "shutdown",
    "submit_interval",
    "submit_task",
    "wait_for_connection",
]

logger = logging.getLogger("sidekick")


def set_url(url: str | None) -> None:
    """Use only this WebSocket URL (None: back to the default server list).

    Call it before the first component; later calls affect the next connection.
    """
    service = peek_service()
    if service is not None and service.started and not service.finished:
        warnings.warn(
            "sidekick.set_url() was called after the connection started; "
            "it applies to the next connection only. Call it before creating components.",
            UserWarning,
            stacklevel=2,
        )
    config.set_user_url(url)


def activate_connection() -> None:
    """Start connecting in the background; never blocks."""
    get_service().activate()


def wait_for_connection(timeout: float | None = None) -> None:
    """Block until the UI is ready (connected, UI announced, clearAll sent).

    Raises:
        SidekickConnectionRefusedError: no relay could be reached.
        SidekickTimeoutError: no UI within ``timeout`` (or SIDEKICK_UI_TIMEOUT).
        SidekickDisconnectedError: the connection was lost.
    """
    current_service().wait_for_connection(timeout)


def run_forever() -> None:
    """Wait for the connection, then dispatch UI events until shutdown() or Ctrl+C."""
    current_service().run_forever()


async def run_forever_async() -> None:
    """The coroutine form of run_forever() (asyncio programs and Pyodide)."""
    await current_service().run_forever_async()


def shutdown(wait: bool = False) -> None:
    """Deliver what was sent, announce offline, close and stop. Safe to call twice.

    With ``wait=True`` (and not from a callback) return only once closed.
    """
    service = peek_service()
    if service is not None:
        service.shutdown(wait=wait)


def submit_task(coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
    """Run a coroutine on the library's event loop; returns its task."""
    return get_service().submit_task(coro)


def submit_interval(callback: Callable[[], Any], interval: float) -> asyncio.Task[Any]:
    """Call ``callback()`` (function or coroutine function) every ``interval`` seconds."""
    if not callable(callback):
        raise TypeError("callback must be callable")
    if isinstance(interval, bool) or not isinstance(interval, (int, float)):
        raise TypeError("interval must be a number of seconds")
    if not interval > 0:
        raise ValueError("interval must be > 0")

    async def repeat() -> None:
        loop = asyncio.get_running_loop()
        next_time = loop.time()
        while True:
            try:
                result = callback()
                if inspect.isawaitable(result):
                    await _awaited(result)
            except Exception:
                logger.exception("sidekick: error in the submit_interval callback")
            # sys.exit() / KeyboardInterrupt end the interval; the service's
            # boundary around submit_task() turns them into an exit request.
            next_time += interval
            await asyncio.sleep(max(0.0, next_time - loop.time()))

    return submit_task(repeat())


async def _awaited(awaitable: Awaitable[Any]) -> Any:
    return await awaitable


def clear_all() -> None:
    """Remove every component from the UI."""
    service = get_service()
    service.send(messages.clear_all(), service.components.forget_all)


def register_global_message_handler(handler: Callable[[dict[str, Any]], Any] | None) -> None:
    """Advanced: receive every raw message (a dict) that comes from the UI."""
    current_service().set_global_handler(handler)
