"""A scripted UI peer: announces `sidekick online`, records what it receives.

With ``accepts_batch`` it says so in its announce and unpacks the batch
frames it gets (protocol.md "system/batch"); ``batch_frames`` and
``single_frames`` count what arrived either way.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from typing import Any, Callable

from websockets.sync.client import ClientConnection, connect


class UIPeer:
    """A sidekick-role peer on a thread, driven by the tests."""

    def __init__(self, url: str, announce: bool = True, accepts_batch: bool = False) -> None:
        self.url = url
        self.accepts_batch = accepts_batch
        self.batch_frames = 0
        self.single_frames = 0
        self.peer_id = "ui-" + secrets.token_hex(4)
        self.messages: list[dict[str, Any]] = []
        self._cond = threading.Condition()
        # Entered as a context manager (newer websockets warn otherwise).
        self._ws: ClientConnection = connect(url, compression=None, max_size=None).__enter__()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        if announce:
            self.announce("online")

    def announce(self, status: str) -> None:
        payload: dict[str, Any] = {
            "peerId": self.peer_id, "role": "sidekick", "status": status,
            "version": "test", "timestamp": int(time.time() * 1000)}
        if self.accepts_batch:
            payload["acceptsBatch"] = True
        self.send({"id": 0, "component": "system", "type": "announce", "payload": payload})

    def send(self, message: dict[str, Any]) -> None:
        self._ws.send(json.dumps(message))

    def send_text(self, text: str) -> None:
        """One raw text frame, which need not be JSON."""
        self._ws.send(text)

    def event(self, component: str, src: str, **payload: Any) -> None:
        self.send({"id": 0, "component": component, "type": "event", "src": src,
                   "payload": payload})

    def _read(self) -> None:
        try:
            while True:
                message = json.loads(self._ws.recv())
                batch = message.get("type") == "batch" and message.get("component") == "system"
                with self._cond:
                    if batch:
                        self.batch_frames += 1
                        self.messages.extend(message["payload"]["messages"])
                    else:
                        self.single_frames += 1
                        self.messages.append(message)
                    self._cond.notify_all()
        except Exception:
            pass
        with self._cond:
            self._cond.notify_all()

    def wait_for(self, predicate: Callable[[list[dict[str, Any]]], bool],
                 timeout: float = 20.0) -> list[dict[str, Any]]:
        """Wait until ``predicate(messages)``; the timeout only guards against hangs."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not predicate(self.messages):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out; received {self.messages[-5:]!r}")
                self._cond.wait(left)
            return list(self.messages)

    def wait_count(self, predicate: Callable[[dict[str, Any]], bool], count: int = 1,
                   timeout: float = 20.0) -> list[dict[str, Any]]:
        return self.wait_for(lambda ms: sum(1 for m in ms if predicate(m)) >= count, timeout)

    def hero_messages(self) -> list[dict[str, Any]]:
        with self._cond:
            return [m for m in self.messages if m.get("component") != "system"]

    def close(self) -> None:
        self._ws.close()


def is_type(kind: str, component: str | None = None) -> Callable[[dict[str, Any]], bool]:
    def check(message: dict[str, Any]) -> bool:
        return message.get("type") == kind and (
            component is None or message.get("component") == component)
    return check


