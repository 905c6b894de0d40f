"""Config, session ids, the server connector and the error messages."""

from __future__ import annotations

import asyncio
import socket
import stat
from pathlib import Path

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
from sidekick.server_connector import ServerConnector, with_session


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("SIDEKICK_URL", "SIDEKICK_CLOUD_URL", "SIDEKICK_CLOUD_UI_URL",
                 "SIDEKICK_UI_URL", "SIDEKICK_UI_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SIDEKICK_STATE_DIR", str(tmp_path / "state"))
    config.set_user_url(None)


def test_default_list_is_local_then_cloud(monkeypatch: pytest.MonkeyPatch) -> None:
    assert [s.ws_url for s in config.default_servers()] == ["ws://localhost:5163"]
    monkeypatch.setenv("SIDEKICK_CLOUD_URL", "wss://relay.example")
    monkeypatch.setenv("SIDEKICK_CLOUD_UI_URL", "https://ui.example")
    local, cloud = config.default_servers()
    assert local.ui_url == "http://localhost:5163" and not local.requires_session_id
    assert cloud.ws_url == "wss://relay.example" and cloud.requires_session_id
    assert cloud.show_ui_url and cloud.ui_url == "https://ui.example"


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


@pytest.mark.parametrize(("raw", "expected"), [
    (None, config.DEFAULT_UI_TIMEOUT), ("5", 5.0), ("0", None), ("-1", None), ("soon", 60.0)])
def test_ui_timeout_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, raw: str | None, expected: float | None
) -> None:
    if raw is not None:
        monkeypatch.setenv("SIDEKICK_UI_TIMEOUT", raw)
    assert config.ui_timeout() == expected


def test_session_ids_are_long_random_and_remembered(tmp_path: Path) -> None:
    first = session.get_session_id()
    assert len(first) >= 22  # >= 128 bits in base64url
    assert set(first) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert session.get_session_id() == first
    assert session.generate_session_id() != session.generate_session_id()
    (tmp_path / "state" / "session.json").write_text("{not json", encoding="utf-8")
    fresh = session.get_session_id()
    assert fresh != first and session.get_session_id() == fresh


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
