"""The connection service: the thread-safe facade over ConnectionCore.

Thread discipline (style.md, Python hero): only the loop thread touches the
core. User threads append messages to ``_outbox`` and schedule at most one
``_pump`` per burst with ``call_soon_threadsafe``; ``_pump`` feeds the core,
encodes what it emits and hands the frames to one writer task. Blocking
calls wait on events with deadlines, never by polling.
"""

from __future__ import annotations

import _thread
import asyncio
import atexit
import concurrent.futures
import contextlib
import inspect
import json
import logging
import secrets
import signal
import sys
import threading
import warnings
from collections import deque
from collections.abc import Awaitable, Iterator
from typing import Any, Callable, Protocol

from . import config, inbound
from ._version import __version__
from .connection_core import ConnectionCore, Status
from .core.communication import CommunicationManager, CoreConnectionStatus
from .core.factories import get_task_manager
from .core.task_manager import CPythonTaskManager, TaskManager
from .core.utils import is_pyodide
from .errors import SidekickConnectionError, SidekickError, SidekickTimeoutError
from .protocol import Message
from .server_connector import ConnectionResult, ServerConnector

__all__ = ["ConnectionService", "MessageReceiver", "get_service"]

logger = logging.getLogger("sidekick")

_encode = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def _not_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not JSON")


# NaN and Infinity are not JSON (Python's parser accepts them by default).
_decode = json.JSONDecoder(parse_constant=_not_json).decode

# Seconds a local UI gets to announce itself before we print where to open it.
_HINT_DELAY = 0.5
# Seconds to finish a close once everything is sent.
_CLOSE_BUDGET = 5.0
# Back-pressure once ACTIVE: a user thread that has put more than
# _BACKLOG_HIGH frames ahead of the socket waits until the writer is back
# under _BACKLOG_LOW. Nothing is ever dropped; before a UI is there nothing
# waits (the queue has no cap).
_BACKLOG_HIGH = 100_000
_BACKLOG_LOW = 50_000
# Frames handed to the transport per write.
_WRITE_CHUNK = 512


class MessageReceiver(Protocol):
    """What a component offers the service for routing (protocol.md, Errors)."""

    instance_id: str

    @property
    def component_type(self) -> str: ...

    def _handle_message(self, message: Message) -> None: ...

    def _mark_removed(self) -> None: ...


class ConnectionService:
    """Owns the core, the transport and the hand-off between threads."""

    def __init__(
        self, task_manager: TaskManager | None = None, connector: ServerConnector | None = None
    ) -> None:
        self._tm = task_manager or get_task_manager()
        self._connector = connector or ServerConnector()
        self._core = ConnectionCore("hero-" + secrets.token_hex(8), __version__)
        self._outbox: deque[Message] = deque()
        self._wake_pending = False
        self._components: dict[str, MessageReceiver] = {}
        self._global_handler: Callable[[Message], Any] | None = None
        self._lock = threading.Lock()
        self._started = False
        self._shutdown_called = False
        self._warned_after_shutdown = False
        self._hint_printed = False
        # Mirrors of the core, written on the loop thread, read anywhere.
        self.status = Status.IDLE
        self.failure: SidekickError | None = None
        self.ui_url: str | None = None
        self._settled = threading.Event()
        self._finished = threading.Event()
        self._settled_future: concurrent.futures.Future[None] = concurrent.futures.Future()
        self._finished_future: concurrent.futures.Future[None] = concurrent.futures.Future()
        # Loop-thread state.
        self._comm: CommunicationManager | None = None
        self._wire: deque[str] = deque()
        self._room = threading.Event()  # set while the backlog is under the mark
        self._room.set()
        self._wire_wake: asyncio.Event | None = None
        self._writer: asyncio.Task[None] | None = None
        self._close_requested = False
        self._timers: list[asyncio.TimerHandle] = []
        self._tasks: set[asyncio.Task[Any]] = set()
        # sys.exit() / KeyboardInterrupt in a user callback (the first one wins;
        # written on the loop thread). It is re-raised in a thread waiting in
        # run_forever() & co (counted in _waiters); with none, _finish
        # interrupts the main thread instead (_exit_by_interrupt).
        self.exit_request: SystemExit | KeyboardInterrupt | None = None
        self._waiters = 0
        self._exit_by_interrupt = False
        self._user_tasks: set[asyncio.Task[Any]] = set()  # running user coroutines
        self._awaiting: set[asyncio.Task[Any]] = set()  # ... in run_forever_async()

    # -- public, any thread ------------------------------------------------------

    @property
    def finished(self) -> bool:
        return self._finished.is_set()

    @property
    def shutdown_called(self) -> bool:
        return self._shutdown_called

    def activate(self) -> None:
        """Start connecting in the background (never blocks for long)."""
        with self._lock:
            if self._started or self._shutdown_called:
                return
            self._started = True
        if isinstance(self._tm, CPythonTaskManager):
            self._tm.add_stop_listener(self._loop_stopped)
        self._tm.ensure_loop_running()
        if not is_pyodide():
            atexit.register(self._at_exit)
        self._tm.call_soon_threadsafe(self._start_on_loop)

    def send(self, message: Message) -> None:
        """Queue one message for the UI; the single choke point of every write."""
        failure = self.failure
        if failure is not None:
            raise failure
        if self._shutdown_called:
            if not self._warned_after_shutdown:
                self._warned_after_shutdown = True
                warnings.warn(
                    "sidekick: a message was sent after shutdown() and was ignored.",
                    RuntimeWarning,
                    stacklevel=3,
                )
            return
        if not self._started:
            self.activate()
        if not self._room.is_set() and not self._tm.is_loop_thread():
            self._room.wait(_CLOSE_BUDGET * 12)  # bounded: a stuck socket fails on its own
        self._outbox.append(message)
        if not self._wake_pending:
            self._wake_pending = True
            self._tm.call_soon_threadsafe(self._pump)

    def register(self, component: MessageReceiver) -> None:
        self._components[component.instance_id] = component

    def unregister(self, instance_id: str) -> None:
        self._components.pop(instance_id, None)

    def forget_all_components(self) -> None:
        """clear_all(): every component object becomes removed."""
        components = list(self._components.values())
        self._components.clear()
        for component in components:
            component._mark_removed()

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
        self.activate()
        with self._waiting():
            ready = self._settled.wait(timeout)
        self._raise_exit_request()
        if not ready:
            raise SidekickTimeoutError(timeout or 0.0, self.ui_url)
        self._raise_if_unusable()

    def run_forever(self) -> None:
        """Wait for the UI, then block dispatching events until shutdown."""
        if is_pyodide():
            self.activate()  # see wait_for_connection: events keep flowing after return
            return
        try:
            with self._waiting():
                if not self._shutdown_called:  # a shutdown() already asked for is no error
                    self.wait_for_connection()
                self._finished.wait()
        except KeyboardInterrupt:
            self._shutdown(wait=True, deliver_pending=False)
            # Ctrl+C still ends the program as usual, but the traceback a learner
            # sees stops at run_forever() instead of going through our threads.
            raise KeyboardInterrupt from None
        self._raise_exit_request()
        if self.failure is not None:
            raise self.failure

    async def run_forever_async(self) -> None:
        self.activate()
        task = _current_task()
        if task is not None:
            self._awaiting.add(task)  # it gets the exit request; not cancelled
        try:
            with self._waiting():
                await asyncio.wrap_future(self._settled_future)
                if self.failure is not None and self.exit_request is None:
                    raise self.failure
                await asyncio.wrap_future(self._finished_future)
        finally:
            self._awaiting.discard(task)
        self._raise_exit_request()
        if self.failure is not None:
            raise self.failure

    def shutdown(self, wait: bool = False) -> None:
        """Deliver what was sent, announce offline, close, stop the loop."""
        self._shutdown(wait=wait, deliver_pending=True)

    def submit_task(self, coro: Awaitable[Any]) -> asyncio.Task[Any]:
        if not inspect.iscoroutine(coro):
            raise TypeError(f"submit_task() needs a coroutine, not {type(coro).__name__}")
        if self._shutdown_called:
            coro.close()
            raise SidekickError("submit_task() after shutdown(): the event loop has stopped.")
        self.activate()
        task = self._tm.submit_task(self._guard(coro, "a task given to submit_task()"))
        return task

    def run_callback(self, callback: Callable[..., Any], event: Any, what: str) -> None:
        """Call a user callback on the loop thread; log its errors, keep going."""
        if self.exit_request is not None:
            return  # the program is ending: sys.exit() in an earlier callback
        result = None
        with self._user_code(what):
            result = callback(event)
        if inspect.isawaitable(result):
            task = asyncio.ensure_future(self._guard(result, what))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    # The seed's names for the same operations (docs/python-library.md).
    activate_connection_internally = activate
    send_message_internally = send
    wait_for_active_connection_sync = wait_for_connection
    shutdown_service = shutdown

    # -- loop thread ---------------------------------------------------------------

    def _start_on_loop(self) -> None:
        self._wire_wake = asyncio.Event()
        # CONNECTING before any other callback runs (e.g. an at-exit shutdown).
        self._core.connecting()
        task = asyncio.ensure_future(self._activate_async())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _activate_async(self) -> None:
        core = self._core
        self._after_input()
        try:
            result = await self._connector.connect_async(
                self._on_text, self._on_transport_status, self._on_transport_error
            )
        except SidekickError as error:
            core.connect_failed(error)
            self._after_input()
            return
        except Exception as error:  # a bug or an unexpected transport error
            wrapped = SidekickConnectionError(f"Could not connect to Sidekick: {error}")
            wrapped.__cause__ = error
            core.connect_failed(wrapped)
            self._after_input()
            return
        if core.status is not Status.CONNECTING:  # shut down meanwhile
            await result.manager.close_async()
            self._finish()
            return
        self._comm = result.manager
        self.ui_url = result.ui_url
        self._writer = asyncio.ensure_future(self._write_loop())
        core.transport_opened(result.url, result.ui_url)
        self._pump()
        self._arm_ui_timers(result)

    def _arm_ui_timers(self, result: ConnectionResult) -> None:
        loop = asyncio.get_running_loop()
        if result.show_ui_url:
            self._print_hint()
        elif result.ui_url:
            self._timers.append(loop.call_later(_HINT_DELAY, self._print_hint))
        timeout = config.ui_timeout()
        if timeout is not None:
            self._timers.append(loop.call_later(timeout, self._on_ui_timeout, timeout))

    def _print_hint(self) -> None:
        if self._hint_printed or self._core.status is not Status.WAITING_FOR_UI:
            return
        self._hint_printed = True
        timeout = config.ui_timeout()
        limit = f"up to {timeout:g} s" if timeout is not None else "until one opens"
        print(
            f"Sidekick: waiting for the UI ({limit}). Open {self.ui_url} in a browser "
            "to see your program.",
            file=sys.stderr,
            flush=True,
        )

    def _on_ui_timeout(self, timeout: float) -> None:
        self._pump_outbox()
        self._core.ui_wait_timed_out(timeout)
        self._after_input()

    def _pump(self) -> None:
        self._wake_pending = False
        self._pump_outbox()
        self._after_input()

    def _pump_outbox(self) -> None:
        outbox = self._outbox
        send = self._core.send
        while outbox:
            send(outbox.popleft())

    def _on_text(self, text: str) -> None:
        try:
            message = _decode(text)
        except (ValueError, RecursionError) as error:  # RecursionError: nested too deeply
            logger.warning("sidekick: ignored a frame from the UI that is not JSON (%s): %s",
                           error, inbound.summary(text))
            return
        handler = self._global_handler
        if handler is not None and isinstance(message, dict):
            self.run_callback(handler, message, "the global message handler")
        self._pump_outbox()  # keep order: what the user sent comes before a replay
        self._core.receive(message)
        self._after_input()

    def _on_transport_status(
        self, status: CoreConnectionStatus, code: int | None, reason: str
    ) -> None:
        if status is CoreConnectionStatus.DISCONNECTED:
            self._core.transport_closed(code, reason)
            self._after_input()

    def _on_transport_error(self, error: BaseException) -> None:
        logger.error("sidekick: transport error: %s", error, exc_info=error)

    def _after_input(self) -> None:
        """Hand the core's output to the writer, dispatch events, track status."""
        core = self._core
        out = core.data_to_send()
        if out and self._comm is not None:
            wire = self._wire
            for message in out:
                try:
                    wire.append(_encode(message))
                except (TypeError, ValueError) as error:
                    logger.error("sidekick: cannot encode %r: %s", message, error)
            if len(wire) > _BACKLOG_HIGH:
                self._room.clear()
            if self._wire_wake is not None:
                self._wire_wake.set()
        for event in core.events_received():
            self._dispatch(event)
        if core.status is not self.status:
            self._status_changed(core.status)

    def _dispatch(self, message: Message) -> None:
        src = message["src"]
        component = self._components.get(src)
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

    def _status_changed(self, status: Status) -> None:
        self.status = status
        if status in (Status.ACTIVE, Status.CLOSED, Status.FAILED):
            if status is not Status.ACTIVE or self._core.failure is None:
                self.failure = self._core.failure
            if status is not Status.ACTIVE:
                for timer in self._timers:
                    timer.cancel()
            self._settled.set()
            if not self._settled_future.done():
                self._settled_future.set_result(None)
        if status is Status.ACTIVE:
            for timer in self._timers:
                timer.cancel()
        if status in (Status.CLOSED, Status.FAILED):
            self._room.set()
            self._close_requested = True
            if self._writer is None:
                self._finish()
            elif self._wire_wake is not None:
                self._wire_wake.set()

    async def _write_loop(self) -> None:
        """The one writer: frames go out in order; closes once asked and drained."""
        wake = self._wire_wake
        comm = self._comm
        assert wake is not None and comm is not None
        try:
            while True:
                wire = self._wire
                while wire:
                    batch = [wire.popleft() for _ in range(min(_WRITE_CHUNK, len(wire)))]
                    await comm.send_many(batch)
                    if len(wire) < _BACKLOG_LOW and not self._room.is_set():
                        self._room.set()
                if self._close_requested:
                    break
                wake.clear()
                await wake.wait()
        except Exception as error:  # the reader reports the closed connection
            logger.debug("sidekick: write failed: %s", error)
        try:
            await asyncio.wait_for(comm.close_async(), _CLOSE_BUDGET)
        except Exception as error:
            logger.debug("sidekick: close failed: %s", error)
        # A close we started is not a disconnection.
        self._core.transport_closed(1000, "closed by the hero")
        self._after_input()
        self._finish()

    def _finish(self) -> None:
        if self._finished.is_set():
            return
        self._room.set()
        with self._lock:  # decided with _finished: a waiter arriving later sees the same
            self._exit_by_interrupt = (
                self.exit_request is not None and self._waiters == 0 and not is_pyodide()
            )
            self._finished.set()
        if not self._finished_future.done():
            self._finished_future.set_result(None)
        if not self._settled_future.done():
            self._settled_future.set_result(None)
        self._settled.set()
        self._tm.stop()
        if self._exit_by_interrupt:
            self._stop_main_thread()

    async def _guard(self, awaitable: Awaitable[Any], what: str) -> Any:
        """Run a user coroutine (async callback, submit_task, submit_interval)."""
        task = _current_task()
        if task is not None:
            self._user_tasks.add(task)
        try:
            with self._user_code(what):  # CancelledError passes through
                return await awaitable
            return None
        finally:
            self._user_tasks.discard(task)

    @contextlib.contextmanager
    def _user_code(self, what: str) -> Iterator[None]:
        """The one boundary around user code on the loop thread (run_callback, _guard).

        An error is logged with its traceback and the connection keeps going.
        sys.exit() and KeyboardInterrupt must not escape either: they would
        kill the loop thread and leave run_forever() waiting for ever.
        """
        try:
            yield
        except Exception:
            logger.exception("sidekick: error in %s (the connection keeps running)", what)
        except (SystemExit, KeyboardInterrupt) as request:
            self._exit_requested(request, what)

    def _exit_requested(self, request: SystemExit | KeyboardInterrupt, what: str) -> None:
        """A callback asked the program to end: shut down, then re-raise it.

        sys.exit() is an orderly shutdown (what was sent is delivered, then
        offline, close); KeyboardInterrupt is a quick one, like Ctrl+C in
        run_forever(). Other user tasks are cancelled first, as the end of the
        program would stop them, and later events are not dispatched. The
        request is re-raised by run_forever() & co, or see _finish.
        """
        if self.exit_request is not None:
            return
        self.exit_request = request
        logger.debug("sidekick: %s in %s; shutting down", _describe_exit(request), what)
        current = _current_task()
        for task in list(self._user_tasks):
            if task is not current and task not in self._awaiting:
                task.cancel()
        # Scheduled after the cancelled tasks' next step, so that what their
        # finally blocks send is still delivered.
        deliver = isinstance(request, SystemExit)
        self._tm.call_soon_threadsafe(self._shutdown_for_exit, deliver)

    def _shutdown_for_exit(self, deliver_pending: bool) -> None:
        self._shutdown(wait=False, deliver_pending=deliver_pending)

    @contextlib.contextmanager
    def _waiting(self) -> Iterator[None]:
        """Count a thread blocked in run_forever() & co: it will get an exit request."""
        with self._lock:
            self._waiters += 1
        try:
            yield
        finally:
            with self._lock:
                self._waiters -= 1

    def _raise_exit_request(self) -> None:
        """In a thread that waited for the library: end as the callback asked."""
        request = self.exit_request
        if request is None or self._exit_by_interrupt:
            return
        if not is_pyodide() and not self._tm.is_loop_thread():
            # The shutdown was started by the callback; let it finish in order.
            self._finished.wait(self._shutdown_deadline(isinstance(request, SystemExit)))
            if isinstance(self._tm, CPythonTaskManager):
                self._tm.join(_CLOSE_BUDGET)
        # A fresh exception, raised here: the process exits with its code (and
        # at-exit handlers run) as if the script had called sys.exit() itself.
        if isinstance(request, KeyboardInterrupt):
            raise KeyboardInterrupt from None
        raise SystemExit(*request.args) from None

    def _stop_main_thread(self) -> None:
        """An exit request that no thread waits for: stop the main thread like Ctrl+C.

        Python offers no way to raise SystemExit in another thread, and
        os._exit() would skip the script's finally blocks, at-exit handlers
        and file flushes (and kill a Jupyter kernel). KeyboardInterrupt is what
        Ctrl+C does: the script unwinds normally (or catches it), but the exit
        code is Ctrl+C's, not the one passed to sys.exit(), so we say so.
        """
        request = self.exit_request
        if isinstance(request, SystemExit):
            print(
                f"Sidekick: {_describe_exit(request)} was called in a callback, but the "
                "program was not waiting in sidekick.run_forever(); stopping it as "
                "Ctrl+C would.",
                file=sys.stderr,
                flush=True,
            )
        _interrupt_main()

    def _loop_stopped(self, error: BaseException | None) -> None:
        """The loop thread has ended (called on it, after its loop closed).

        After a normal shutdown this is nothing. Otherwise something escaped
        the loop (logged by the task manager) and nothing else will ever
        finish this service: fail it, so that no waiter hangs.
        """
        if self._finished.is_set():
            return
        what = "" if error is None else f" ({type(error).__name__}: {error})"
        failure = SidekickError(
            f"The Sidekick event loop stopped unexpectedly{what}; see the log above."
        )
        failure.__cause__ = error
        if self.failure is None:
            self.failure = failure
        self._room.set()
        self._settled.set()
        for future in (self._settled_future, self._finished_future):
            if not future.done():
                future.set_result(None)
        with self._lock:
            self._finished.set()

    # -- shutdown --------------------------------------------------------------------

    def _shutdown(self, *, wait: bool, deliver_pending: bool) -> None:
        with self._lock:
            first = not self._shutdown_called
            self._shutdown_called = True
            started = self._started
        if not started:
            self._finished.set()
            return
        if self._finished.is_set():
            return
        if first:
            self._tm.call_soon_threadsafe(self._shutdown_on_loop, deliver_pending)
        elif not deliver_pending:
            self._tm.call_soon_threadsafe(self._abort_on_loop)
        if wait and not self._tm.is_loop_thread() and not is_pyodide():
            self._finished.wait(self._shutdown_deadline(deliver_pending))
            if isinstance(self._tm, CPythonTaskManager):
                self._tm.join(_CLOSE_BUDGET)

    def _shutdown_deadline(self, deliver_pending: bool) -> float | None:
        if not deliver_pending or self.status is Status.ACTIVE:
            return _CLOSE_BUDGET * 2
        timeout = config.ui_timeout()
        if timeout is None:
            return None
        return timeout + config.connect_timeout() * 3 + _CLOSE_BUDGET * 2

    def _shutdown_on_loop(self, deliver_pending: bool) -> None:
        self._pump_outbox()
        self._core.shutdown(deliver_pending=deliver_pending)
        self._after_input()

    def _abort_on_loop(self) -> None:
        self._core.shutdown(deliver_pending=False)
        self._after_input()

    def _raise_if_unusable(self) -> None:
        if self.failure is not None:
            raise self.failure
        if self.status is Status.CLOSED or self._finished.is_set():
            raise SidekickError("The Sidekick connection was shut down (shutdown() was called).")

    def _at_exit(self) -> None:
        """Interpreter exit: deliver everything the script sent, then close."""
        if self._finished.is_set():
            return
        with self._waiting():  # the script has ended: an exit request only stops us
            self._deliver_at_exit()
        if self.failure is not None:
            print(f"Sidekick: {self.failure}", file=sys.stderr, flush=True)

    @contextlib.contextmanager
    def _ctrl_c_stops_the_wait(self) -> Iterator[None]:
        """While the ended script waits for a UI, Ctrl+C closes at once, raising nothing.

        A KeyboardInterrupt raised inside threading's waits can land while
        they hold their lock; the next wait on it then hangs for good. So,
        when Python's own Ctrl+C handler is in place, a handler that only asks
        the loop to close stands in for it, and the wait ends because the
        connection finished.
        """
        if (
            is_pyodide()
            or threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
        ):
            yield
            return

        def quit_now(signum: int, frame: object) -> None:
            # Straight to the loop: the task manager's own call takes a lock
            # this (main) thread may hold at the moment the signal lands.
            loop = self._tm.loop
            if loop is not None:
                with contextlib.suppress(RuntimeError):  # the loop has already closed
                    loop.call_soon_threadsafe(self._abort_on_loop)

        signal.signal(signal.SIGINT, quit_now)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, signal.default_int_handler)

    def _deliver_at_exit(self) -> None:
        with self._ctrl_c_stops_the_wait():
            self._deliver_or_quit()

    def _deliver_or_quit(self) -> None:
        try:
            if not self._settled.wait(_HINT_DELAY):
                timeout = config.ui_timeout()
                limit = f"up to {timeout:g} s" if timeout is not None else "until one opens"
                where = f" Open {self.ui_url} to see it." if self.ui_url else ""
                print(
                    f"Sidekick: the script has ended; waiting {limit} for a UI to receive "
                    f"what it sent.{where} Press Ctrl+C to quit now.",
                    file=sys.stderr,
                    flush=True,
                )
            self._shutdown(wait=True, deliver_pending=True)
        except KeyboardInterrupt:  # quit now: announce offline and close, no more waiting
            self._shutdown(wait=True, deliver_pending=False)


def _interrupt_main() -> None:
    """Raise KeyboardInterrupt in the main thread (a seam for the tests)."""
    _thread.interrupt_main()


def _current_task() -> asyncio.Task[Any] | None:
    try:
        return asyncio.current_task()
    except RuntimeError:  # no running loop: a plain call (e.g. from JavaScript in Pyodide)
        return None


def _describe_exit(request: SystemExit | KeyboardInterrupt) -> str:
    if isinstance(request, KeyboardInterrupt):
        return "KeyboardInterrupt"
    return f"sys.exit({request.code!r})" if request.args else "sys.exit()"


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
