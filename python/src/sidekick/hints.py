"""What the library tells the user on stderr while it waits or stops.

Each hint is printed at most once per connection; wording in one place.
"""

from __future__ import annotations

import sys
from urllib.parse import urlsplit

from . import config
from .errors import SidekickDisconnectedError

__all__ = ["Hints"]


def _say(text: str) -> None:
    print(f"Sidekick: {text}", file=sys.stderr, flush=True)


# The Sidekick VS Code extension's command that shows a relay's session in its
# panel (vscode/package.json, docs/vscode.md).
OPEN_SESSION_COMMAND = "Sidekick: Open Session…"


def _is_local(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host in ("localhost", "::1") or host.startswith("127.") or host.endswith(".localhost")


def vscode_hint(ui_url: str | None) -> str:
    """For a relay on another machine: how to see the session in VS Code.

    A local relay needs no hint: the extension's panel finds the program there.
    """
    if not ui_url or _is_local(ui_url):
        return ""
    return f" In VS Code, run `{OPEN_SESSION_COMMAND}` and paste that address."


def _limit() -> str:
    timeout = config.ui_timeout()
    return f"up to {timeout:g} s" if timeout is not None else "until one opens"


class Hints:
    def __init__(self) -> None:
        self._waiting_shown = False

    def waiting_for_ui(self, ui_url: str | None) -> None:
        """No UI yet: where to open one (once)."""
        if self._waiting_shown:
            return
        self._waiting_shown = True
        _say(f"waiting for the UI ({_limit()}). Open {ui_url} in a browser "
             f"to see your program.{vscode_hint(ui_url)}")

    @staticmethod
    def script_ended(ui_url: str | None) -> None:
        where = f" Open {ui_url} to see it." if ui_url else ""
        _say(f"the script has ended; waiting {_limit()} for a UI to receive what it "
             f"sent.{where} Press Ctrl+C to quit now.")

    @staticmethod
    def exit_not_awaited(what: str) -> None:
        _say(f"{what} was called in a callback, but the program was not waiting in "
             "sidekick.run_forever(); stopping it as Ctrl+C would.")

    @staticmethod
    def connection_lost(lost: BaseException | None, window: float) -> None:
        """The relay connection dropped; the program goes on (reconnect.py)."""
        why = ""
        if isinstance(lost, SidekickDisconnectedError):
            details = [str(lost.code)] if lost.code is not None else []
            details += [lost.reason] if lost.reason else []
            why = f" ({', '.join(details)})" if details else ""
        _say(f"lost the connection to the relay{why}; the program keeps running and "
             f"reconnects for up to {window:g} s (SIDEKICK_RECONNECT_TIMEOUT).")

    @staticmethod
    def reconnected(url: str | None) -> None:
        _say(f"reconnected to {url or 'the relay'}; an open UI shows the program again.")

    @staticmethod
    def failed(failure: BaseException) -> None:
        _say(str(failure))
