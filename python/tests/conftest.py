"""Shared fixtures: a recording service for unit tests, a relay for integration."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_transport import FakeConnector, FakeTransport
from jsonschema import Draft202012Validator
from protocol_vectors import load_schema

import sidekick.connection as connection_module
import sidekick.exits as exits_module
from sidekick.adapters.task_manager import CPythonTaskManager
from sidekick.connection import ConnectionService

REPO = Path(__file__).resolve().parents[2]
SERVER_CLI = REPO / "server" / "bin" / "sidekick.js"
SERVER_BUILD = REPO / "server" / "dist" / "src" / "cli.js"


@pytest.fixture(autouse=True, scope="session")
def never_the_default_port() -> Iterator[None]:
    """Anything that connects by accident goes to a closed port, never 5163."""
    previous = os.environ.get("SIDEKICK_URL")
    os.environ["SIDEKICK_URL"] = "ws://127.0.0.1:9"
    yield
    if previous is None:
        os.environ.pop("SIDEKICK_URL", None)
    else:
        os.environ["SIDEKICK_URL"] = previous


class RecordingService(ConnectionService):
    """A service that records what components send instead of connecting."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[dict[str, Any]] = []
        self.callback_errors: list[BaseException] = []

    def send(self, message: dict[str, Any], keep: Any = None) -> None:
        if keep is not None:
            keep()
        self.sent.append(message)

    def snapshot(self) -> list[dict[str, Any]]:
        """What a UI arriving now would be sent."""
        with self.components.lock:
            return self.components.snapshot()

    def run_callback(self, callback: Any, event: Any, what: str) -> None:
        callback(event)


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> RecordingService:
    service = RecordingService()
    monkeypatch.setattr(connection_module, "_service", service)
    return service


@pytest.fixture
def transport() -> FakeTransport:
    return FakeTransport()


@pytest.fixture
def connector(transport: FakeTransport) -> FakeConnector:
    """Connects the service to ``transport``; tests add transports for reconnects."""
    return FakeConnector(transport)


@pytest.fixture
def service(
    connector: FakeConnector, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ConnectionService]:
    """The real facade (and core) over the fake transport, as the process-wide service."""
    monkeypatch.setenv("SIDEKICK_UI_TIMEOUT", "30")
    made = ConnectionService(CPythonTaskManager(), connector)
    monkeypatch.setattr(connection_module, "_service", made)
    # An exit request with nobody in run_forever() must never interrupt pytest.
    monkeypatch.setattr(exits_module, "interrupt_main", lambda: None)
    yield made
    made._shutdown(wait=True, deliver_pending=False)
    assert made.finished


@pytest.fixture(scope="session")
def validator() -> Draft202012Validator:
    return Draft202012Validator(load_schema())


def assert_valid(validator: Draft202012Validator, message: dict[str, Any]) -> None:
    errors = sorted(validator.iter_errors(message), key=str)
    assert not errors, f"{message!r} is not valid: {errors[0].message}"


def start_local_server() -> tuple[subprocess.Popen[str], int]:
    """`sidekick serve --port 0` (the built server), once it says where it listens.

    The tests use this one relay, the real one, never a stand-in: a relay
    written for the tests drifted from the real one's rules before.
    """
    if not SERVER_BUILD.exists():
        pytest.fail(
            f"The Sidekick server is not built ({SERVER_BUILD} is missing); the integration "
            "tests run against it. Run `npm run build` (or `npm test -- python`, which "
            "builds first) from the repository root.",
            pytrace=False,
        )
    process = subprocess.Popen(
        ["node", str(SERVER_CLI), "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
        if match:
            return process, int(match.group(1))
    raise AssertionError("the Sidekick server did not start")


@pytest.fixture(scope="session")
def relay_url() -> Iterator[str]:
    """The real local server (server/, built by the bootstrap), shared by the session."""
    process, port = start_local_server()
    try:
        yield f"ws://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


def run_script(
    code: str, url: str | None, timeout: float = 60, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh CPython process with the library."""
    environment = dict(os.environ)
    environment.pop("SIDEKICK_URL", None)
    if url is not None:
        environment["SIDEKICK_URL"] = url
    environment.setdefault("SIDEKICK_STATE_DIR", str(REPO / "python" / ".pytest_cache"))
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True,
        timeout=timeout,
    )
