"""Interpreter exit: deliver everything the script sent, then close.

A script that ends without run_forever() still shows its output: the
at-exit handler waits (bounded by the UI timeout) for a UI to receive the
queue. Ctrl+C during that wait quits at once.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .adapters.utils import is_pyodide
from .hints import Hints

if TYPE_CHECKING:
    from .connection import ConnectionService

__all__ = ["deliver_at_exit"]

# Seconds the ended script waits quietly before saying what it waits for.
_QUIET = 0.5


def deliver_at_exit(service: ConnectionService) -> None:
    if service.finished:
        return
    # The script has ended: an exit request only stops us.
    with service.exits.waiting(), _ctrl_c_stops_the_wait(service):
        try:
            if not service.settled.wait(_QUIET):
                Hints.script_ended(service.ui_url)
            service.shutdown(wait=True)
        except KeyboardInterrupt:  # quit now: announce offline and close, no more waiting
            service.abort(wait=True)
    if service.failure is not None:
        Hints.failed(service.failure)


@contextlib.contextmanager
def _ctrl_c_stops_the_wait(service: ConnectionService) -> Iterator[None]:
    """While the ended script waits for a UI, Ctrl+C closes at once, raising nothing.

    A KeyboardInterrupt raised inside threading's waits can land while they
    hold their lock; the next wait on it then hangs for good. So, when
    Python's own Ctrl+C handler is in place, a handler that only asks the
    loop to close stands in for it, and the wait ends because the connection
    finished.
    """
    if (
        is_pyodide()
        or threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield
        return

    def quit_now(signum: int, frame: object) -> None:
        service.abort_from_signal()

    signal.signal(signal.SIGINT, quit_now)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
