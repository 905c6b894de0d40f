"""Where to connect: the server list, the user's URL override and the timeouts.

Everything here is read when a connection starts, so environment variables
set by a launcher (``sidekick run`` sets ``SIDEKICK_LOCAL_URL``) take effect.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

__all__ = [
    "DEFAULT_LOCAL_WS_URL",
    "DEFAULT_RECONNECT_TIMEOUT",
    "DEFAULT_UI_TIMEOUT",
    "SESSIONS_PATH",
    "ServerConfig",
    "connect_timeout",
    "default_servers",
    "get_user_url",
    "http_url",
    "reconnect_timeout",
    "set_user_url",
    "ui_timeout",
    "ui_url_for",
]

DEFAULT_LOCAL_WS_URL = "ws://localhost:5163"
# The path where the local server lists its live sessions (docs/server.md).
SESSIONS_PATH = "/api/sessions"
# Seconds to wait for a UI to announce itself before giving up; the user can
# open the printed URL meanwhile. SIDEKICK_UI_TIMEOUT overrides (0 = forever).
DEFAULT_UI_TIMEOUT = 60.0
# Seconds a program keeps trying to reconnect after its relay connection
# drops (server restart, cloud redeploy, network loss) before it fails with
# SidekickDisconnectedError. SIDEKICK_RECONNECT_TIMEOUT overrides; 0 turns
# reconnecting off (the original library's fail-fast behaviour).
DEFAULT_RECONNECT_TIMEOUT = 60.0
# Seconds allowed for one connection attempt (TCP + WebSocket handshake).
DEFAULT_CONNECT_TIMEOUT = 3.0


@dataclass(frozen=True)
class ServerConfig:
    """One relay the library may connect to.

    Attributes:
        name: shown in logs and error messages.
        ws_url: the relay's WebSocket URL, without a session query.
        ui_url: the base URL of the UI served for this relay, if known.
        requires_session_id: add ``?session=<id>``, this program's own
            session (session.py); every default server gets one.
        lists_sessions: the relay answers ``GET /api/sessions`` (the local
            server does); a remembered id that another hero is using right
            now is then swapped for a fresh one.
        show_ui_url: always print where to open the UI after connecting.
    """

    name: str
    ws_url: str
    ui_url: str | None = None
    requires_session_id: bool = False
    lists_sessions: bool = False
    show_ui_url: bool = False


_lock = threading.Lock()
_user_url: str | None = None


def set_user_url(url: str | None) -> None:
    """Use only this WebSocket URL (None: back to the default list)."""
    global _user_url
    if url is not None:
        if not isinstance(url, str):
            raise TypeError(f"url must be a str or None, not {type(url).__name__}")
        scheme = urlsplit(url).scheme
        if scheme not in ("ws", "wss"):
            raise ValueError(f"url must start with ws:// or wss://, got {url!r}")
    with _lock:
        _user_url = url


def get_user_url() -> str | None:
    """The URL from set_url(), else the SIDEKICK_URL environment variable."""
    with _lock:
        if _user_url is not None:
            return _user_url
    return os.environ.get("SIDEKICK_URL") or None


def default_servers() -> list[ServerConfig]:
    """The local server, then a cloud relay when SIDEKICK_CLOUD_URL is set.

    SIDEKICK_LOCAL_URL says where the local server is (``sidekick run`` sets
    it); on either, this program gets its own session.
    """
    local = os.environ.get("SIDEKICK_LOCAL_URL") or DEFAULT_LOCAL_WS_URL
    servers = [
        ServerConfig(
            name="local server",
            ws_url=local,
            ui_url=http_url(local),
            requires_session_id=True,
            lists_sessions=True,
        )
    ]
    cloud = os.environ.get("SIDEKICK_CLOUD_URL")
    if cloud:
        servers.append(
            ServerConfig(
                name="cloud relay",
                ws_url=cloud,
                ui_url=os.environ.get("SIDEKICK_CLOUD_UI_URL") or http_url(cloud),
                requires_session_id=True,
                show_ui_url=True,
            )
        )
    return servers


def ui_url_for(ws_url: str, base: str | None = None) -> str:
    """The page a user opens to see the session of ``ws_url``.

    The session (``?session=<id>`` on the WebSocket URL) becomes the page path
    ``/session/<id>`` (protocol.md, Transport).
    """
    root = (base or os.environ.get("SIDEKICK_UI_URL") or http_url(ws_url)).rstrip("/")
    session = parse_qs(urlsplit(ws_url).query).get("session")
    return f"{root}/session/{session[0]}" if session else root


def ui_timeout() -> float | None:
    """Seconds to wait for a UI (None: forever), from SIDEKICK_UI_TIMEOUT."""
    return _env_seconds("SIDEKICK_UI_TIMEOUT", DEFAULT_UI_TIMEOUT)


def reconnect_timeout() -> float:
    """Seconds to keep reconnecting (0: never reconnect), from SIDEKICK_RECONNECT_TIMEOUT."""
    raw = os.environ.get("SIDEKICK_RECONNECT_TIMEOUT")
    if not raw:
        return DEFAULT_RECONNECT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        return DEFAULT_RECONNECT_TIMEOUT
    if value != value:  # NaN
        return DEFAULT_RECONNECT_TIMEOUT
    return 0.0 if value <= 0 else min(value, 1e9)


def connect_timeout() -> float:
    """Seconds for one connection attempt, from SIDEKICK_CONNECT_TIMEOUT."""
    return _env_seconds("SIDEKICK_CONNECT_TIMEOUT", DEFAULT_CONNECT_TIMEOUT) or (
        DEFAULT_CONNECT_TIMEOUT
    )


def _env_seconds(name: str, default: float) -> float | None:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        return default
    return None if value <= 0 else value


def http_url(ws_url: str) -> str:
    """The HTTP base URL of the server behind ``ws_url`` (no query, no trailing slash)."""
    parts = urlsplit(ws_url)
    scheme = "https" if parts.scheme == "wss" else "http"
    return f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}"
