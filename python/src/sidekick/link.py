"""The loop-thread side of a connection: one ordered stream into the core, and out.

Only this object touches the core, on the loop thread. User threads put
encoded messages in ``outbox`` (ConnectionService.send, outbox.py) and
schedule at most one ``pump`` per burst. Every
core input goes through ``_feed``, which first hands the core what is
queued, so the core sees one ordered stream; ``_after_input`` then gives
the core's output to the writer, dispatches UI events and acts on a new
status (settled, closing, done).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine
from typing import Any, Callable

from . import config, inbound
from .adapters.communication import ErrorHandler, MessageHandler, StatusHandler, TransportStatus
from .adapters.task_manager import TaskManager
from .adapters.utils import is_pyodide
from .connection_core import ConnectionCore, Status
from .errors import SidekickConnectionError, SidekickError
from .exits import ExitRequests
from .hints import Hints
from .latch import Latch
from .messages import Message
from .outbox import Outbox
from .reconnect import Reconnector
from .registry import ComponentRegistry
from .server_connector import ConnectionResult, ServerConnector
from .writer import Writer, close_quietly

__all__ = ["Link"]

logger = logging.getLogger("sidekick")

# Seconds a local UI gets to announce itself before we print where to open it.
_HINT_DELAY = 0.5


class Link:
    """Feeds the core and carries out what it says: writer, timers, events, the end.

    Args:
        core: the state machine (touched only here, on the loop thread).
        components: the live components (their lock orders the queue).
        settled, done: the service's two signals, set here.
    """

    def __init__(self, tm: TaskManager, connector: ServerConnector, core: ConnectionCore,
                 components: ComponentRegistry, exits: ExitRequests,
                 settled: Latch, done: Latch) -> None:
        self._tm = tm
        self._connector = connector
        self._core = core
        self._components = components
        self._exits = exits
        self._settled = settled
        self._done = done
        self.writer = Writer()
        self.global_handler: Callable[[Message], Any] | None = None
        # Filled by ConnectionService.send (any thread), which schedules one
        # pump() per burst (wake_pending); drained here.
        self.outbox = Outbox()
        self.wake_pending = False
        # Whether a UI has the current state (the core's ``live``), and the
        # changes senders kept as state without a message while it had not;
        # both only under the registry lock.
        self.live = False
        self.kept_unsent = 0
        self._result: ConnectionResult | None = None  # the transport in use (or last used)
        self._generation = 0  # which transport's callbacks are current
        self._reconnector = Reconnector(self._reopen, self._reopened, self._give_up)
        self._hints = Hints()
        self._seen_status = Status.IDLE  # the last status _after_input acted on
        self._timers: list[asyncio.TimerHandle] = []
        self._tasks: set[asyncio.Task[Any]] = set()

    # -- any thread ----------------------------------------------------------------

    def start(self) -> None:
        self._tm.call_soon_threadsafe(self._start_on_loop)

    def shutdown(self, deliver_pending: bool) -> None:
        self._tm.call_soon_threadsafe(self._shutdown_on_loop, deliver_pending)

    def abort_from_signal(self) -> None:
        """Close now, from a signal handler: straight to the loop, taking no lock.

        (The task manager's own call takes a lock the interrupted thread may hold.)
        """
        loop = self._tm.loop
        if loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop has already closed
                loop.call_soon_threadsafe(self._shutdown_on_loop, False)

    # -- loop thread: feeding the core ---------------------------------------------

    def _feed(self, core_input: Callable[..., None], *args: Any) -> None:
        """Give the core one input, after everything queued before it."""
        outbox, core = self.outbox, self._core
        send = core.send
        for frame in outbox.take():  # the bulk without the lock: senders keep going meanwhile
            send(frame)
        with self._components.lock:  # a snapshot taken now sees exactly what was queued
            for frame in outbox.take():
                send(frame)
            core.kept(self.kept_unsent)
            self.kept_unsent = 0
            core_input(*args)
            self.live = core.live  # read by senders under this lock (ConnectionService.send)
        self._after_input()

    def pump(self) -> None:
        self.wake_pending = False
        self._feed(_nothing)

    def _after_input(self) -> None:
        """Hand the core's output to the writer, dispatch events, act on a new status."""
        core = self._core
        out = core.data_to_send()
        self.writer.batching = core.batching
        if out and self.writer.started:
            self.writer.push(out)
        for event in core.events_received():
            self._components.dispatch(event)
        if core.status is not self._seen_status:
            self._seen_status = core.status
            self._status_changed(core.status)

    def _status_changed(self, status: Status) -> None:
        if self._core.settled:
            for timer in self._timers:
                timer.cancel()
            self._timers.clear()
            self._settled.set()
        if status is Status.RECONNECTING:
            self._lost()
            return
        self._reconnector.cancel()
        if status in (Status.CLOSED, Status.FAILED):
            if self.writer.started:
                self.writer.close()
            else:
                self._finish()

    # -- loop thread: connecting ----------------------------------------------------------

    def _start_on_loop(self) -> None:
        # CONNECTING before any other callback runs (e.g. an at-exit shutdown).
        # Pyodide's bridge never drops, and there is nothing to reconnect to.
        self._core.reconnect = config.reconnect_timeout() > 0 and not is_pyodide()
        self._feed(self._core.connecting)
        self._spawn(self._connect())

    async def _connect(self) -> None:
        try:
            result = await self._connector.connect_async(*self._transport_handlers())
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
        self._use(result)
        self._arm_ui_timers(result)

    def _transport_handlers(self) -> tuple[MessageHandler, StatusHandler, ErrorHandler]:
        """Callbacks for a new transport; those of an older one are ignored from now on."""
        self._generation += 1
        generation = self._generation

        def on_text(text: str) -> None:
            if generation == self._generation:
                self._on_text(text)

        def on_status(status: TransportStatus, code: int | None, reason: str) -> None:
            if generation == self._generation and status is TransportStatus.DISCONNECTED:
                self._feed(self._core.transport_closed, code, reason)

        return on_text, on_status, _log_transport_error

    def _use(self, result: ConnectionResult) -> None:
        """A transport is open: write to it, tell the core (which announces us)."""
        self._result = result
        self.writer.start(result.manager, self._written_and_closed, self._write_failed)
        self._feed(self._core.transport_opened, result.url, result.ui_url)

    # -- loop thread: reconnecting (reconnect.py) -----------------------------------------

    def _lost(self) -> None:
        """The core is RECONNECTING: drop the dead transport, say so, start retrying."""
        self._generation += 1  # the old transport's last words are stale now
        dead = self.writer.detach()
        if dead is not None:
            self._spawn(close_quietly(dead))
        window = config.reconnect_timeout()
        self._hints.connection_lost(self._core.lost, window)
        self._reconnector.begin(window)

    async def _reopen(self) -> ConnectionResult:
        assert self._result is not None
        return await self._connector.reopen_async(self._result, *self._transport_handlers())

    def _reopened(self, result: ConnectionResult) -> None:
        if self._core.status is not Status.RECONNECTING:  # shut down meanwhile
            self._spawn(close_quietly(result.manager))
            return
        self._hints.reconnected(result.url)
        self._use(result)

    def _give_up(self) -> None:
        self._feed(self._core.reconnect_gave_up)

    def _write_failed(self, error: BaseException) -> None:
        self._feed(self._core.transport_closed, None, f"a write failed: {error}")

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

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
            self._hints.waiting_for_ui(self._core.ui_url)

    # -- loop thread: the transport's callbacks --------------------------------------------

    def _on_text(self, text: str) -> None:
        try:
            message = inbound.decode(text)
        except (ValueError, RecursionError) as error:  # RecursionError: nested too deeply
            logger.warning("sidekick: ignored a frame from the UI that is not JSON (%s): %s",
                           error, inbound.summary(text))
            return
        handler = self.global_handler
        if handler is not None and isinstance(message, dict):
            self._exits.run_callback(handler, message, "the global message handler")
        self._feed(self._core.receive, message)

    # -- loop thread: the end -----------------------------------------------------------------

    def _written_and_closed(self) -> None:
        # A close we started is not a disconnection.
        self._feed(self._core.transport_closed, 1000, "closed by the hero")
        self._finish()

    def _finish(self) -> None:
        if self._done.is_set():
            return
        self.writer.room.set()
        self.outbox.release()
        interrupt = self._exits.finish()  # sets done, before settled: see ExitRequests.finish
        self._settled.set()
        self._tm.stop()
        if interrupt:
            self._exits.stop_main_thread()

    def loop_stopped(self, error: BaseException | None) -> None:
        """The loop thread has ended (called on it, after its loop closed).

        After a normal shutdown this is nothing. Otherwise something escaped
        the loop (logged by the task manager) and nothing else will ever
        finish this service: fail it, so that no waiter hangs.
        """
        if self._done.is_set():
            return
        what = "" if error is None else f" ({type(error).__name__}: {error})"
        failure = SidekickError(
            f"The Sidekick event loop stopped unexpectedly{what}; see the log above."
        )
        failure.__cause__ = error
        self._core.host_failed(failure)
        self.writer.room.set()
        self.outbox.release()
        self._settled.set()
        self._done.set()

    # -- shutdown ----------------------------------------------------------------------

    def _shutdown_on_loop(self, deliver_pending: bool) -> None:
        self._feed(lambda: self._core.shutdown(deliver_pending=deliver_pending))


def _nothing() -> None:
    """The core input of a pump: only what was queued."""


def _log_transport_error(error: BaseException) -> None:
    logger.error("sidekick: transport error: %s", error, exc_info=error)
