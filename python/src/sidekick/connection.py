"""The connection service: the thread-safe facade over the parts of a connection.

Each fact has one owner:

- ``ConnectionCore`` (connection_core.py, no I/O): the lifecycle status,
  the failure, the queue before a UI, announces and when to replay;
- ``ComponentRegistry`` (registry.py): the live components, routing of UI
  events, and the snapshot a late UI gets;
- ``Writer`` (writer.py): encoding, the frames waiting for the socket,
  back-pressure, the close;
- ``ExitRequests`` (exits.py): user code on the loop thread and sys.exit()
  or KeyboardInterrupt in it; ``at_exit.py``: delivery when the script ends;
- ``Hints`` (hints.py): what the user is told on stderr;
- two ``Latch``es: ``settled`` (a UI is ready, or never will be) and
  ``finished`` (the connection is over).

Thread discipline (style.md, Python hero): only the loop thread touches the
core. User threads queue messages in ``_outbox`` (with the registry lock,
together with the state change they show) and schedule at most one
``_pump`` per burst. Every core input goes through ``_feed``, which first
hands the core what is queued, so the core sees one ordered stream.
Blocking calls wait on latches with deadlines, never by polling.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import inspect
import logging
import secrets
import threading
import warnings
from collections import deque
from collections.abc import Awaitable
from typing import Any, Callable

from . import config, inbound
from ._version import __version__
from .adapters.communication import TransportStatus
from .adapters.factories import get_task_manager
from .adapters.task_manager import CPythonTaskManager, TaskManager
from .adapters.utils import is_pyodide
from .at_exit import deliver_at_exit
from .connection_core import ConnectionCore, Status
from .errors import SidekickConnectionError, SidekickError, SidekickTimeoutError
from .exits import ExitRequests, current_task
from .hints import Hints
from .latch import Latch
from .messages import Message
from .registry import ComponentRegistry, MessageReceiver
from .server_connector import ConnectionResult, ServerConnector
from .writer import CLOSE_BUDGET, Writer, close_quietly

__all__ = ["ConnectionService", "MessageReceiver", "get_service"]

logger = logging.getLogger("sidekick")

# Seconds a local UI gets to announce itself before we print where to open it.
_HINT_DELAY = 0.5


class ConnectionService:
    """One connection of this process to a relay (or the Pyodide bridge)."""

    def __init__(
        self, task_manager: TaskManager | None = None, connector: ServerConnector | None = None
    ) -> None:
        self._tm = task_manager or get_task_manager()
        self._connector = connector or ServerConnector()
        self.components = ComponentRegistry()
        self._core = ConnectionCore("hero-" + secrets.token_hex(8), __version__,
                                    self.components.snapshot)
        self._outbox: deque[Message] = deque()
        self._wake_pending = False
        self._writer = Writer()
        self._hints = Hints()
        self.settled = Latch()
        self.done = Latch()
        self.exits = ExitRequests(self._tm, self.done, self._shutdown_for_exit)
        self._global_handler: Callable[[Message], Any] | None = None
        # The user's two requests, recorded on the calling thread (the core
        # learns them on the loop thread).
        self._lock = threading.Lock()
        self.started = False
        self.shutdown_called = False
        self._warned_after_shutdown = False
        self._seen_status = Status.IDLE  # the last status _after_input acted on
        self._timers: list[asyncio.TimerHandle] = []
        self._tasks: set[asyncio.Task[Any]] = set()

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
            self._tm.add_stop_listener(self._loop_stopped)
        self._tm.ensure_loop_running()
        if not is_pyodide():
            atexit.register(deliver_at_exit, self)
        self._tm.call_soon_threadsafe(self._start_on_loop)

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
        if not self._tm.is_loop_thread():
            self._writer.wait_for_room(CLOSE_BUDGET * 12)  # bounded: a stuck socket fails
        with self.components.lock:
            if keep is not None:
                keep()
            self._outbox.append(message)
        if not self._wake_pending:
            self._wake_pending = True
            self._tm.call_soon_threadsafe(self._pump)

    def set_global_handler(self, handler: Callable[[Message], Any] | None) -> None:
        if handler is not None and not callable(handler):
            raise TypeError("handler must be callable or None")
        self._global_handler = handler

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
        """abort() from a signal handler: straight to the loop, taking no lock.

        (The task manager's own call takes a lock the interrupted thread may hold.)
        """
        loop = self._tm.loop
        if loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop has already closed
                loop.call_soon_threadsafe(self._shutdown_on_loop, False)

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

    # -- loop thread: feeding the core ---------------------------------------------

    def _feed(self, core_input: Callable[..., None], *args: Any) -> None:
        """Give the core one input, after everything queued before it."""
        with self.components.lock:  # a snapshot taken now sees exactly what was queued
            outbox, send = self._outbox, self._core.send
            while outbox:
                send(outbox.popleft())
            core_input(*args)
        self._after_input()

    def _pump(self) -> None:
        self._wake_pending = False
        self._feed(_nothing)

    def _after_input(self) -> None:
        """Hand the core's output to the writer, dispatch events, act on a new status."""
        core = self._core
        out = core.data_to_send()
        if out and self._writer.started:
            self._writer.push(out)
        for event in core.events_received():
            self._dispatch(event)
        if core.status is not self._seen_status:
            self._seen_status = core.status
            self._status_changed(core.status)

    def _status_changed(self, status: Status) -> None:
        if status in (Status.ACTIVE, Status.CLOSED, Status.FAILED):
            for timer in self._timers:
                timer.cancel()
            self.settled.set()
        if status in (Status.CLOSED, Status.FAILED):
            if self._writer.started:
                self._writer.close()
            else:
                self._finish()

    # -- loop thread: connecting ----------------------------------------------------------

    def _start_on_loop(self) -> None:
        # CONNECTING before any other callback runs (e.g. an at-exit shutdown).
        self._feed(self._core.connecting)
        task = asyncio.ensure_future(self._connect())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _connect(self) -> None:
        try:
            result = await self._connector.connect_async(
                self._on_text, self._on_transport_status, _log_transport_error
            )
        except SidekickError as error:
            self._feed(self._core.connect_failed, error)
            return
        except Exception as error:  # a bug or an unexpected transport error
            wrapped = SidekickConnectionError(f"Could not connect to Sidekick: {error}")
            wrapped.__cause__ = error
            self._feed(self._core.connect_failed, wrapped)
            return
        if self._core.status is not Status.CONNECTING:  # shut down meanwhile
            await close_quietly(result.manager)
            self._finish()
            return
        self._writer.start(result.manager, self._written_and_closed)
        self._feed(self._core.transport_opened, result.url, result.ui_url)
        self._arm_ui_timers(result)

    def _arm_ui_timers(self, result: ConnectionResult) -> None:
        loop = asyncio.get_running_loop()
        if result.show_ui_url:
            self._print_hint()
        elif result.ui_url:
            self._timers.append(loop.call_later(_HINT_DELAY, self._print_hint))
        timeout = config.ui_timeout()
        if timeout is not None:
            self._timers.append(
                loop.call_later(timeout, self._feed, self._core.ui_wait_timed_out, timeout))

    def _print_hint(self) -> None:
        if self._core.status is Status.WAITING_FOR_UI:
            self._hints.waiting_for_ui(self.ui_url)

    # -- loop thread: the transport's callbacks --------------------------------------------

    def _on_text(self, text: str) -> None:
        try:
            message = inbound.decode(text)
        except (ValueError, RecursionError) as error:  # RecursionError: nested too deeply
            logger.warning("sidekick: ignored a frame from the UI that is not JSON (%s): %s",
                           error, inbound.summary(text))
            return
        handler = self._global_handler
        if handler is not None and isinstance(message, dict):
            self.run_callback(handler, message, "the global message handler")
        self._feed(self._core.receive, message)

    def _on_transport_status(
        self, status: TransportStatus, code: int | None, reason: str
    ) -> None:
        if status is TransportStatus.DISCONNECTED:
            self._feed(self._core.transport_closed, code, reason)

    def _dispatch(self, message: Message) -> None:
        src = message["src"]
        component = self.components.get(src)
        if component is None:
            logger.debug("sidekick: ignored a UI %s for unknown component %r", message["type"], src)
            return
        if message["type"] == "event" and message["component"] != component.component_type:
            logger.warning("sidekick: ignored a malformed message from the UI (an event of a %s "
                           "for %r, which is a %s): %s", inbound.summary(message["component"]),
                           src, component.component_type, inbound.summary(message))
            return
        try:
            component._handle_message(message)
        except Exception:
            logger.exception("sidekick: error while handling a UI message for %r", src)

    # -- loop thread: the end -----------------------------------------------------------------

    def _written_and_closed(self) -> None:
        # A close we started is not a disconnection.
        self._feed(self._core.transport_closed, 1000, "closed by the hero")
        self._finish()

    def _finish(self) -> None:
        if self.done.is_set():
            return
        self._writer.room.set()
        interrupt = self.exits.finish()  # sets done, before settled: see ExitRequests.finish
        self.settled.set()
        self._tm.stop()
        if interrupt:
            self.exits.stop_main_thread()

    def _loop_stopped(self, error: BaseException | None) -> None:
        """The loop thread has ended (called on it, after its loop closed).

        After a normal shutdown this is nothing. Otherwise something escaped
        the loop (logged by the task manager) and nothing else will ever
        finish this service: fail it, so that no waiter hangs.
        """
        if self.done.is_set():
            return
        what = "" if error is None else f" ({type(error).__name__}: {error})"
        failure = SidekickError(
            f"The Sidekick event loop stopped unexpectedly{what}; see the log above."
        )
        failure.__cause__ = error
        self._core.host_failed(failure)
        self._writer.room.set()
        self.settled.set()
        self.done.set()

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
            self._tm.call_soon_threadsafe(self._shutdown_on_loop, deliver_pending)
        if wait and not self._tm.is_loop_thread() and not is_pyodide():
            self.done.wait(self._shutdown_deadline(deliver_pending))
            if isinstance(self._tm, CPythonTaskManager):
                self._tm.join(CLOSE_BUDGET)

    def _shutdown_on_loop(self, deliver_pending: bool) -> None:
        self._feed(lambda: self._core.shutdown(deliver_pending=deliver_pending))

    def _shutdown_for_exit(self, deliver_pending: bool) -> None:
        self._shutdown(wait=False, deliver_pending=deliver_pending)

    def _shutdown_deadline(self, deliver_pending: bool) -> float | None:
        if not deliver_pending or self.status is Status.ACTIVE:
            return CLOSE_BUDGET * 2
        timeout = config.ui_timeout()
        if timeout is None:
            return None
        return timeout + config.connect_timeout() * 3 + CLOSE_BUDGET * 2


def _nothing() -> None:
    """The core input of a pump: only what was queued."""


def _log_transport_error(error: BaseException) -> None:
    logger.error("sidekick: transport error: %s", error, exc_info=error)


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
