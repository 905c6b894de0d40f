"""Session ids: random, URL-safe, remembered per user.

A cloud relay puts a hero and its UI together by session id. Remembering the
id across runs means an open UI tab keeps working when the script is run
again. Any problem with the state file falls back to a fresh id silently:
a session id is a convenience, never a reason to fail.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import sys
from pathlib import Path

__all__ = ["generate_session_id", "get_session_id", "state_dir"]

_VALID = re.compile(r"^[A-Za-z0-9_-]{22,128}$")
_FILE_NAME = "session.json"


def generate_session_id() -> str:
    """A fresh id: 144 random bits from the CSPRNG, base64url (24 characters)."""
    return secrets.token_urlsafe(18)


def state_dir() -> Path:
    """The per-user folder for the library's small state files.

    SIDEKICK_STATE_DIR overrides the platform's user data folder.
    """
    override = os.environ.get("SIDEKICK_STATE_DIR")
    if override:
        return Path(override)
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / "sidekick"


def get_session_id() -> str:
    """The remembered session id, creating and storing one the first time."""
    path = state_dir() / _FILE_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        stored = data.get("sessionId") if isinstance(data, dict) else None
        if isinstance(stored, str) and _VALID.match(stored):
            return stored
    except (OSError, ValueError):
        pass
    fresh = generate_session_id()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"sessionId": fresh}), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass
    return fresh
