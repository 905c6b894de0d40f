"""The event loop the library runs on.

CPython: a daemon thread runs ``loop.run_forever()``. Other threads talk to
it only through ``call_soon_threadsafe`` (which also wakes it), so an idle
loop sleeps in its selector and costs no CPU. Start-up is confirmed in two
stages: the thread reports its loop is set, then a probe coroutine submitted
from the caller's thread must be answered.

Pyodide: the browser already runs an asyncio loop (WebLoop); we use it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import signal
import threading
from abc import ABC, abstractmethod
from collections.abc import Coroutine
from typing import Any, Callable, TypeVar

__all__ = ["CPythonTaskManager", "PyodideTaskManager", "TaskManager"]

T = TypeVar("T")

_START_TIMEOUT = 10.0

logger = logging.getLogger("sidekick")


class TaskManager(ABC):
    """Runs coroutines and callbacks on the library's event loop."""

    @abstractmethod
    def ensure_loop_running(self) -> asyncio.AbstractEventLoop:
        """Start the loop if needed and return it once it answers."""

    @abstractmethod
    def is_loop_thread(self) -> bool:
        """True when called from the loop's own thread."""

    @abstractmethod
    def call_soon_threadsafe(self, callback: Callable[..., object], *args: Any) -> None:
        """Run ``callback(*args)`` on the loop, from any thread."""

    @abstractmethod
    def submit_task(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        """Schedule ``coro`` as a task on the loop and return the task."""

    @abstractmethod
    def stop(self) -> None:
        """Stop the loop after the current callbacks (no-op in Pyodide)."""

    @property
    @abstractmethod
    def loop(self) -> asyncio.AbstractEventLoop | None:
        """The loop, once started."""


class CPythonTaskManager(TaskManager):
    """An asyncio loop on a daemon thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._loop_set = threading.Event()
        self.stopped = threading.Event()
        self._stop_listeners: list[Callable[[BaseException | None], None]] = []

    @property
    def loop(self) -> asyncio.AbstractEventLoop | None:
        return self._loop

    def ensure_loop_running(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is not None and self._thread is not None and self._thread.is_alive():
                return self._loop
            if self.stopped.is_set():
                raise RuntimeError("the Sidekick event loop was stopped by shutdown()")
            self._thread = threading.Thread(
                target=self._run, name="sidekick-loop", daemon=True
            )
            self._thread.start()
            # Stage 1: the thread has created and set its loop.
            if not self._loop_set.wait(_START_TIMEOUT) or self._loop is None:
                raise RuntimeError("the Sidekick event loop thread did not start")
            loop = self._loop
        # Stage 2: the loop runs callbacks submitted from another thread.
        probe = asyncio.run_coroutine_threadsafe(_probe(), loop)
        try:
            probe.result(_START_TIMEOUT)
        except concurrent.futures.TimeoutError:
            raise RuntimeError("the Sidekick event loop does not respond") from None
        return loop

    def add_stop_listener(self, listener: Callable[[BaseException | None], None]) -> None:
        """Call ``listener(escaped)`` on the loop thread once the loop has closed.

        ``escaped`` is what ended the loop other than stop() (None after stop()).
        """
        self._stop_listeners.append(listener)

    def _run(self) -> None:
        _leave_ctrl_c_to_the_main_thread()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self._loop = loop
        self._loop_set.set()
        escaped: BaseException | None = None
        try:
            loop.run_forever()
        except BaseException as error:  # the thread must never die silently
            # asyncio lets only SystemExit and KeyboardInterrupt out of a callback;
            # those from user code are handled at the service's boundary, so this
            # is a bug: log it, and let the listeners unblock whoever waits.
            escaped = error
            logger.error("sidekick: the event loop stopped on an unexpected %s",
                         type(error).__name__, exc_info=error)
        try:
            pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
            for task in pending:
                task.cancel()
            if pending:
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
        except BaseException as error:  # cancelling must not skip the listeners
            logger.debug("sidekick: while closing the event loop: %r", error)
        finally:
            loop.close()
            self.stopped.set()
            for listener in self._stop_listeners:
                listener(escaped)

    def is_loop_thread(self) -> bool:
        return self._thread is not None and threading.current_thread() is self._thread

    def call_soon_threadsafe(self, callback: Callable[..., object], *args: Any) -> None:
        loop = self.ensure_loop_running()
        if self.is_loop_thread():
            loop.call_soon(callback, *args)
        else:
            loop.call_soon_threadsafe(callback, *args)

    def submit_task(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        loop = self.ensure_loop_running()
        if self.is_loop_thread():
            return loop.create_task(coro)
        made: concurrent.futures.Future[asyncio.Task[T]] = concurrent.futures.Future()

        def create() -> None:
            made.set_result(loop.create_task(coro))

        loop.call_soon_threadsafe(create)
        return made.result(_START_TIMEOUT)

    def stop(self) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # closed meanwhile
                loop.call_soon_threadsafe(loop.stop)

    def join(self, timeout: float | None) -> bool:
        """Wait for the loop thread to finish; True if it did."""
        thread = self._thread
        if thread is None:
            return True
        if thread is not threading.current_thread():
            thread.join(timeout)
        return not thread.is_alive()


class PyodideTaskManager(TaskManager):
    """Uses the browser's running asyncio loop (single-threaded)."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def loop(self) -> asyncio.AbstractEventLoop | None:
        return self._loop

    def ensure_loop_running(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            self._loop = asyncio.get_event_loop()
        return self._loop

    def is_loop_thread(self) -> bool:
        return True

    def call_soon_threadsafe(self, callback: Callable[..., object], *args: Any) -> None:
        self.ensure_loop_running().call_soon(callback, *args)

    def submit_task(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        return self.ensure_loop_running().create_task(coro)

    def stop(self) -> None:
        pass


async def _probe() -> bool:
    return True


def _leave_ctrl_c_to_the_main_thread() -> None:
    """Block SIGINT in the loop thread (and the executor threads it starts).

    The kernel hands a process's SIGINT to any thread that does not block it.
    Python runs the handler in the main thread, but a main thread blocked in a
    wait (the at-exit wait for a UI) is only woken when the signal lands on it;
    taken by this thread, Ctrl+C would wait for that wait's deadline.
    """
    if hasattr(signal, "pthread_sigmask"):  # not on Windows, where this does not arise
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
