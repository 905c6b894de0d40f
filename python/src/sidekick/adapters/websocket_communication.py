"""WebSocket transport (CPython) over the ``websockets`` asyncio client."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import ipaddress
import logging
import socket
from typing import Any
from urllib.parse import urlsplit

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from .communication import (
    CommunicationManager,
    ErrorHandler,
    MessageHandler,
    StatusHandler,
    TransportStatus,
)

__all__ = ["WebSocketCommunicationManager"]

_log = logging.getLogger("sidekick")

_CONNECT_OPTIONS: dict[str, Any] = {
    # JSON frames are small; compression costs more CPU than it saves on loopback.
    "compression": None,
    "max_size": None,
    "ping_interval": 20,
    "ping_timeout": 20,
    "close_timeout": 2,
}
if "proxy" in inspect.signature(connect.__init__).parameters:
    _CONNECT_OPTIONS["proxy"] = None


# Frames written per drain. websockets' Connection exposes send_context() and
# protocol (its sans-I/O core); fall back to send() if a version lacks them.
_BATCH = 512
_CAN_BATCH = hasattr(ClientConnection, "send_context")


class WebSocketCommunicationManager(CommunicationManager):
    def __init__(self, url: str) -> None:
        self.url = url
        self._ws: ClientConnection | None = None
        self._reader: asyncio.Task[None] | None = None

    async def connect_async(
        self,
        message_handler: MessageHandler,
        status_handler: StatusHandler,
        error_handler: ErrorHandler,
    ) -> None:
        assert self.url is not None
        status_handler(TransportStatus.CONNECTING, None, "")
        last_error: BaseException = OSError(f"cannot resolve {self.url}")
        for host, port in _addresses(self.url):
            try:
                self._ws = await connect(self.url, host=host, port=port, **_CONNECT_OPTIONS)
                break
            except OSError as error:
                last_error = error
        else:
            raise last_error
        status_handler(TransportStatus.CONNECTED, None, "")
        self._reader = asyncio.get_running_loop().create_task(
            self._read(self._ws, message_handler, status_handler, error_handler)
        )

    async def _read(
        self,
        ws: ClientConnection,
        message_handler: MessageHandler,
        status_handler: StatusHandler,
        error_handler: ErrorHandler,
    ) -> None:
        try:
            async for raw in ws:
                text = raw if isinstance(raw, str) else raw.decode("utf-8", "replace")
                try:
                    message_handler(text)
                except Exception as error:  # never let a handler kill the reader
                    error_handler(error)
        except ConnectionClosed:
            pass
        except Exception as error:
            error_handler(error)
        code: int | None = None
        reason = ""
        if ws.close_code is not None:
            code, reason = ws.close_code, ws.close_reason or ""
        if code is None or code == 1006:
            reason = reason or "the connection dropped without a close frame"
        status_handler(TransportStatus.DISCONNECTED, code, reason)

    async def send_many(self, texts: list[str]) -> None:
        ws = self._ws
        if ws is None:
            raise ConnectionError("not connected")
        if len(texts) == 1 or not _CAN_BATCH:
            for text in texts:
                await ws.send(text)
            return
        # Batch: encode many frames, then write and drain once per chunk. This
        # is what ws.send() does for one message, minus the per-message await.
        for start in range(0, len(texts), _BATCH):
            async with ws.send_context():
                send_text = ws.protocol.send_text
                for text in texts[start:start + _BATCH]:
                    send_text(text.encode())

    async def close_async(self) -> None:
        ws = self._ws
        if ws is not None:
            await ws.close()
        if self._reader is not None:
            with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(asyncio.shield(self._reader), 3)


def _addresses(url: str) -> list[tuple[str, int]]:
    """Resolve the URL's host ourselves, in this thread.

    asyncio would resolve in its default executor, which refuses new work once
    the interpreter is exiting — exactly when an at-exit flush may connect.
    """
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    port = parts.port or (443 if parts.scheme == "wss" else 80)
    try:
        ipaddress.ip_address(host)
        return [(host, port)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError:
        return []
    seen: list[tuple[str, int]] = []
    # IPv4 first: local servers usually listen on 127.0.0.1 only.
    for info in sorted(infos, key=lambda i: i[0] != socket.AF_INET):
        address = (str(info[4][0]), port)
        if address not in seen:
            seen.append(address)
    return seen
