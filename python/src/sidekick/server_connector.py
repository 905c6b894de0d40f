"""Choosing and opening a connection (Pyodide, the user's URL, the defaults).

Order (python-api.md, Connection choice): in Pyodide the JavaScript bridge
only; else the URL from set_url() or SIDEKICK_URL only; else each server of
the default list in turn, each with a short timeout.

Each default server gets ``?session=<id>``, this program's own session
(session.py). On the local port the library first reads the server's session
listing (``GET /api/sessions``): if another hero is online in the remembered
session right now (the same script started twice), this run takes a fresh id
instead, so two programs never share a panel. A server there that has no
listing (the original Sidekick's, such as the VS Code extension's) has no page
that could find a program's own session either, so the program joins its
default session, as the original library does.
"""

from __future__ import annotations

import asyncio
import json
import logging
import urllib.request
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
from .session import generate_session_id, get_session_id

__all__ = ["ConnectionResult", "ServerConnector", "fetch_listing", "with_session"]

_log = logging.getLogger("sidekick")
# The largest session listing read (the server lists at most 1,000 sessions).
_MAX_LISTING_BYTES = 1 << 20


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
    return urlunsplit(parts._replace(path=parts.path or "/", query=urlencode(query)))


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
            session_id = await _session_for(server, timeout) if server.requires_session_id else None
            if session_id is not None:
                url = with_session(url, session_id)
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

    async def reopen_async(
        self,
        previous: ConnectionResult,
        message_handler: MessageHandler,
        status_handler: StatusHandler,
        error_handler: ErrorHandler,
    ) -> ConnectionResult:
        """Connect again to exactly ``previous.url`` (the same session): reconnect.py.

        Raises what the transport raises (refused, timed out, ...).
        """
        if previous.url is None:
            raise SidekickConnectionRefusedError([], ["this transport cannot reconnect"])
        manager = create_websocket_communication_manager(previous.url)
        await asyncio.wait_for(
            manager.connect_async(message_handler, status_handler, error_handler),
            config.connect_timeout(),
        )
        return ConnectionResult(manager, previous.server_name, previous.url, previous.ui_url,
                                False)


async def _session_for(server: config.ServerConfig, timeout: float) -> str | None:
    """This program's session on ``server``; None: the server's default session."""
    session_id = get_session_id()
    if not server.lists_sessions:
        return session_id
    sessions = await fetch_listing(server.ws_url, timeout)
    if sessions is None:
        _log.info("sidekick: %s lists no sessions (not this project's server?); "
                  "joining its default session", server.ws_url)
        return None
    for entry in sessions:
        if entry.get("id") == session_id and _count(entry.get("heroes")) > 0:
            _log.info("sidekick: another program is using this script's session; using a new one")
            return generate_session_id()
    return session_id


async def fetch_listing(ws_url: str, timeout: float) -> list[dict[str, object]] | None:
    """The sessions the server behind ``ws_url`` lists, or None if it answers no listing.

    Any failure (no server, a server without the listing, bad JSON) is None:
    the connection attempt that follows reports real problems.
    """
    url = config.http_url(ws_url) + config.SESSIONS_PATH
    loop = asyncio.get_running_loop()
    try:
        listing = await asyncio.wait_for(
            loop.run_in_executor(None, _fetch_json, url, timeout), timeout
        )
    except Exception:  # a listing is advice, never a reason to fail
        return None
    sessions = listing.get("sessions") if isinstance(listing, dict) else None
    if not isinstance(sessions, list):
        return None
    return [entry for entry in sessions if isinstance(entry, dict)]


def _count(value: object) -> int:
    return value if isinstance(value, int) else 0


def _fetch_json(url: str, timeout: float) -> object:
    # No proxy: the local server is on this machine.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    with opener.open(request, timeout=timeout) as response:
        return json.loads(response.read(_MAX_LISTING_BYTES))  # cut short: bad JSON


def _describe(error: BaseException) -> str:
    if isinstance(error, ConnectionRefusedError):
        return "connection refused: no server is listening"
    text = str(error) or type(error).__name__
    return text if len(text) < 200 else text[:200] + "..."
