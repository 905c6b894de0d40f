"""A one-shot fact ("settled", "finished") that threads and coroutines can wait for."""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading

__all__ = ["Latch"]


class Latch:
    """Set once, from any thread; waited for by threads (with a deadline) or awaited."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._future: concurrent.futures.Future[None] = concurrent.futures.Future()
        self._lock = threading.Lock()

    def set(self) -> None:
        with self._lock:
            if self._event.is_set():
                return
            self._event.set()
            self._future.set_result(None)

    def is_set(self) -> bool:
        return self._event.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._event.wait(timeout)

    async def wait_async(self) -> None:
        await asyncio.wrap_future(self._future)
