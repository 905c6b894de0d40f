"""The one writer: encodes what the core emits (unless sent encoded) and sends it in order.

Runs on the loop thread. Frames wait in ``wire`` (encoded text) until the
transport takes them, ``_WRITE_CHUNK`` per write (``_write_group``: the one
step that hands a group of frames to the transport). Back-pressure counts
bytes (the length of the encoded text): once more than ``BACKLOG_HIGH``
wait, ``room`` is cleared and user threads wait for it until the writer is
back under ``BACKLOG_LOW``. The first time that happens it is reported once.
The wire only fills while a UI has the state (the core sends nothing
otherwise), so this bound is for a UI slower than the program.

A ``global/clearAll`` makes every UI drop every component, so the commands
still waiting before it would only be drawn and then wiped: they are
superseded, not sent (announces stay). So a UI that comes back after
falling behind gets its replay (clearAll, then the live state) at once,
not after the stale backlog, which could make it fall behind again.

One writer serves every transport of a connection, one at a time: when a
transport is lost (``detach``), what waited for it is dropped (the next
transport starts with an announce and the UI's next snapshot).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import deque
from typing import Callable

from .adapters.communication import CommunicationManager
from .batching import pack
from .messages import CLEAR_ALL_FRAME, SYSTEM_FRAME_PREFIX, Outgoing, encode

__all__ = ["BACKLOG_HIGH", "BACKLOG_LOW", "CLOSE_BUDGET", "Writer"]

logger = logging.getLogger("sidekick")

# Bytes of encoded frames waiting for the socket (see back-pressure above).
BACKLOG_HIGH = 16 * 1024 * 1024
BACKLOG_LOW = 8 * 1024 * 1024
# Seconds to finish a close once everything is sent.
CLOSE_BUDGET = 5.0
# Frames handed to the transport per write.
_WRITE_CHUNK = 512


class Writer:
    """Owns the open transport: every frame out, then the close."""

    def __init__(self) -> None:
        self.room = threading.Event()  # set while the backlog is under the mark
        self.room.set()
        self._wire: deque[str] = deque()
        self._bytes = 0  # encoded length of what waits in _wire
        self._wake: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None
        self._comm: CommunicationManager | None = None
        self._closing = False
        self._reported = False
        # Set by the link: every UI online accepts batch frames (batching.py).
        self.batching = False

    @property
    def started(self) -> bool:
        """A transport is attached."""
        return self._comm is not None

    @property
    def backlog_bytes(self) -> int:
        return self._bytes

    def start(self, comm: CommunicationManager, on_closed: Callable[[], None],
              on_failed: Callable[[BaseException], None]) -> None:
        """Loop thread: write to ``comm`` until closed, then call ``on_closed()``.

        A write that fails calls ``on_failed(error)`` instead (the transport
        is lost; its owner decides what comes next).
        """
        self._comm = comm
        self._wake = asyncio.Event()
        self._task = asyncio.ensure_future(self._run(comm, on_closed, on_failed))

    def detach(self) -> CommunicationManager | None:
        """Loop thread: the transport is lost: stop writing, drop what waited for it."""
        comm, self._comm = self._comm, None
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._wire.clear()
        self._bytes = 0
        self.room.set()
        return comm

    def push(self, out: list[Outgoing]) -> None:
        """Loop thread: encode (unless encoded already) and queue frames (after start)."""
        wire = self._wire
        for message in out:
            if isinstance(message, str):  # encoded by the sending thread (outbox.py)
                frame = message
            else:
                try:
                    frame = encode(message)
                except (TypeError, ValueError) as error:
                    logger.error("sidekick: cannot encode %r: %s", message, error)
                    continue
            if frame == CLEAR_ALL_FRAME:  # the core's or the user's: one encoding, one frame
                self._supersede()
            wire.append(frame)
            self._bytes += len(frame)
        if self._bytes > BACKLOG_HIGH:
            self._hold()
        elif self._bytes < BACKLOG_LOW:
            self.room.set()
        if self._wake is not None:
            self._wake.set()

    def close(self) -> None:
        """Loop thread: close once every queued frame is written."""
        self.room.set()
        self._closing = True
        if self._wake is not None:
            self._wake.set()

    def _hold(self) -> None:
        if not self._reported:
            self._reported = True
            logger.warning(
                "sidekick: the UI reads slower than this program sends; the program now "
                "waits whenever %d MiB are waiting to be sent (reported once).",
                BACKLOG_HIGH // (1024 * 1024))
        self.room.clear()

    async def _run(self, comm: CommunicationManager, on_closed: Callable[[], None],
                   on_failed: Callable[[BaseException], None]) -> None:
        wake = self._wake
        assert wake is not None
        try:
            while True:
                while self._wire and self._comm is comm:
                    await self._write_group(comm)
                if self._closing:
                    break
                wake.clear()
                await wake.wait()
        except asyncio.CancelledError:
            return  # detached: the transport was lost
        except Exception as error:
            logger.debug("sidekick: write failed: %s", error)
            if not self._closing:  # lost mid-run: its owner reconnects or fails
                if self._comm is comm:
                    on_failed(error)
                return
        await close_quietly(comm)
        on_closed()

    async def _write_group(self, comm: CommunicationManager) -> None:
        """Take one group of frames off the wire and write it."""
        wire = self._wire
        group = [wire.popleft() for _ in range(min(_WRITE_CHUNK, len(wire)))]
        self._bytes -= sum(map(len, group))
        await comm.send_many(pack(group) if self.batching else group)
        if self._bytes < BACKLOG_LOW and not self.room.is_set():
            self.room.set()

    def _supersede(self) -> None:
        """Drop the unsent commands a clearAll about to be queued would wipe."""
        wire = self._wire
        if wire:
            kept = [frame for frame in wire if frame.startswith(SYSTEM_FRAME_PREFIX)]
            wire.clear()  # in place: the running writer holds this deque
            wire.extend(kept)
            self._bytes = sum(map(len, kept))


async def close_quietly(comm: CommunicationManager) -> None:
    try:
        await asyncio.wait_for(comm.close_async(), CLOSE_BUDGET)
    except Exception as error:
        logger.debug("sidekick: close failed: %s", error)
