"""The connection service: the thread-safe facade over the parts of a connection.

Each fact has one owner:

- ``ConnectionCore`` (connection_core.py, no I/O): the lifecycle status,
  the failure, whether a UI has the state (``live``), announces, when to
  send the snapshot, reconnecting;
- ``Link`` (link.py): the loop-thread side, the only toucher of the core:
  the outbox, the transport's callbacks, timers, reconnecting (reconnect.py),
  settled and done;
- ``ComponentRegistry`` (registry.py): the live components, routing of UI
  events, and the snapshot a late UI gets;
- ``Writer`` (writer.py): encoding, the frames waiting for the socket,
  back-pressure, the close;
- ``ExitRequests`` (exits.py): user code on the loop thread and sys.exit()
  or KeyboardInterrupt in it; ``at_exit.py``: delivery when the script ends;
- ``Hints`` (hints.py): what the user is told on stderr;
- two ``Latch``es: ``settled`` (a UI is ready, or never will be) and
  ``done`` (the connection is over).

This facade holds only the user's two requests (``started``,
``shutdown_called``, recorded on the calling thread) and the blocking
calls, which wait on the latches with deadlines, never by polling.
"""

from __future__ import annotations

import asyncio
import atexit
import inspect
import logging
import secrets
import threading
import warnings
from collections.abc import Awaitable
from typing import Any, Callable

from . import config
from ._version import __version__
from .adapters.factories import get_task_manager
from .adapters.task_manager import CPythonTaskManager, TaskManager
from .adapters.utils import is_pyodide
from .at_exit import deliver_at_exit
from .connection_core import ConnectionCore, Status
from .errors import SidekickError, SidekickTimeoutError
from .exits import ExitRequests, current_task
from .latch import Latch
from .link import Link
from .messages import Message, encode
from .registry import ComponentRegistry, MessageReceiver
from .server_connector import ServerConnector
from .writer import CLOSE_BUDGET

__all__ = ["ConnectionService", "MessageReceiver", "get_service"]

logger = logging.getLogger("sidekick")

# Seconds a program thread waits at most for room in the outbox or the writer.
_WAIT_FOR_ROOM = CLOSE_BUDGET * 12


class ConnectionService:
    """One connection of this process to a relay (or the Pyodide bridge)."""

    def __init__(
        self, task_manager: TaskManager | None = None, connector: ServerConnector | None = None
    ) -> None:
        self._tm = task_manager or get_task_manager()
        self.components = ComponentRegistry()
        self._core = ConnectionCore("hero-" + secrets.token_hex(8), __version__,
                                    self.components.snapshot)
        self.settled = Latch()
        self.done = Latch()
        self.exits = ExitRequests(self._tm, self.done, self._shutdown_for_exit)
        self._link = Link(self._tm, connector or ServerConnector(), self._core,
                          self.components, self.exits, self.settled, self.done)
        self._room = self._link.writer.room  # back-pressure (writer.py)
        self._outbox = self._link.outbox  # its own bound (outbox.py)
        # The user's two requests, recorded on the calling thread (the core
        # learns them on the loop thread).
        self._lock = threading.Lock()
        self.started = False
        self.shutdown_called = False
        self._warned_after_shutdown = False

    # -- facts, any thread -----------------------------------------------------------

    @property
    def status(self) -> Status:
        return self._core.status

    @property
    def failure(self) -> SidekickError | None:
        return self._core.failure

    @property
    def ui_url(self) -> str | None:
        return self._core.ui_url

    @property
    def finished(self) -> bool:
        return self.done.is_set()

    # -- public, any thread ------------------------------------------------------

    def activate(self) -> None:
        """Start connecting in the background (never blocks for long)."""
        with self._lock:
            if self.started or self.shutdown_called:
                return
            self.started = True
        if isinstance(self._tm, CPythonTaskManager):
            self._tm.add_stop_listener(self._link.loop_stopped)
        self._tm.ensure_loop_running()
        if not is_pyodide():
            atexit.register(deliver_at_exit, self)
        self._link.start()

    def send(self, message: Message, keep: Callable[[], None] | None = None) -> None:
        """Queue one message for the UI; the single choke point of every write.

        ``keep()`` is the change to a component's state that the message
        shows; it runs under the registry lock with the queueing, so a
        snapshot for a late UI sees both or neither.
        """
        failure = self._core.failure
        if failure is not None:
            raise failure
        if self.shutdown_called:
            if not self._warned_after_shutdown:
                self._warned_after_shutdown = True
                warnings.warn("sidekick: a message was sent after shutdown() and was ignored.",
                              RuntimeWarning, stacklevel=3)
            return
        if not self.started:
            self.activate()
        link = self._link
        if not link.live:
            with self.components.lock:  # the loop thread turns live on under this lock
                if not link.live:
                    # No UI has the state: keep the change, send nothing (state-based
                    # sync, connection_core.py); the next UI gets the snapshot.
                    if keep is not None:
                        keep()
                    link.kept_unsent += 1
                    return
        try:
            frame = encode(message)  # once, here: the writer sends the frame as it is
        except (TypeError, ValueError) as error:
            logger.error("sidekick: cannot encode %r: %s", message, error)
            return
        outbox = self._outbox
        if not (outbox.room.is_set() and self._room.is_set()) and not self._tm.is_loop_thread():
            # Bounded waits (the loop thread drains both, so it never waits): a
            # busy loop gets to the outbox, a stuck socket fails on its own.
            outbox.room.wait(_WAIT_FOR_ROOM)
            self._room.wait(_WAIT_FOR_ROOM)
        if keep is None:
            outbox.put(frame)  # a setting, already recorded (Component._update)
        else:
            with self.components.lock:
                keep()
                outbox.put(frame)
        if not link.wake_pending:
            link.wake_pending = True
            self._tm.call_soon_threadsafe(link.pump)

    def set_global_handler(self, handler: Callable[[Message], Any] | None) -> None:
        if handler is not None and not callable(handler):
            raise TypeError("handler must be callable or None")
        self._link.global_handler = handler

    def wait_for_connection(self, timeout: float | None = None) -> None:
        """Block until a UI is ready, or raise why it will not be."""
        if is_pyodide():
            # The browser's loop cannot be blocked; the script's top level ends
            # and the loop goes on delivering the queue and dispatching events.
            self.activate()
            return
        if self._tm.is_loop_thread():
            raise SidekickError(
                "wait_for_connection()/run_forever() cannot be called from a Sidekick "
                "callback or task (it would block the loop that delivers the connection)."
            )
        if timeout is not None and timeout < 0:
            raise ValueError("timeout must be >= 0 or None")
        if not self._wait_settled(timeout):
            raise SidekickTimeoutError(timeout or 0.0, self.ui_url)
        if self.status is Status.CLOSED or self.finished:
            raise SidekickError("The Sidekick connection was shut down (shutdown() was called).")

    def _wait_settled(self, timeout: float | None) -> bool:
        """Wait for a UI (or the end); raise a failure or a callback's exit request."""
        self.activate()
        with self.exits.waiting():
            ready = self.settled.wait(timeout)
        self.exits.raise_request(self._shutdown_deadline)
        if self.failure is not None:
            raise self.failure
        return ready

    def run_forever(self) -> None:
        """Wait for the UI, then block dispatching events until shutdown."""
        if is_pyodide():
            self.activate()  # see wait_for_connection: events keep flowing after return
            return
        try:
            with self.exits.waiting():
                if not self.shutdown_called:  # a shutdown() already asked for is no error
                    self._wait_settled(None)  # nor one that comes while we wait
                self.done.wait()
        except KeyboardInterrupt:
            self.abort(wait=True)
            # Ctrl+C still ends the program as usual, but the traceback a learner
            # sees stops at run_forever() instead of going through our threads.
            raise KeyboardInterrupt from None
        self.exits.raise_request(self._shutdown_deadline)
        if self.failure is not None:
            raise self.failure

    async def run_forever_async(self) -> None:
        self.activate()
        with self.exits.waiting(current_task()):
            await self.settled.wait_async()
            if self.failure is not None and self.exits.request is None:
                raise self.failure
            await self.done.wait_async()
        self.exits.raise_request(self._shutdown_deadline)
        if self.failure is not None:
            raise self.failure

    def shutdown(self, wait: bool = False) -> None:
        """Deliver what was sent, announce offline, close, stop the loop."""
        self._shutdown(wait=wait, deliver_pending=True)

    def abort(self, wait: bool = False) -> None:
        """Ctrl+C: announce offline and close now, without delivering the queue."""
        self._shutdown(wait=wait, deliver_pending=False)

    def abort_from_signal(self) -> None:
        """abort() from a signal handler (at_exit.py): takes no lock."""
        self._link.abort_from_signal()

    def submit_task(self, coro: Awaitable[Any]) -> asyncio.Task[Any]:
        if not inspect.iscoroutine(coro):
            raise TypeError(f"submit_task() needs a coroutine, not {type(coro).__name__}")
        if self.shutdown_called:
            coro.close()
            raise SidekickError("submit_task() after shutdown(): the event loop has stopped.")
        self.activate()
        return self._tm.submit_task(self.exits.guard(coro, "a task given to submit_task()"))

    def run_callback(self, callback: Callable[..., Any], event: Any, what: str) -> None:
        """Call a user callback on the loop thread; log its errors, keep going."""
        self.exits.run_callback(callback, event, what)

    # The seed's names for the same operations (docs/python-library.md).
    activate_connection_internally = activate
    send_message_internally = send
    wait_for_active_connection_sync = wait_for_connection
    shutdown_service = shutdown

    # -- shutdown ----------------------------------------------------------------------

    def _shutdown(self, *, wait: bool, deliver_pending: bool) -> None:
        with self._lock:
            first = not self.shutdown_called
            self.shutdown_called = True
            started = self.started
        if not started:
            self.done.set()
            return
        if self.done.is_set():
            return
        if first or not deliver_pending:
            self._link.shutdown(deliver_pending)
        if wait and not self._tm.is_loop_thread() and not is_pyodide():
            self.done.wait(self._shutdown_deadline(deliver_pending))
            if isinstance(self._tm, CPythonTaskManager):
                self._tm.join(CLOSE_BUDGET)

    def _shutdown_for_exit(self, deliver_pending: bool) -> None:
        self._shutdown(wait=False, deliver_pending=deliver_pending)

    def _shutdown_deadline(self, deliver_pending: bool) -> float | None:
        if not deliver_pending:
            return CLOSE_BUDGET * 2
        reconnecting = self._core.lost is not None or self.status is Status.RECONNECTING
        if self.status is Status.ACTIVE and not reconnecting:
            return CLOSE_BUDGET * 2
        timeout = config.ui_timeout()
        if timeout is None:
            return None
        if reconnecting:
            timeout += config.reconnect_timeout()
        return timeout + config.connect_timeout() * 3 + CLOSE_BUDGET * 2


_service_lock = threading.Lock()
_service: ConnectionService | None = None


def get_service() -> ConnectionService:
    """The process-wide service; a new one after a completed shutdown()."""
    global _service
    with _service_lock:
        if _service is None or (_service.shutdown_called and _service.finished):
            _service = ConnectionService()
        return _service


def peek_service() -> ConnectionService | None:
    return _service


def current_service() -> ConnectionService:
    """The service lifecycle calls act on: the existing one, even if shut down.

    Only new components start a fresh connection after shutdown(); calling
    run_forever() after shutdown() returns instead of reconnecting.
    """
    with _service_lock:
        existing = _service
    return existing if existing is not None else get_service()
