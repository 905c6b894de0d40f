"""Session ids: one per program, random, remembered for a while.

A relay puts a hero and its UI together by session id, so each program gets
its own session and two programs never see each other's panels or clicks.
The id is remembered per program (the script's absolute path) in the state
file ``session.json``, so rerunning the same script joins the same session and
an open UI tab keeps working with no click.

``session.json`` (in ``state_dir()``, created 0600 in a 0700 folder) maps each
program to ``{"id", "created", "used"}`` (Unix ms). An id is reused only while
it was used within ``IDLE_LIMIT`` and is younger than ``MAX_AGE``; after that
the program gets a fresh one (an id is also a capability on a cloud relay, so
it should not live forever). At most ``MAX_PROGRAMS`` entries are kept, the
least recently used dropped first. Any problem with the file falls back to a
fresh id silently: a session id is a convenience, never a reason to fail.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import sys
import time
from pathlib import Path
from typing import Any

__all__ = [
    "IDLE_LIMIT",
    "INTERACTIVE",
    "MAX_AGE",
    "MAX_PROGRAMS",
    "generate_session_id",
    "get_session_id",
    "program_key",
    "state_dir",
]

_VALID = re.compile(r"^[A-Za-z0-9_-]{22,128}$")
_FILE_NAME = "session.json"
_FORMAT = 2

# Reuse an id only if it was used within this many seconds...
IDLE_LIMIT = 24 * 3600.0
# ...and was created less than this many seconds ago.
MAX_AGE = 7 * 24 * 3600.0
# Programs remembered at most (least recently used dropped first).
MAX_PROGRAMS = 64
# The key for code with no script file: the REPL, ``python -c``, stdin.
INTERACTIVE = "<interactive>"


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


def program_key() -> str:
    """Which program this is: the absolute path of the ``__main__`` script."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if not isinstance(path, str) or not path:
        return INTERACTIVE
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return os.path.abspath(path)


def get_session_id(program: str | None = None, *, now: float | None = None) -> str:
    """The session id of ``program`` (default: this one), remembering a fresh one if needed.

    Args:
        program: the key the id is remembered under (default ``program_key()``).
        now: the current Unix time in seconds (tests pass their own clock).
    """
    key = program if program is not None else program_key()
    now_ms = int((time.time() if now is None else now) * 1000)
    path = state_dir() / _FILE_NAME
    programs = _live_entries(_read(path), now_ms)
    entry = programs.get(key)
    if entry is None:
        entry = {"id": generate_session_id(), "created": now_ms}
    programs[key] = {**entry, "used": now_ms}
    newest = sorted(programs.items(), key=lambda item: item[1]["used"], reverse=True)
    _write(path, {"version": _FORMAT, "programs": dict(newest[:MAX_PROGRAMS])})
    return str(entry["id"])


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != _FORMAT:
        return {}  # an older format (one id for every program) is simply replaced
    programs = data.get("programs")
    return programs if isinstance(programs, dict) else {}


def _live_entries(programs: dict[str, Any], now_ms: int) -> dict[str, dict[str, Any]]:
    """The well-formed entries that have not expired."""
    live: dict[str, dict[str, Any]] = {}
    for key, entry in programs.items():
        if not isinstance(entry, dict):
            continue
        sid, created, used = entry.get("id"), entry.get("created"), entry.get("used")
        if not (isinstance(sid, str) and _VALID.match(sid)):
            continue
        if not (isinstance(created, int) and isinstance(used, int)):
            continue
        if now_ms - used > IDLE_LIMIT * 1000 or now_ms - created > MAX_AGE * 1000:
            continue
        live[key] = {"id": sid, "created": created, "used": used}
    return live


def _write(path: Path, data: dict[str, Any]) -> None:
    """Replace the file atomically; only the user may read it (the ids are secrets)."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)  # a leftover tmp file may have had other bits
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            json.dump(data, file, indent=1)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
