"""Playground runtime: runs one user script at a time in a long-lived interpreter.

Loaded by the playground's Web Worker; the user's script never sees it.
"""

import asyncio
import importlib.machinery
import logging
import sys
import threading
import time
import traceback

from pyodide.code import eval_code_async
from pyodide.ffi import ConversionError, can_run_sync, run_sync

USER_DIR = "/home/pyodide/"
USER_FILE = USER_DIR + "main.py"


# Show each line as soon as it is printed (a busy loop may never let a block fill).
sys.stdout.reconfigure(line_buffering=True)
sys.stderr.reconfigure(line_buffering=True)

_blocking_sleep = time.sleep


def _wait(seconds):
    """Let the browser's event loop run for ``seconds`` (stack switching)."""
    coroutine = asyncio.sleep(seconds)
    try:
        run_sync(coroutine)
    except ConversionError:
        # A Stop whose interrupt lands while the coroutine is handed to
        # JavaScript surfaces as a ConversionError; it is the user's Ctrl+C.
        coroutine.close()
        raise KeyboardInterrupt from None


def _sleep(seconds):
    """time.sleep() that lets the browser's event loop run meanwhile.

    With stack switching (JSPI) the script waits here while sidekick's messages
    go out and UI events come in, as they would in CPython; elsewhere (e.g. in
    an event callback) it falls back to blocking the worker.
    """
    if can_run_sync():
        _wait(seconds)
    else:
        _blocking_sleep(seconds)


time.sleep = _sleep

_blocking_condition_wait = threading.Condition.wait


def _condition_wait(self, timeout=None):
    """threading.Condition.wait() for a browser, where everything runs on one thread.

    Programs written for the desktop often hand work from Sidekick callbacks
    (another thread there) to the main code through a queue.Queue or an Event.
    Here the callbacks run on this same thread, between the turns of the event
    loop, so a plain blocking wait would never end. With stack switching, wait
    in short sleeps that let the loop (and so the callbacks) run; Queue.get(),
    Event.wait() and the like all wait through this method.
    """
    if not can_run_sync():
        return _blocking_condition_wait(self, timeout)
    if not self._is_owned():
        raise RuntimeError("cannot wait on un-acquired lock")
    waiter = threading.Lock()
    waiter.acquire()
    self._waiters.append(waiter)
    saved = self._release_save()
    notified = False
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        while not (notified := waiter.acquire(False)):
            if deadline is not None and time.monotonic() >= deadline:
                break
            _wait(0.02)
        return notified
    finally:
        self._acquire_restore(saved)
        if not notified:
            try:
                self._waiters.remove(waiter)
            except ValueError:
                pass


threading.Condition.wait = _condition_wait


def _adapt_library(library):
    """Make the library's run_forever() fit the browser."""
    run_forever_async = getattr(library, "run_forever_async", None)
    if run_forever_async is None:
        return

    def run_forever():
        """Wait here until shutdown() or Stop, handling UI events meanwhile.

        Where the worker cannot wait (e.g. in an event callback) return at once:
        the playground keeps the hero connected after the script's last line.
        """
        if can_run_sync():
            run_sync(run_forever_async())
        else:
            library.activate_connection()

    library.run_forever = run_forever


class _LibraryAdapter:
    """Meta path hook: adapt `sidekick` right after each (fresh) import of it."""

    def find_spec(self, name, path=None, target=None):
        if name != "sidekick":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        loader = getattr(spec, "loader", None)
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        execute = loader.exec_module

        def exec_module(module):
            execute(module)
            _adapt_library(module)

        loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, _LibraryAdapter())


def _belongs_to_run(name, module):
    if name == "sidekick" or name.startswith("sidekick."):
        return True
    path = getattr(module, "__file__", None) or ""
    return path.startswith(USER_DIR)


def _cancel_tasks():
    current = asyncio.current_task() if _loop_running() else None
    for task in asyncio.all_tasks(asyncio.get_event_loop()):
        if task is not current and not task.done():
            task.cancel()


def _loop_running():
    try:
        asyncio.get_running_loop()
        return True
    except RuntimeError:
        return False


def stop():
    """Shut the library down and cancel everything the run scheduled."""
    library = sys.modules.get("sidekick")
    shutdown = getattr(library, "shutdown", None)
    if callable(shutdown):
        try:
            shutdown()
        except BaseException as exc:  # noqa: BLE001 - a broken run must not block the next one
            print(f"sidekick.shutdown() failed: {exc!r}", file=sys.stderr)
    _cancel_tasks()


def reset():
    """Forget the previous run: its tasks, its modules (a fresh `sidekick` each run)."""
    _cancel_tasks()
    for name, module in list(sys.modules.items()):
        if _belongs_to_run(name, module):
            del sys.modules[name]
    for name in list(logging.root.manager.loggerDict):
        if name == "sidekick" or name.startswith("sidekick."):
            logger = logging.getLogger(name)
            for handler in list(logger.handlers):
                logger.removeHandler(handler)


def _print_user_traceback(exc):
    # Hide the playground's own frames: start at the first frame of the user's file.
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != USER_FILE:
        tb = tb.tb_next
    traceback.print_exception(type(exc), exc, tb, file=sys.stderr)


async def run(code):
    """Run the user's script as __main__; return 'ok', 'error' or 'stopped'."""
    with open(USER_FILE, "w") as file:  # so tracebacks can show source lines
        file.write(code)
    namespace = {"__name__": "__main__", "__file__": USER_FILE}
    try:
        await eval_code_async(code, namespace, filename=USER_FILE, return_mode="none")
    except (KeyboardInterrupt, asyncio.CancelledError):
        return "stopped"
    except SystemExit as exc:
        if exc.code in (None, 0):
            return "ok"
        print(f"SystemExit: {exc.code}", file=sys.stderr)
        return "error"
    except BaseException as exc:  # noqa: BLE001 - report every failure of the user's code
        _print_user_traceback(exc)
        return "error"
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return "ok"


async def settle():
    """Let work the script scheduled just before its end start (e.g. the library
    connecting); return whether the script used the sidekick library at all."""
    if "sidekick" not in sys.modules:
        return False
    for _ in range(20):
        await asyncio.sleep(0)
    return True
