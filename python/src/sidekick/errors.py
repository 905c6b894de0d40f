"""The exceptions of sidekick.

Hierarchy::

    SidekickError
    ├── SidekickConnectionError          could not reach a usable Sidekick
    │   ├── SidekickConnectionRefusedError   no relay answered at any URL tried
    │   ├── SidekickTimeoutError             connected, but no UI came in time
    │   └── SidekickDisconnectedError        the connection was lost mid-run
    └── ComponentRemovedError (also a RuntimeError)
                                         a component was used after remove()

Each class composes its message from its attributes, so the message always
says what happened and what to do next.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "ComponentRemovedError",
    "SidekickConnectionError",
    "SidekickConnectionRefusedError",
    "SidekickDisconnectedError",
    "SidekickError",
    "SidekickTimeoutError",
]

_START_HINT = (
    "Start a local Sidekick server with `npx sidekick-live serve` (or run your script "
    "with `npx sidekick-live run your_script.py`; needs Node.js 20.19+), or use "
    "`Sidekick: Show Panel` in the VS Code extension, or point the library at a cloud "
    "relay with the SIDEKICK_URL environment variable (or sidekick.set_url(...))."
)


class SidekickError(Exception):
    """Base class of every error raised by sidekick."""


class SidekickConnectionError(SidekickError):
    """Raised when no usable connection to a Sidekick UI could be made."""


class SidekickConnectionRefusedError(SidekickConnectionError):
    """Raised when no relay accepted a connection at any of the URLs tried.

    Attributes:
        urls: every WebSocket URL that was tried, in order.
        reasons: what went wrong at each URL (same order).
    """

    def __init__(self, urls: Sequence[str], reasons: Sequence[str] = ()) -> None:
        self.urls = list(urls)
        self.reasons = list(reasons)
        super().__init__(self.urls, self.reasons)

    def __str__(self) -> str:
        tried = "; ".join(
            f"{url} ({reason})" if reason else url
            for url, reason in zip(self.urls, self.reasons + [""] * len(self.urls))
        )
        return f"Could not connect to a Sidekick server. Tried: {tried or 'nothing'}. {_START_HINT}"


class SidekickTimeoutError(SidekickConnectionError):
    """Raised when the relay answered but no Sidekick UI announced itself in time.

    Attributes:
        timeout: seconds waited.
        ui_url: where the user can open the UI, if known.
        undelivered: messages the program sent that no UI received (their
            changes were kept as component state, not as messages).
    """

    def __init__(self, timeout: float, ui_url: str | None = None, undelivered: int = 0) -> None:
        self.timeout = timeout
        self.ui_url = ui_url
        self.undelivered = undelivered
        super().__init__(timeout, ui_url, undelivered)

    def __str__(self) -> str:
        where = f"Open {self.ui_url} in a browser" if self.ui_url else "Open the Sidekick UI"
        lost = (
            f" {self.undelivered} message(s) were not delivered." if self.undelivered else ""
        )
        return (
            f"No Sidekick UI connected within {self.timeout:g} s.{lost} {where} before or "
            "while the script runs, or wait longer with the SIDEKICK_UI_TIMEOUT environment "
            "variable (seconds; 0 waits forever) or wait_for_connection(timeout=...)."
        )


class SidekickDisconnectedError(SidekickConnectionError):
    """Raised when an established connection was lost.

    Attributes:
        url: the relay URL the connection went to (None in Pyodide).
        code: the WebSocket close code, if one was received.
        reason: the close reason or the underlying error text.
    """

    def __init__(self, url: str | None, code: int | None = None, reason: str = "") -> None:
        self.url = url
        self.code = code
        self.reason = reason
        super().__init__(url, code, reason)

    def __str__(self) -> str:
        where = f" to {self.url}" if self.url else ""
        details = []
        if self.code is not None:
            details.append(f"close code {self.code}")
        if self.reason:
            details.append(self.reason)
        extra = f" ({', '.join(details)})" if details else ""
        return (
            f"The connection{where} was lost{extra}. Check that the Sidekick server is "
            "still running (`sidekick serve`), then run the script again."
        )


class ComponentRemovedError(SidekickError, RuntimeError):
    """Raised when a component is used after remove() or clear_all().

    Attributes:
        instance_id: the removed component's id.
    """

    def __init__(self, instance_id: str, action: str = "use") -> None:
        self.instance_id = instance_id
        self.action = action
        super().__init__(instance_id, action)

    def __str__(self) -> str:
        return (
            f"Cannot {self.action} component {self.instance_id!r}: it was removed "
            "(remove() or clear_all()). Create a new component instead."
        )
