"""Config, session ids, the server connector and the error messages."""

from __future__ import annotations

import asyncio
import http.server
import json
import os
import socket
import stat
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

import sidekick
from sidekick import config, session
from sidekick.errors import (
    ComponentRemovedError,
    SidekickConnectionError,
    SidekickConnectionRefusedError,
    SidekickDisconnectedError,
    SidekickError,
    SidekickTimeoutError,
)
from sidekick.reconnect import FIRST_DELAY, MAX_DELAY, backoff_delay
from sidekick.server_connector import ServerConnector, with_session


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("SIDEKICK_URL", "SIDEKICK_CLOUD_URL", "SIDEKICK_CLOUD_UI_URL",
                 "SIDEKICK_UI_URL", "SIDEKICK_UI_TIMEOUT", "SIDEKICK_LOCAL_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SIDEKICK_STATE_DIR", str(tmp_path / "state"))
    config.set_user_url(None)


def test_default_list_is_local_then_cloud(monkeypatch: pytest.MonkeyPatch) -> None:
    assert [s.ws_url for s in config.default_servers()] == ["ws://localhost:5163"]
    monkeypatch.setenv("SIDEKICK_CLOUD_URL", "wss://relay.example")
    monkeypatch.setenv("SIDEKICK_CLOUD_UI_URL", "https://ui.example")
    local, cloud = config.default_servers()
    # Each program gets its own session on the local server too; only it lists sessions.
    assert local.ui_url == "http://localhost:5163" and local.requires_session_id
    assert local.lists_sessions and not local.show_ui_url
    assert cloud.ws_url == "wss://relay.example" and cloud.requires_session_id
    assert cloud.show_ui_url and cloud.ui_url == "https://ui.example"
    assert not cloud.lists_sessions
    monkeypatch.setenv("SIDEKICK_LOCAL_URL", "ws://127.0.0.1:7000")
    assert config.default_servers()[0].ws_url == "ws://127.0.0.1:7000"
    assert config.default_servers()[0].ui_url == "http://127.0.0.1:7000"


def test_user_url_beats_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIDEKICK_URL", "ws://from-env:1")
    assert config.get_user_url() == "ws://from-env:1"
    sidekick.set_url("ws://mine:2")
    assert config.get_user_url() == "ws://mine:2"
    sidekick.set_url(None)
    assert config.get_user_url() == "ws://from-env:1"
    with pytest.raises(TypeError):
        sidekick.set_url(5)  # type: ignore[arg-type]


def test_ui_urls_follow_the_session() -> None:
    assert config.ui_url_for("ws://h:1/?session=abc") == "http://h:1/session/abc"
    assert config.ui_url_for("wss://h/") == "https://h"
    assert config.ui_url_for("ws://h:1?session=s", "https://ui/") == "https://ui/session/s"
    assert with_session("wss://h/path?x=1&session=old", "new") == "wss://h/path?x=1&session=new"
    assert with_session("ws://h:1", "s") == "ws://h:1/?session=s"


@pytest.mark.parametrize(("raw", "expected"), [
    (None, config.DEFAULT_UI_TIMEOUT), ("5", 5.0), ("0", None), ("-1", None), ("soon", 60.0)])
def test_ui_timeout_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, raw: str | None, expected: float | None
) -> None:
    if raw is not None:
        monkeypatch.setenv("SIDEKICK_UI_TIMEOUT", raw)
    assert config.ui_timeout() == expected


@pytest.mark.parametrize(("raw", "expected"), [
    (None, config.DEFAULT_RECONNECT_TIMEOUT), ("5", 5.0), ("0", 0.0), ("-1", 0.0),
    ("soon", config.DEFAULT_RECONNECT_TIMEOUT), ("nan", config.DEFAULT_RECONNECT_TIMEOUT),
    ("inf", 1e9)])
def test_reconnect_timeout_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, raw: str | None, expected: float
) -> None:
    if raw is not None:
        monkeypatch.setenv("SIDEKICK_RECONNECT_TIMEOUT", raw)
    else:
        monkeypatch.delenv("SIDEKICK_RECONNECT_TIMEOUT", raising=False)
    assert config.reconnect_timeout() == expected


def test_reconnect_backoff_doubles_to_a_cap_with_jitter() -> None:
    low = [backoff_delay(n, lambda: 0.0) for n in range(8)]
    high = [backoff_delay(n, lambda: 1.0) for n in range(8)]
    assert high[:4] == [FIRST_DELAY * 2 ** n for n in range(4)]
    assert max(high) == MAX_DELAY and high[-1] == MAX_DELAY  # capped: a restart is seen soon
    assert low == [h / 2 for h in high]  # jitter spreads a classroom's retries over half
    assert backoff_delay(10_000) <= MAX_DELAY


def test_session_ids_are_long_random_and_remembered(tmp_path: Path) -> None:
    first = session.get_session_id()
    assert len(first) >= 22  # >= 128 bits in base64url
    assert set(first) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert session.get_session_id() == first
    assert session.generate_session_id() != session.generate_session_id()
    (tmp_path / "state" / "session.json").write_text("{not json", encoding="utf-8")
    fresh = session.get_session_id()
    assert fresh != first and session.get_session_id() == fresh


def test_each_program_has_its_own_session() -> None:
    a = session.get_session_id("/home/me/a.py", now=1000.0)
    b = session.get_session_id("/home/me/b.py", now=1000.0)
    assert a != b
    # Rerunning a script joins its session again, so the open tab keeps working.
    assert session.get_session_id("/home/me/a.py", now=2000.0) == a
    assert session.get_session_id("/home/me/b.py", now=2000.0) == b


def test_this_program_is_keyed_by_its_script_path(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    main = types.ModuleType("__main__")
    main.__file__ = "relative/script.py"
    monkeypatch.setitem(sys.modules, "__main__", main)
    assert session.program_key() == str(Path("relative/script.py").resolve())
    del main.__file__
    assert session.program_key() == session.INTERACTIVE


def test_an_id_expires_when_idle_or_old() -> None:
    day = 24 * 3600.0
    first = session.get_session_id("p", now=0.0)
    # Used again within the idle limit: kept.
    assert session.get_session_id("p", now=session.IDLE_LIMIT - 1) == first
    # Unused for longer than the idle limit: a new one.
    idle = session.get_session_id("p", now=2 * session.IDLE_LIMIT + 1)
    assert idle != first
    # Used every day, but older than the age limit: a new one all the same.
    start = 2 * session.IDLE_LIMIT + 1
    t = start
    while t + day / 2 < start + session.MAX_AGE:
        t += day / 2
        assert session.get_session_id("p", now=t) == idle
    assert session.get_session_id("p", now=start + session.MAX_AGE + 1) != idle


def test_the_state_file_is_private_and_bounded(tmp_path: Path) -> None:
    for n in range(session.MAX_PROGRAMS + 5):
        session.get_session_id(f"/p{n}.py", now=1000.0 + n)
    path = tmp_path / "state" / "session.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 2 and len(data["programs"]) == session.MAX_PROGRAMS
    assert "/p0.py" not in data["programs"]  # the least recently used went first
    assert set(data["programs"]["/p68.py"]) == {"id", "created", "used"}
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        assert not list(path.parent.glob("*.tmp"))
        # A file once made readable by others is made private again on the next write.
        path.chmod(0o644)
        session.get_session_id("/p0.py", now=2000.0)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_older_single_id_format_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "state" / "session.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"sessionId": "x" * 24}), encoding="utf-8")
    assert session.get_session_id("/a.py") != "x" * 24
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 2


def test_a_broken_state_dir_falls_back_silently(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("SIDEKICK_STATE_DIR", str(blocker / "sub"))
    assert len(session.get_session_id()) >= 22
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IREAD | stat.S_IEXEC)
    monkeypatch.setenv("SIDEKICK_STATE_DIR", str(locked))
    assert len(session.get_session_id()) >= 22


def unused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_connector_tries_every_server_and_names_them(monkeypatch: pytest.MonkeyPatch) -> None:
    local = f"ws://127.0.0.1:{unused_port()}"
    cloud = f"ws://127.0.0.1:{unused_port()}"
    monkeypatch.setattr(config, "default_servers", lambda: [
        config.ServerConfig("local server", local),
        config.ServerConfig("cloud relay", cloud, requires_session_id=True, show_ui_url=True),
    ])
    with pytest.raises(SidekickConnectionRefusedError) as caught:
        asyncio.run(ServerConnector().connect_async(
            lambda text: None, lambda *status: None, lambda error: None))
    urls = caught.value.urls
    assert urls[0] == local
    assert urls[1] == with_session(cloud, session.get_session_id())
    text = str(caught.value)
    assert local in text and "session=" in text and "npx sidekick-live serve" in text
    assert "Sidekick: Show Panel" in text and "SIDEKICK_URL" in text
    assert "connection refused" in text


class _ListingServer(http.server.ThreadingHTTPServer):
    """Answers every GET with one session listing, as `sidekick serve` does at /api/sessions."""

    def __init__(self, listing: object) -> None:
        body = json.dumps(listing).encode()
        self.paths: list[str] = []
        paths = self.paths

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                paths.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.server_address[1]}"


def _tried_url(ws_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The URL the connector tried on a local server at ``ws_url`` (which then refuses it)."""
    monkeypatch.setattr(config, "default_servers", lambda: [config.ServerConfig(
        "local server", ws_url, requires_session_id=True, lists_sessions=True)])
    with pytest.raises(SidekickConnectionRefusedError) as caught:
        asyncio.run(ServerConnector().connect_async(
            lambda text: None, lambda *status: None, lambda error: None))
    return caught.value.urls[0]


def _tried_session(server: _ListingServer, monkeypatch: pytest.MonkeyPatch) -> str | None:
    """The session the connector asked for (the listing server then refuses the upgrade)."""
    query = parse_qs(urlsplit(_tried_url(server.ws_url, monkeypatch)).query)
    return query["session"][0] if "session" in query else None


@pytest.mark.parametrize(("heroes", "sidekicks"), [(0, 0), (0, 1)])
def test_the_local_server_gets_this_programs_remembered_session(
    monkeypatch: pytest.MonkeyPatch, heroes: int, sidekicks: int
) -> None:
    mine = session.get_session_id()
    server = _ListingServer({"version": 3, "sessions": [
        {"id": mine, "heroes": heroes, "sidekicks": sidekicks, "since": 1}]})
    try:
        assert _tried_session(server, monkeypatch) == mine
        assert server.paths[0] == "/api/sessions"
    finally:
        server.shutdown()


def test_a_session_another_hero_is_using_gets_a_fresh_id(monkeypatch: pytest.MonkeyPatch) -> None:
    mine = session.get_session_id()
    server = _ListingServer({"version": 3, "sessions": [
        {"id": "someone-else", "heroes": 1, "sidekicks": 0, "since": 1},
        {"id": mine, "heroes": 1, "sidekicks": 1, "since": 1}]})
    try:
        tried = _tried_session(server, monkeypatch)
    finally:
        server.shutdown()
    assert tried != mine and len(tried) >= 22
    # The remembered id stays: the tab open on it follows the program that has it.
    assert session.get_session_id() == mine


@pytest.mark.parametrize("listing", ["not json", {"sessions": "no"}, [1, 2]])
def test_a_server_without_a_listing_gets_the_default_session(
    monkeypatch: pytest.MonkeyPatch, listing: object
) -> None:
    # The original Sidekick's server (the VS Code extension's) lists nothing, and
    # its UI is in the default session: join that one, as the original library does.
    server = _ListingServer(listing)
    try:
        assert _tried_session(server, monkeypatch) is None
    finally:
        server.shutdown()


def test_no_server_at_all_is_reported_with_the_default_url(monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"ws://127.0.0.1:{unused_port()}"
    assert _tried_url(url, monkeypatch) == url


def test_the_error_tree_and_its_messages() -> None:
    for leaf in (SidekickConnectionRefusedError, SidekickTimeoutError, SidekickDisconnectedError):
        assert issubclass(leaf, SidekickConnectionError)
    assert issubclass(SidekickConnectionError, SidekickError)
    assert issubclass(ComponentRemovedError, RuntimeError)
    lost = SidekickDisconnectedError("ws://h", 1011, "server error")
    assert (lost.url, lost.code, lost.reason) == ("ws://h", 1011, "server error")
    assert "ws://h" in str(lost) and "1011" in str(lost) and "sidekick serve" in str(lost)
    waited = SidekickTimeoutError(3, "http://h/session/x", 2)
    assert "3 s" in str(waited) and "http://h/session/x" in str(waited)
    assert "2 message(s)" in str(waited)
    assert "remove" in str(ComponentRemovedError("grid-1", "set_color on"))
    assert sidekick.__version__ and sidekick.logger.name == "sidekick"


def test_refusal_keeps_the_underlying_error_as_cause(monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"ws://127.0.0.1:{unused_port()}"
    monkeypatch.setattr(config, "default_servers", lambda: [config.ServerConfig("local", url)])
    with pytest.raises(SidekickConnectionRefusedError) as caught:
        asyncio.run(ServerConnector().connect_async(
            lambda text: None, lambda *status: None, lambda error: None))
    assert isinstance(caught.value.__cause__, OSError)
