"""User code on the loop thread, and a callback asking the program to end.

``sys.exit()`` or ``KeyboardInterrupt`` in a callback must not escape: it
would kill the loop thread and leave ``run_forever()`` waiting for ever.
The first such request wins; the connection shuts down (``sys.exit()``
delivers what was sent first, ``KeyboardInterrupt`` does not), and the
request is re-raised in a thread waiting in ``run_forever()`` & co. With no
thread waiting, the main thread is interrupted as Ctrl+C would.
"""

from __future__ import annotations

import _thread
import asyncio
import contextlib
import inspect
import logging
import threading
from collections.abc import Awaitable, Iterator
from typing import Any, Callable

from .adapters.task_manager import CPythonTaskManager, TaskManager
from .adapters.utils import is_pyodide
from .hints import Hints
from .latch import Latch
from .writer import CLOSE_BUDGET

__all__ = ["ExitRequests", "current_task", "describe_exit"]

logger = logging.getLogger("sidekick")


class ExitRequests:
    """The one boundary around user code on the loop thread, and its exit requests.

    Args:
        tm: the task manager whose loop runs the callbacks.
        finished: set once the connection is over.
        shut_down: called on the loop thread with ``deliver_pending`` when
            a callback asks to end.
    """

    def __init__(self, tm: TaskManager, finished: Latch,
                 shut_down: Callable[[bool], None]) -> None:
        self._tm = tm
        self._finished = finished
        self._shut_down = shut_down
        self._lock = threading.Lock()
        self.request: SystemExit | KeyboardInterrupt | None = None  # written on the loop thread
        self.waiters = 0  # threads blocked in run_forever() & co
        self.by_interrupt = False  # decided when finished: no waiter, so interrupt main
        self._callback_tasks: set[asyncio.Task[Any]] = set()  # async callbacks' results
        self._user_tasks: set[asyncio.Task[Any]] = set()  # running user coroutines
        self._awaiting: set[asyncio.Task[Any]] = set()  # ... in run_forever_async()

    # -- running user code (loop thread) ---------------------------------------------

    def run_callback(self, callback: Callable[..., Any], event: Any, what: str) -> None:
        """Call a user callback; log its errors, keep going."""
        if self.request is not None:
            return  # the program is ending: sys.exit() in an earlier callback
        result = None
        with self.user_code(what):
            result = callback(event)
        if inspect.isawaitable(result):
            task = asyncio.ensure_future(self.guard(result, what))
            self._callback_tasks.add(task)
            task.add_done_callback(self._callback_tasks.discard)

    async def guard(self, awaitable: Awaitable[Any], what: str) -> Any:
        """Run a user coroutine (async callback, submit_task, submit_interval)."""
        task = current_task()
        if task is not None:
            self._user_tasks.add(task)
        try:
            with self.user_code(what):  # CancelledError passes through
                return await awaitable
            return None
        finally:
            self._user_tasks.discard(task)

    @contextlib.contextmanager
    def user_code(self, what: str) -> Iterator[None]:
        """An error is logged with its traceback and the connection keeps going."""
        try:
            yield
        except Exception:
            logger.exception("sidekick: error in %s (the connection keeps running)", what)
        except (SystemExit, KeyboardInterrupt) as request:
            self._requested(request, what)

    def _requested(self, request: SystemExit | KeyboardInterrupt, what: str) -> None:
        """A callback asked the program to end: shut down, then re-raise it.

        Other user tasks are cancelled first, as the end of the program
        would stop them, and later events are not dispatched.
        """
        if self.request is not None:
            return
        self.request = request
        logger.debug("sidekick: %s in %s; shutting down", describe_exit(request), what)
        current = current_task()
        for task in list(self._user_tasks):
            if task is not current and task not in self._awaiting:
                task.cancel()
        # Scheduled after the cancelled tasks' next step, so that what their
        # finally blocks send is still delivered.
        self._tm.call_soon_threadsafe(self._shut_down, isinstance(request, SystemExit))

    # -- threads waiting for the library -------------------------------------------------

    @contextlib.contextmanager
    def waiting(self, task: asyncio.Task[Any] | None = None) -> Iterator[None]:
        """Count a thread (or run_forever_async's task) that will get the request."""
        with self._lock:
            self.waiters += 1
            if task is not None:
                self._awaiting.add(task)  # gets the request; not cancelled
        try:
            yield
        finally:
            with self._lock:
                self.waiters -= 1
                self._awaiting.discard(task)

    def finish(self) -> bool:
        """Set ``finished``, deciding with it whether a waiter will re-raise the request.

        Returns whether none will (then call stop_main_thread()). A waiter
        woken after this sees the same decision.
        """
        with self._lock:
            self.by_interrupt = self.request is not None and self.waiters == 0 and not is_pyodide()
            self._finished.set()
        return self.by_interrupt

    def raise_request(self, deadline: Callable[[bool], float | None]) -> None:
        """In a thread that waited for the library: end as the callback asked."""
        request = self.request
        if request is None or self.by_interrupt:
            return
        if not is_pyodide() and not self._tm.is_loop_thread():
            # The shutdown was started by the callback; let it finish in order.
            self._finished.wait(deadline(isinstance(request, SystemExit)))
            if isinstance(self._tm, CPythonTaskManager):
                self._tm.join(CLOSE_BUDGET)
        # A fresh exception, raised here: the process exits with its code (and
        # at-exit handlers run) as if the script had called sys.exit() itself.
        if isinstance(request, KeyboardInterrupt):
            raise KeyboardInterrupt from None
        raise SystemExit(*request.args) from None

    def stop_main_thread(self) -> None:
        """An exit request that no thread waits for: stop the main thread like Ctrl+C.

        Python offers no way to raise SystemExit in another thread, and
        os._exit() would skip the script's finally blocks, at-exit handlers
        and file flushes (and kill a Jupyter kernel). KeyboardInterrupt is what
        Ctrl+C does: the script unwinds normally (or catches it), but the exit
        code is Ctrl+C's, not the one passed to sys.exit(), so we say so.
        """
        if isinstance(self.request, SystemExit):
            Hints.exit_not_awaited(describe_exit(self.request))
        interrupt_main()


def interrupt_main() -> None:
    """Raise KeyboardInterrupt in the main thread (a seam for the tests)."""
    _thread.interrupt_main()


def current_task() -> asyncio.Task[Any] | None:
    try:
        return asyncio.current_task()
    except RuntimeError:  # no running loop: a plain call (e.g. from JavaScript in Pyodide)
        return None


def describe_exit(request: SystemExit | KeyboardInterrupt) -> str:
    if isinstance(request, KeyboardInterrupt):
        return "KeyboardInterrupt"
    return f"sys.exit({request.code!r})" if request.args else "sys.exit()"
