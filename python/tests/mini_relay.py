"""A small relay written for the tests, following protocol.md's relay rules.

Used only until the real local server (server/) can be started; the
integration tests prefer the real server (see conftest.relay_url).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from typing import Any
from urllib.parse import parse_qs, urlsplit

from websockets.asyncio.server import ServerConnection, serve


class MiniRelay:
    def __init__(self) -> None:
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._stop: asyncio.Future[None] | None = None
        self._sessions: dict[str, dict[ServerConnection, dict[str, Any] | None]] = {}
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> MiniRelay:
        self._thread.start()
        self._ready.wait(10)
        return self

    def stop(self) -> None:
        if self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set_result, None)
        self._thread.join(10)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._main())

    async def _main(self) -> None:
        self._stop = self._loop.create_future()
        async with serve(self._handle, "127.0.0.1", 0, compression=None, max_size=None) as server:
            self.port = next(iter(server.sockets)).getsockname()[1]
            self._ready.set()
            await self._stop

    async def _handle(self, ws: ServerConnection) -> None:
        query = parse_qs(urlsplit(ws.request.path if ws.request else "/").query)
        session = query.get("session", ["default"])[0]
        peers = self._sessions.setdefault(session, {})
        peers[ws] = None
        try:
            async for raw in ws:
                text = raw if isinstance(raw, str) else raw.decode()
                message = json.loads(text)
                if message.get("component") == "system" and message.get("type") == "announce":
                    payload = message["payload"]
                    if payload.get("status") == "online":
                        first = peers[ws] is None
                        peers[ws] = payload
                        if first:
                            for other, info in list(peers.items()):
                                if other is not ws and info is not None:
                                    await ws.send(json.dumps(_announce(info, "online")))
                    else:
                        peers[ws] = None
                for other in list(peers):
                    if other is not ws:
                        with contextlib.suppress(Exception):
                            await other.send(text)
        except Exception:
            pass
        finally:
            info = peers.pop(ws, None)
            if info is not None:
                for other in list(peers):
                    with contextlib.suppress(Exception):
                        await other.send(json.dumps(_announce(info, "offline")))


def _announce(info: dict[str, Any], status: str) -> dict[str, Any]:
    return {"id": 0, "component": "system", "type": "announce",
            "payload": dict(info, status=status)}
