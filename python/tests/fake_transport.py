"""A CommunicationManager double for facade tests: records frames, injects UI
messages, and can hold writes back to simulate a slow socket."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from typing import Any

from sidekick import messages
from sidekick.adapters.communication import (
    CommunicationManager,
    ErrorHandler,
    MessageHandler,
    StatusHandler,
    TransportStatus,
)
from sidekick.server_connector import ConnectionResult, ServerConnector


class FakeTransport(CommunicationManager):
    def __init__(self) -> None:
        self.url = "ws://fake"
        self.frames: list[dict[str, Any]] = []
        self.closed = False
        self.gate: asyncio.Event | None = None  # when set up and clear, writes wait
        self.fail_writes = False  # writes raise, as on a socket that just died
        self._cond = threading.Condition()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._on_message: MessageHandler | None = None
        self._on_status: StatusHandler | None = None
        self.connected = threading.Event()

    async def connect_async(self, message_handler: MessageHandler,
                            status_handler: StatusHandler, error_handler: ErrorHandler) -> None:
        self._loop = asyncio.get_running_loop()
        self._on_message = message_handler
        self._on_status = status_handler
        status_handler(TransportStatus.CONNECTED, None, "")
        self.connected.set()

    async def send_many(self, texts: list[str]) -> None:
        if self.gate is not None:
            await self.gate.wait()
        if self.fail_writes:
            raise ConnectionResetError("the socket died (fake)")
        with self._cond:
            self.frames.extend(json.loads(t) for t in texts)
            self._cond.notify_all()

    async def close_async(self) -> None:
        if not self.closed:
            self.closed = True
            assert self._on_status is not None
            self._on_status(TransportStatus.DISCONNECTED, 1000, "")

    # -- test helpers (any thread) ------------------------------------------------

    def inject(self, message: dict[str, Any]) -> None:
        """A message from the UI, delivered on the loop thread."""
        self.inject_text(json.dumps(message))

    def inject_text(self, text: str) -> None:
        """One raw text frame from the UI (need not be JSON), on the loop thread."""
        assert self.connected.wait(20), "the service never connected"
        assert self._loop is not None and self._on_message is not None
        self._loop.call_soon_threadsafe(self._on_message, text)

    def drop(self, code: int = 1006, reason: str = "") -> None:
        assert self.connected.wait(20), "the service never connected"
        assert self._loop is not None and self._on_status is not None
        self._loop.call_soon_threadsafe(self._on_status, TransportStatus.DISCONNECTED,
                                        code, reason)

    def wait_for(self, predicate: Any, timeout: float = 20.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while not predicate(self.frames):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out; frames: {self.frames[-5:]!r}")
                self._cond.wait(left)
            return list(self.frames)


class FakeConnector(ServerConnector):
    """Connects to ``transport``; a reconnect takes the next of ``reconnects`` (or is refused)."""

    def __init__(self, transport: FakeTransport, ui_url: str = "http://fake/ui",
                 reconnects: list[FakeTransport] | None = None) -> None:
        self.transport = transport
        self.ui_url = ui_url
        self.reconnects = reconnects if reconnects is not None else []
        self.refused = 0

    async def reopen_async(self, previous: ConnectionResult, message_handler: MessageHandler,
                           status_handler: StatusHandler,
                           error_handler: ErrorHandler) -> ConnectionResult:
        if not self.reconnects:
            self.refused += 1
            raise ConnectionRefusedError("nothing listens (fake)")
        self.transport = self.reconnects.pop(0)
        await self.transport.connect_async(message_handler, status_handler, error_handler)
        return ConnectionResult(self.transport, "fake", previous.url, previous.ui_url, False)

    async def connect_async(self, message_handler: MessageHandler, status_handler: StatusHandler,
                            error_handler: ErrorHandler) -> ConnectionResult:
        await self.transport.connect_async(message_handler, status_handler, error_handler)
        return ConnectionResult(self.transport, "fake", "ws://fake", self.ui_url, False)


def ui_online(peer: str = "ui-1") -> dict[str, Any]:
    """The announce a UI sends when it opens."""
    return messages.announce(peer, "online", "test", role="sidekick")
