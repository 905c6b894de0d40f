"""The one writer: encodes what the core emits and sends it in order.

Runs on the loop thread. Frames wait in ``wire`` (encoded text) until the
transport takes them, ``_WRITE_CHUNK`` per write. Back-pressure: once more
than ``BACKLOG_HIGH`` frames wait, ``room`` is cleared and user threads
block in ``wait_for_room`` until the writer is back under ``BACKLOG_LOW``.

A ``global/clearAll`` makes every UI drop every component, so the commands
still waiting before it would only be drawn and then wiped: they are
superseded, not sent (announces stay). So a UI that comes back after
falling behind gets its replay (clearAll, then the live state) at once,
not after the stale backlog, which could make it fall behind again.
Nothing else is ever dropped.
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
# How an encoded system message (an announce, never superseded) begins.
_SYSTEM_PREFIX = '{"id":0,"component":"system",'


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
            if message.get("type") == "clearAll" and message.get("component") == "global":
                _supersede(wire)
            try:
                wire.append(_encode(message))
            except (TypeError, ValueError) as error:
                logger.error("sidekick: cannot encode %r: %s", message, error)
        if len(wire) > BACKLOG_HIGH:
            self.room.clear()
        elif len(wire) < BACKLOG_LOW:
            self.room.set()
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


def _supersede(wire: deque[str]) -> None:
    """Drop the unsent commands a clearAll about to be queued would wipe."""
    if wire:
        kept = [frame for frame in wire if frame.startswith(_SYSTEM_PREFIX)]
        wire.clear()  # in place: the running writer holds this deque
        wire.extend(kept)


async def close_quietly(comm: CommunicationManager) -> None:
    try:
        await asyncio.wait_for(comm.close_async(), CLOSE_BUDGET)
    except Exception as error:
        logger.debug("sidekick: close failed: %s", error)
