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
                                                                      ▼
    CLOSED ◀─shutdown()── ACTIVE ◀── global/clearAll + queued messages
    FAILED ◀─ connect failure, UI timeout, transport lost (from any open state)

Before ACTIVE every message is queued, with no cap. Once ACTIVE, a further
sidekick "online" announce (a reloaded or second UI) triggers a replay of
the current state, which the host supplies (the live components, registry.py).
"""

from __future__ import annotations

import enum
import logging
from typing import Any, Callable

from . import inbound, messages
from .errors import SidekickDisconnectedError, SidekickError, SidekickTimeoutError
from .messages import Message

__all__ = ["ConnectionCore", "Status"]

_log = logging.getLogger("sidekick")


class Status(enum.Enum):
    IDLE = "idle"
    CONNECTING = "connecting"
    WAITING_FOR_UI = "waiting for UI"
    ACTIVE = "active"
    CLOSED = "closed"
    FAILED = "failed"


_OPEN = (Status.IDLE, Status.CONNECTING, Status.WAITING_FOR_UI, Status.ACTIVE)


class ConnectionCore:
    """One hero's view of its session.

    Args:
        peer_id: this hero's peer id for announces.
        version: the library version for announces.
        snapshot: the current state as messages (``global/clearAll``, then
            every live component): what a UI arriving later is sent.
    """

    def __init__(self, peer_id: str, version: str,
                 snapshot: Callable[[], list[Message]]) -> None:
        self.peer_id = peer_id
        self.version = version
        self.url: str | None = None
        self.ui_url: str | None = None
        self.failure: SidekickError | None = None
        self.replays = 0
        self._status = Status.IDLE
        self._pending: list[Message] = []
        self._out: list[Message] = []
        self._events: list[Message] = []
        self._ui_peers: set[str] = set()
        self._shutdown_requested = False
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
    def pending_count(self) -> int:
        """Messages queued until a UI is ready."""
        return len(self._pending)

    @property
    def ui_count(self) -> int:
        """UI peers currently announced online."""
        return len(self._ui_peers)

    @property
    def settled(self) -> bool:
        """True once the connection is usable or over (waiters can wake)."""
        return self._status in (Status.ACTIVE, Status.CLOSED, Status.FAILED)

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
        """The transport is up: announce ourselves and wait for a UI."""
        if self._status is not Status.CONNECTING:
            return
        self.url = url
        self.ui_url = ui_url
        self._out.append(messages.announce(self.peer_id, messages.ONLINE, self.version))
        self._set_status(Status.WAITING_FOR_UI)
        if self._ui_peers:  # a UI announced itself while we were connecting
            self._activate()

    def send(self, message: Message) -> None:
        """The user sent a message: deliver now, or queue until ACTIVE."""
        if not self.is_open:
            return
        if self._status is Status.ACTIVE:
            self._out.append(message)
        else:
            self._pending.append(message)

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
        """No UI announced itself within ``timeout`` seconds."""
        if self._status is Status.WAITING_FOR_UI:
            self._out.append(messages.announce(self.peer_id, messages.OFFLINE, self.version))
            self._fail(SidekickTimeoutError(timeout, self.ui_url, len(self._pending)))

    def connect_failed(self, error: SidekickError) -> None:
        if self.is_open:
            self._fail(error)

    def host_failed(self, error: SidekickError) -> None:
        """The host can no longer run the connection (its event loop died)."""
        if self.failure is None:
            self._fail(error)

    def transport_closed(self, code: int | None = None, reason: str = "") -> None:
        """The transport went away; unexpected unless we were closing."""
        if self._status in (Status.CLOSED, Status.FAILED):
            return
        if self._shutdown_requested and self._status is Status.ACTIVE:
            self._set_status(Status.CLOSED)
            return
        self._fail(SidekickDisconnectedError(self.url, code, reason))

    def shutdown(self, *, deliver_pending: bool = True) -> None:
        """Stop: announce offline (after pending messages reach a UI).

        With ``deliver_pending`` and no UI yet, the core stays WAITING_FOR_UI
        and closes as soon as a UI has received the queue; the facade bounds
        that wait with the UI timeout.
        """
        self._shutdown_requested = True
        waiting = self._status is Status.WAITING_FOR_UI
        if self._status is Status.ACTIVE or (waiting and not (deliver_pending and self._pending)):
            self._close()
        elif self._status is Status.CONNECTING and deliver_pending and self._pending:
            pass  # deliver once connected and a UI is there (or fail trying)
        elif self._status in (Status.IDLE, Status.CONNECTING):
            self._set_status(Status.CLOSED)

    # -- outputs -------------------------------------------------------------

    def data_to_send(self) -> list[Message]:
        out, self._out = self._out, []
        return out

    def events_received(self) -> list[Message]:
        events, self._events = self._events, []
        return events

    # -- internals -----------------------------------------------------------

    def _on_announce(self, payload: dict[str, Any]) -> None:
        # A validated announce (inbound.py): every field is there, of its type.
        if payload["role"] != messages.ROLE_SIDEKICK:
            return
        peer: str = payload["peerId"]
        if payload["status"] == messages.OFFLINE:
            self._ui_peers.discard(peer)
            return
        known = peer in self._ui_peers
        self._ui_peers.add(peer)
        if self._status is Status.WAITING_FOR_UI:
            self._activate()
        elif self._status is Status.ACTIVE and not known:
            # A reloaded or additional UI: rebuild the state for everyone
            # (the relay fans out to all UIs; clearAll first means the
            # others rebuild the same state rather than duplicate it).
            self.replays += 1
            self._out.extend(self._snapshot())

    def _activate(self) -> None:
        # protocol.md step 3: clearAll, then everything queued so far.
        self._out.append(messages.clear_all())
        self._out.extend(self._pending)
        self._pending = []
        self._set_status(Status.ACTIVE)
        if self._shutdown_requested:
            self._close()

    def _close(self) -> None:
        self._out.append(messages.announce(self.peer_id, messages.OFFLINE, self.version))
        self._set_status(Status.CLOSED)

    def _fail(self, error: SidekickError) -> None:
        self.failure = error
        self._set_status(Status.FAILED)
