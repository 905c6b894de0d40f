"""The one writer: encodes what the core emits and sends it in order.

Runs on the loop thread. Frames wait in ``wire`` (encoded text) until the
transport takes them, ``_WRITE_CHUNK`` per write. Back-pressure: once more
than ``BACKLOG_HIGH`` frames wait, ``room`` is cleared and user threads
block in ``wait_for_room`` until the writer is back under ``BACKLOG_LOW``.
Nothing is ever dropped.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections import deque
from typing import Callable

from .adapters.communication import CommunicationManager
from .messages import Message

__all__ = ["BACKLOG_HIGH", "BACKLOG_LOW", "CLOSE_BUDGET", "Writer"]

logger = logging.getLogger("sidekick")

_encode = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode

BACKLOG_HIGH = 100_000
BACKLOG_LOW = 50_000
# Seconds to finish a close once everything is sent.
CLOSE_BUDGET = 5.0
# Frames handed to the transport per write.
_WRITE_CHUNK = 512


class Writer:
    """Owns the transport once it is open: every frame out, then the close."""

    def __init__(self) -> None:
        self.room = threading.Event()  # set while the backlog is under the mark
        self.room.set()
        self._wire: deque[str] = deque()
        self._wake: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None
        self._closing = False

    @property
    def started(self) -> bool:
        return self._task is not None

    def start(self, comm: CommunicationManager, on_closed: Callable[[], None]) -> None:
        """Loop thread: write to ``comm`` until closed, then call ``on_closed()``."""
        self._wake = asyncio.Event()
        self._task = asyncio.ensure_future(self._run(comm, on_closed))

    def push(self, out: list[Message]) -> None:
        """Loop thread: encode and queue frames (after start)."""
        wire = self._wire
        for message in out:
            try:
                wire.append(_encode(message))
            except (TypeError, ValueError) as error:
                logger.error("sidekick: cannot encode %r: %s", message, error)
        if len(wire) > BACKLOG_HIGH:
            self.room.clear()
        if self._wake is not None:
            self._wake.set()

    def close(self) -> None:
        """Loop thread: close once every queued frame is written."""
        self.room.set()
        self._closing = True
        if self._wake is not None:
            self._wake.set()

    async def _run(self, comm: CommunicationManager, on_closed: Callable[[], None]) -> None:
        wake = self._wake
        assert wake is not None
        try:
            while True:
                wire = self._wire
                while wire:
                    batch = [wire.popleft() for _ in range(min(_WRITE_CHUNK, len(wire)))]
                    await comm.send_many(batch)
                    if len(wire) < BACKLOG_LOW and not self.room.is_set():
                        self.room.set()
                if self._closing:
                    break
                wake.clear()
                await wake.wait()
        except Exception as error:  # the reader reports the closed connection
            logger.debug("sidekick: write failed: %s", error)
        await close_quietly(comm)
        on_closed()


async def close_quietly(comm: CommunicationManager) -> None:
    try:
        await asyncio.wait_for(comm.close_async(), CLOSE_BUDGET)
    except Exception as error:
        logger.debug("sidekick: close failed: %s", error)
