"""Helpers for tests that run a hero script in its own CPython process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from typing import Any

__all__ = ["hero_announce", "session_url", "start_script"]


def hero_announce(status: str) -> Any:
    def check(message: dict[str, Any]) -> bool:
        payload = message.get("payload") or {}
        return (message.get("type") == "announce" and payload.get("role") == "hero"
                and payload.get("status") == status)
    return check


def session_url(relay_url: str, name: str) -> str:
    # Each test gets its own session, so tests never see each other's peers.
    return f"{relay_url}/?session={name}-{socket.gethostname()}-{id(name)}"


def start_script(code: str, url: str, **env: str) -> subprocess.Popen[str]:
    environment = dict(os.environ, SIDEKICK_URL=url, **env)
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
