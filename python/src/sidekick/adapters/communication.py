"""The transport interface: JSON text frames to and from the other side."""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from typing import Callable

__all__ = [
    "CommunicationManager",
    "ErrorHandler",
    "MessageHandler",
    "StatusHandler",
    "TransportStatus",
]


class TransportStatus(enum.Enum):
    DISCONNECTED = "disconnected"
    CONNECTING = "connecting"
    CONNECTED = "connected"


MessageHandler = Callable[[str], None]
# (new status, close code or None, reason text)
StatusHandler = Callable[[TransportStatus, "int | None", str], None]
ErrorHandler = Callable[[BaseException], None]


class CommunicationManager(ABC):
    """One transport. All methods run on the library's event loop."""

    url: str | None = None

    @abstractmethod
    async def connect_async(
        self,
        message_handler: MessageHandler,
        status_handler: StatusHandler,
        error_handler: ErrorHandler,
    ) -> None:
        """Open the transport. The handlers are in place before any message
        can arrive; raises on failure (OSError, TimeoutError, ...)."""

    @abstractmethod
    async def send_many(self, texts: list[str]) -> None:
        """Send each text as one frame, in order."""

    @abstractmethod
    async def close_async(self) -> None:
        """Close the transport; the status handler is told DISCONNECTED."""
