"""Reconnecting after the relay connection drops: jittered backoff within a window.

A relay restart, a cloud redeploy or a network change drops the WebSocket.
The program keeps running; this retries the same URL (the same session, so
the open tab finds the program again) until it works or the window
(``SIDEKICK_RECONNECT_TIMEOUT``, config.py) ends. Attempts are spread with
jitter so a classroom of programs does not knock on a restarted relay all at
once. Runs on the loop thread; the connection core decides when to start
(status RECONNECTING) and what a new transport means (announce again).
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable
from typing import Callable

from .server_connector import ConnectionResult

__all__ = ["FIRST_DELAY", "MAX_DELAY", "Reconnector", "backoff_delay"]

logger = logging.getLogger("sidekick")

# Seconds before the first retry, and the longest pause between two: short
# enough that a tab shows the program again within seconds of a restart.
FIRST_DELAY = 0.25
MAX_DELAY = 2.0


def backoff_delay(attempt: int, rand: Callable[[], float] = random.random) -> float:
    """Seconds before retry ``attempt`` (0-based): doubling, capped, jittered to 50-100 %."""
    base: float = min(MAX_DELAY, FIRST_DELAY * 2.0 ** min(attempt, 16))
    return base * (0.5 + 0.5 * rand())


class Reconnector:
    """Retries ``open_transport()`` until it works (``on_open``) or time is up (``on_give_up``)."""

    def __init__(self, open_transport: Callable[[], Awaitable[ConnectionResult]],
                 on_open: Callable[[ConnectionResult], None],
                 on_give_up: Callable[[], None]) -> None:
        self._open = open_transport
        self._on_open = on_open
        self._on_give_up = on_give_up
        self._task: asyncio.Task[None] | None = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def begin(self, window: float) -> None:
        """Loop thread: start retrying for ``window`` seconds (once at a time)."""
        if not self.running:
            self._task = asyncio.ensure_future(self._run(window))

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    async def _run(self, window: float) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + window
        attempt = 0
        while True:
            remaining = deadline - loop.time()
            if remaining <= 0:
                self._task = None
                self._on_give_up()
                return
            await asyncio.sleep(min(backoff_delay(attempt), remaining))
            attempt += 1
            try:
                result = await self._open()
            except Exception as error:  # refused, timed out, handshake failed: try again
                logger.debug("sidekick: reconnect attempt %d failed: %s", attempt, error)
                continue
            self._task = None
            self._on_open(result)
            return
