"""The VS Code hint names the extension's exact command, for remote relays only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sidekick.hints import OPEN_SESSION_COMMAND, Hints, vscode_hint

REPO = Path(__file__).resolve().parents[2]


def test_the_command_is_the_extensions_own() -> None:
    manifest = json.loads((REPO / "vscode" / "package.json").read_text(encoding="utf-8"))
    titles = {
        f"{c['category']}: {c['title']}" for c in manifest["contributes"]["commands"]
    }
    assert OPEN_SESSION_COMMAND in titles


@pytest.mark.parametrize(
    "url",
    [None, "http://127.0.0.1:5163/session/a", "http://localhost:5163/", "http://[::1]:5163/",
     "http://demo.localhost:5163/"],
)
def test_no_hint_for_a_local_relay(url: str | None) -> None:
    assert vscode_hint(url) == ""


def test_a_cloud_relay_gets_the_open_session_hint(capsys: pytest.CaptureFixture[str]) -> None:
    Hints().waiting_for_ui("https://relay.example/session/abc")
    err = capsys.readouterr().err
    assert "Open https://relay.example/session/abc in a browser" in err
    assert "In VS Code, run `Sidekick: Open Session…` and paste that address." in err
