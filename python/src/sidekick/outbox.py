"""The outbox: frames from the program's threads to the loop thread, bounded in bytes.

``ConnectionService.send`` (any thread) encodes each message once and puts
its frame here; the link takes everything on the loop thread and hands it
to the core (link.py); the writer sends the frames as they are (writer.py).
The outbox only fills while a UI has the state (else nothing is queued:
state-based sync, connection_core.py), and it only grows while the loop is
kept from draining it (a busy loop thread, a program thread that outruns
it). So it has a bound of its own, in bytes (the length of the encoded
text): above ``OUTBOX_HIGH`` a program thread waits for ``room``
until the loop has taken what waits, as it waits for the writer's
back-pressure. The first time that happens it is reported once.

The loop thread never waits here: it is the one that drains the outbox
(its own sends, from callbacks and tasks, are taken once they return).
"""

from __future__ import annotations

import logging
import threading
from collections import deque

__all__ = ["OUTBOX_HIGH", "Outbox"]

logger = logging.getLogger("sidekick")

# Bytes of encoded frames the loop has not taken yet, above which senders wait.
OUTBOX_HIGH = 4 * 1024 * 1024


class Outbox:
    """Frames waiting for the loop thread; ``room`` is clear while over the bound."""

    def __init__(self) -> None:
        self.room = threading.Event()
        self.room.set()
        self._frames: deque[str] = deque()
        self._bytes = 0
        self._lock = threading.Lock()
        self._reported = False
        self._released = False  # the loop is gone: never wait again

    @property
    def waiting_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._frames)

    def put(self, frame: str) -> None:
        """Any thread: queue one frame (a program thread first waits for ``room``)."""
        with self._lock:
            self._frames.append(frame)
            self._bytes += len(frame)
            if self._bytes > OUTBOX_HIGH and self.room.is_set() and not self._released:
                self.room.clear()
                self._report()

    def take(self) -> deque[str]:
        """Loop thread: everything queued, in order; senders may go on."""
        with self._lock:
            frames, self._frames = self._frames, deque()
            self._bytes = 0
            self.room.set()
        return frames

    def release(self) -> None:
        """The loop is gone: nobody waits for a drain that will not come."""
        with self._lock:
            self._released = True
            self.room.set()

    def _report(self) -> None:
        if not self._reported:
            self._reported = True
            logger.warning(
                "sidekick: the program sends faster than Sidekick's event loop takes its "
                "messages; it now waits whenever %d MiB are waiting (reported once).",
                OUTBOX_HIGH // (1024 * 1024))
