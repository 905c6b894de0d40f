"""Pyodide transport: the JavaScript bridge of the UI's Web Worker.

The worker defines two globals (protocol.md, Transport):
``sendHeroMessage(json_text)`` and ``registerSidekickMessageHandler(cb)``.
"""

from __future__ import annotations

from typing import Any

from .communication import (
    CommunicationManager,
    ErrorHandler,
    MessageHandler,
    StatusHandler,
    TransportStatus,
)

__all__ = ["PyodideCommunicationManager"]


class PyodideCommunicationManager(CommunicationManager):
    def __init__(self) -> None:
        self.url = None
        self._send: Any = None
        self._proxy: Any = None
        self._register: Any = None
        self._status_handler: StatusHandler | None = None

    async def connect_async(
        self,
        message_handler: MessageHandler,
        status_handler: StatusHandler,
        error_handler: ErrorHandler,
    ) -> None:
        import js  # type: ignore[import-not-found]
        from pyodide.ffi import create_proxy  # type: ignore[import-not-found]

        def on_message(text: Any) -> None:
            try:
                message_handler(str(text))
            except Exception as error:
                error_handler(error)

        self._status_handler = status_handler
        self._send = js.sendHeroMessage
        # Keep the proxy alive: JavaScript holds it for the whole session.
        self._proxy = create_proxy(on_message)
        self._register = js.registerSidekickMessageHandler
        self._register(self._proxy)
        status_handler(TransportStatus.CONNECTED, None, "")

    async def send_many(self, texts: list[str]) -> None:
        send = self._send
        for text in texts:
            send(text)

    async def close_async(self) -> None:
        if self._send is None:
            return
        self._send = None
        # Unregister, then release our proxy: each run would otherwise leak it.
        proxy, self._proxy = self._proxy, None
        if proxy is not None:
            self._register(None)
            proxy.destroy()
        if self._status_handler is not None:
            self._status_handler(TransportStatus.DISCONNECTED, 1000, "closed")
