"""The connection's state machine, with no I/O (the sans-I/O core).

It is fed plain inputs — the transport opened or closed, a message (dict)
arrived, the user sent a message, the UI wait timed out, shutdown — and
answers through two drained lists: ``data_to_send()`` (messages for the
transport, in order) and ``events_received()`` (UI messages for components).
Nothing here imports asyncio, threading or websockets, so every rule of the
lifecycle is tested by feeding dicts (tests/test_connection_core.py).

Lifecycle (protocol.md, system/announce)::

    IDLE ─connecting()─▶ CONNECTING ─transport_opened()─▶ WAITING_FOR_UI
         (hero "online" announce sent)     sidekick "online" announce │
                                              (the snapshot is sent)  ▼
    CLOSED ◀─shutdown()──────────────────────────────────────────── ACTIVE
    WAITING_FOR_UI, ACTIVE ─transport lost─▶ RECONNECTING ─transport_opened()─▶
        back where it was (announce again; the next UI announce gets the snapshot)
    FAILED ◀─ connect failure, UI timeout, reconnect_gave_up(), or a lost
              transport when reconnecting is off (``reconnect=False``)

State-based sync: while no UI has the current state (before the first
UI, between reconnects, after the last UI left) nothing is queued. The
host keeps the state (the live components, registry.py) and a message sent
then is only counted; a UI that announces itself gets the snapshot
(``global/clearAll``, then every live component), then the live stream.
So memory is bounded by what is shown, not by how long no UI was there.
"""

from __future__ import annotations

import enum
import logging
from typing import Any, Callable

from . import inbound, messages
from .errors import SidekickDisconnectedError, SidekickError, SidekickTimeoutError
from .messages import Message, Outgoing

__all__ = ["ConnectionCore", "Status"]

_log = logging.getLogger("sidekick")


class Status(enum.Enum):
    IDLE = "idle"
    CONNECTING = "connecting"
    WAITING_FOR_UI = "waiting for UI"
    ACTIVE = "active"
    RECONNECTING = "reconnecting"
    CLOSED = "closed"
    FAILED = "failed"


_OPEN = (Status.IDLE, Status.CONNECTING, Status.WAITING_FOR_UI, Status.ACTIVE,
         Status.RECONNECTING)
# The statuses with a transport up.
_UP = (Status.WAITING_FOR_UI, Status.ACTIVE)


class ConnectionCore:
    """One hero's view of its session.

    Args:
        peer_id: this hero's peer id for announces.
        version: the library version for announces.
        snapshot: the current state as messages (``global/clearAll``, then
            every live component): what a UI arriving is sent.
        reconnect: a lost transport means RECONNECTING (the host retries),
            not FAILED (the original library's fail-fast behaviour).
    """

    def __init__(self, peer_id: str, version: str,
                 snapshot: Callable[[], list[Message]], *, reconnect: bool = True) -> None:
        self.peer_id = peer_id
        self.version = version
        self.url: str | None = None
        self.ui_url: str | None = None
        self.failure: SidekickError | None = None
        # Why the transport was last lost (kept while RECONNECTING).
        self.lost: SidekickDisconnectedError | None = None
        self.replays = 0
        self.reconnect = reconnect
        self._status = Status.IDLE
        self._was_ready = False  # a UI has been ACTIVE with us once (settled)
        self._live = False  # a UI has the current state: messages go out
        self._unseen = 0  # messages sent while no UI had the state
        self._resyncing = False  # the transport was lost since a UI last got the state
        self._out: list[Outgoing] = []
        self._events: list[Message] = []
        self._ui_peers: set[str] = set()
        self._batch_peers: set[str] = set()  # UIs that announced acceptsBatch
        self._shutdown_requested = False
        self._deliver_pending = True
        self._snapshot = snapshot

    # -- state ---------------------------------------------------------------

    @property
    def status(self) -> Status:
        return self._status

    def _set_status(self, status: Status) -> None:
        """The one place a transition happens, and is logged."""
        if status is not self._status:
            _log.debug("connection: %s -> %s", self._status.value, status.value)
            self._status = status

    @property
    def live(self) -> bool:
        """A UI has the current state: what is sent now goes out."""
        return self._live

    @property
    def unseen_count(self) -> int:
        """Messages sent since no UI has had the state (kept as state, not queued)."""
        return self._unseen

    @property
    def ui_count(self) -> int:
        """UI peers currently announced online."""
        return len(self._ui_peers)

    @property
    def batching(self) -> bool:
        """True while every UI online has said it accepts batch frames."""
        return bool(self._ui_peers) and self._ui_peers <= self._batch_peers

    @property
    def settled(self) -> bool:
        """True once the connection is usable or over (waiters can wake)."""
        return self._was_ready or self._status in (Status.CLOSED, Status.FAILED)

    @property
    def is_open(self) -> bool:
        return self._status in _OPEN

    # -- inputs --------------------------------------------------------------

    def connecting(self, url: str | None = None) -> None:
        """Activation started: a transport is being opened."""
        if self._status is Status.IDLE:
            self.url = url
            self._set_status(Status.CONNECTING)

    def transport_opened(self, url: str | None, ui_url: str | None) -> None:
        """The transport is up (first time or again): announce ourselves, wait for a UI."""
        if self._status not in (Status.CONNECTING, Status.RECONNECTING):
            return
        self.url = url
        self.ui_url = ui_url
        self.lost = None
        self._out.append(messages.announce(self.peer_id, messages.ONLINE, self.version))
        self._set_status(Status.ACTIVE if self._was_ready else Status.WAITING_FOR_UI)
        if self._ui_peers:  # a UI announced itself while we were connecting
            self._sync()

    def send(self, message: Outgoing) -> None:
        """The user sent a message (or its frame): out if a UI has the state, else only counted."""
        if self._live:
            self._out.append(message)
        elif self.is_open:
            self._unseen += 1

    def kept(self, count: int) -> None:
        """The host kept ``count`` changes as state and sent no message (no UI)."""
        if self.is_open and count:
            self._unseen += count

    def receive(self, received: object) -> None:
        """A message arrived from the transport (any decoded JSON value).

        Malformed messages are logged as a warning and dropped here, before
        anything reads them (inbound.py); they change nothing.
        """
        try:
            message = inbound.validated(received)
        except inbound.MalformedMessage as problem:
            _log.warning("sidekick: ignored a malformed message from the UI (%s): %s",
                         problem, inbound.summary(received))
            return
        kind = message["type"]
        if kind == "announce":
            self._on_announce(message["payload"])
        elif kind in ("event", "error"):
            self._events.append(message)
        else:
            _log.debug("sidekick: ignored %s/%s: a command for UIs, not for a hero",
                       message["component"], kind)

    def ui_wait_timed_out(self, timeout: float) -> None:
        """No UI announced itself within ``timeout`` seconds of the first connection."""
        if self._was_ready or self._status not in (Status.WAITING_FOR_UI, Status.RECONNECTING):
            return
        if self._status is Status.WAITING_FOR_UI:
            self._out.append(messages.announce(self.peer_id, messages.OFFLINE, self.version))
        self._fail(SidekickTimeoutError(timeout, self.ui_url, self._unseen))

    def connect_failed(self, error: SidekickError) -> None:
        if self.is_open:
            self._fail(error)

    def host_failed(self, error: SidekickError) -> None:
        """The host can no longer run the connection (its event loop died)."""
        if self.failure is None:
            self._fail(error)

    def transport_closed(self, code: int | None = None, reason: str = "") -> None:
        """The transport went away; unexpected unless we were closing."""
        if self._status not in _UP:
            return  # already over, or a stale report while reconnecting
        lost = SidekickDisconnectedError(self.url, code, reason)
        self._ui_peers.clear()
        self._batch_peers.clear()
        self._live = False
        self._resyncing = True
        if not self.reconnect or (self._shutdown_requested and not self._must_deliver()):
            self._fail(lost)
            return
        self.lost = lost
        self._set_status(Status.RECONNECTING)

    def reconnect_gave_up(self) -> None:
        """The host's reconnect window ended without a transport."""
        if self._status is Status.RECONNECTING:
            lost = self.lost or SidekickDisconnectedError(self.url)
            self._fail(lost)

    def shutdown(self, *, deliver_pending: bool = True) -> None:
        """Stop: announce offline (after the state reaches a UI, if none has it).

        With ``deliver_pending``, when the program sent something no UI has
        seen, and no UI ever had its state or the transport was lost since,
        the core waits for a UI and closes once it was sent the snapshot; the
        facade bounds that wait (UI timeout, reconnect window). A UI that left
        on purpose is not waited for.
        """
        self._shutdown_requested = True
        self._deliver_pending = deliver_pending
        status = self._status
        if status in _UP:
            if self._live or not self._must_deliver():
                self._close()
        elif status is Status.RECONNECTING:
            if not self._must_deliver():
                self._set_status(Status.CLOSED)
        elif status is Status.CONNECTING and self._must_deliver():
            pass  # deliver once connected and a UI is there (or fail trying)
        elif status in (Status.IDLE, Status.CONNECTING):
            self._set_status(Status.CLOSED)

    # -- outputs -------------------------------------------------------------

    def data_to_send(self) -> list[Outgoing]:
        out, self._out = self._out, []
        return out

    def events_received(self) -> list[Message]:
        events, self._events = self._events, []
        return events

    # -- internals -----------------------------------------------------------

    def _must_deliver(self) -> bool:
        """Shutting down must first show a UI what no UI has seen yet."""
        waiting = not self._was_ready or self._resyncing
        return self._deliver_pending and waiting and self._unseen > 0

    def _on_announce(self, payload: dict[str, Any]) -> None:
        # A validated announce (inbound.py): every field is there, of its type.
        if payload["role"] != messages.ROLE_SIDEKICK:
            return
        peer: str = payload["peerId"]
        self._note_batching(peer, payload)
        if payload["status"] == messages.OFFLINE:
            self._ui_peers.discard(peer)
            if not self._ui_peers:
                self._live = False  # keep the state, send nothing until a UI is back
            return
        known = peer in self._ui_peers
        self._ui_peers.add(peer)
        if self._status in _UP and not known:
            self._sync()

    def _note_batching(self, peer: str, payload: dict[str, Any]) -> None:
        # protocol.md system/batch: only an online `acceptsBatch: true` counts.
        if payload["status"] != messages.OFFLINE and payload.get("acceptsBatch") is True:
            self._batch_peers.add(peer)
        else:
            self._batch_peers.discard(peer)

    def _sync(self) -> None:
        """Send the snapshot: a new (or returning) UI, or the first one.

        For a second UI the snapshot goes to every UI (the relay fans out);
        clearAll first means the others rebuild the same state rather than
        duplicate it.
        """
        if self._was_ready:
            self.replays += 1
        self._out.extend(self._snapshot())
        self._live = True
        self._unseen = 0
        self._resyncing = False
        self._was_ready = True
        self._set_status(Status.ACTIVE)
        if self._shutdown_requested:
            self._close()

    def _close(self) -> None:
        self._out.append(messages.announce(self.peer_id, messages.OFFLINE, self.version))
        self._live = False
        self._set_status(Status.CLOSED)

    def _fail(self, error: SidekickError) -> None:
        self.failure = error
        self._live = False
        self._set_status(Status.FAILED)
