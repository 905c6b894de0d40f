"""Choosing and opening a connection (Pyodide, the user's URL, the defaults).

Order (python-api.md, Connection choice): in Pyodide the JavaScript bridge
only; else the URL from set_url() or SIDEKICK_URL only; else each server of
the default list in turn, each with a short timeout.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from . import config
from .adapters.communication import (
    CommunicationManager,
    ErrorHandler,
    MessageHandler,
    StatusHandler,
)
from .adapters.factories import (
    create_pyodide_communication_manager,
    create_websocket_communication_manager,
)
from .adapters.utils import is_pyodide
from .errors import SidekickConnectionRefusedError
from .session import get_session_id

__all__ = ["ConnectionResult", "ServerConnector", "with_session"]


@dataclass
class ConnectionResult:
    """A connected transport and what to tell the user about it."""

    manager: CommunicationManager
    server_name: str
    url: str | None
    ui_url: str | None
    show_ui_url: bool


def with_session(ws_url: str, session_id: str) -> str:
    """``ws_url`` with ``?session=<id>`` set (protocol.md, Transport)."""
    parts = urlsplit(ws_url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "session"]
    query.append(("session", session_id))
    return urlunsplit(parts._replace(query=urlencode(query)))


class ServerConnector:
    async def connect_async(
        self,
        message_handler: MessageHandler,
        status_handler: StatusHandler,
        error_handler: ErrorHandler,
    ) -> ConnectionResult:
        if is_pyodide():
            manager = create_pyodide_communication_manager()
            await manager.connect_async(message_handler, status_handler, error_handler)
            return ConnectionResult(manager, "Pyodide", None, None, False)

        user_url = config.get_user_url()
        if user_url:
            servers = [config.ServerConfig("your URL", user_url)]
        else:
            servers = config.default_servers()
        timeout = config.connect_timeout()
        tried: list[str] = []
        reasons: list[str] = []
        last_error: BaseException | None = None
        for server in servers:
            url = server.ws_url
            if server.requires_session_id:
                url = with_session(url, get_session_id())
            manager = create_websocket_communication_manager(url)
            try:
                await asyncio.wait_for(
                    manager.connect_async(message_handler, status_handler, error_handler), timeout
                )
            except asyncio.TimeoutError as error:
                last_error = error
                tried.append(url)
                reasons.append(f"no answer within {timeout:g} s")
                continue
            except Exception as error:  # OSError, InvalidHandshake, InvalidURI, ...
                last_error = error
                tried.append(url)
                reasons.append(_describe(error))
                continue
            ui_url = config.ui_url_for(url, server.ui_url)
            return ConnectionResult(manager, server.name, url, ui_url, server.show_ui_url)
        raise SidekickConnectionRefusedError(tried, reasons) from last_error


def _describe(error: BaseException) -> str:
    if isinstance(error, ConnectionRefusedError):
        return "connection refused: no server is listening"
    text = str(error) or type(error).__name__
    return text if len(text) < 200 else text[:200] + "..."
