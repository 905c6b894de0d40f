"""Benchmarks of issue 16 (reconnect, state-based sync), through the real local relay.

    python bench/python/bench_reconnect.py         # prints one JSON object

Figures (all measured in this run, on this machine):
- memory while no UI is connected: peak RSS growth per million
  ``Label.text`` updates in a hero connected to the relay with no UI, beside a
  queue of the same messages (what the library kept before issue 16, and
  what a UI-less hero with a message queue holds);
- relay restart -> state shown again: ``sidekick serve`` is killed under a
  running hero and started again on the same port; the time from the new
  server listening to a UI peer (reconnecting every 50 ms, as a tab would)
  receiving the hero's snapshot (ms).

Each role runs in its own process.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import resource
import socket
import subprocess
import sys
import time
from collections import deque
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
UPDATES = int(os.environ.get("BENCH_NO_UI_UPDATES", "1000000"))
# The queue baseline holds every message: a smaller run, scaled per million.
QUEUED = int(os.environ.get("BENCH_QUEUED_UPDATES", "200000"))
RESTARTS = int(os.environ.get("BENCH_RESTARTS", "3"))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# -- roles (each runs in its own process) ------------------------------------------

def memory_ours(count: int) -> None:
    import sidekick

    label = sidekick.Label("start")
    time.sleep(0.5)  # connected to the relay, no UI: the case measured
    before = peak_rss_mb()
    for n in range(count):
        label.text = f"update {n}"
    print(json.dumps({"mb_per_million": (peak_rss_mb() - before) * 1e6 / count}), flush=True)
    sidekick.shutdown(wait=False)
    os._exit(0)


def memory_queue(count: int) -> None:
    from sidekick import messages

    queue: deque[dict[str, Any]] = deque()
    before = peak_rss_mb()
    for n in range(count):
        queue.append(messages.update("label", "label-1", "setText", {"text": f"update {n}"}))
    print(json.dumps({"mb_per_million": (peak_rss_mb() - before) * 1e6 / count}), flush=True)


RESTART_HERO = """
import sidekick
sidekick.Label("still here", instance_id="label-1")
sidekick.run_forever()
"""


async def ui_until_state(url: str) -> float:
    """A UI peer that (re)connects every 50 ms; returns when the hero's label arrives."""
    from websockets.asyncio.client import connect
    from websockets.exceptions import WebSocketException

    while True:
        try:
            async with connect(url, compression=None, max_size=None, open_timeout=2) as ws:
                await ws.send(json.dumps({"id": 0, "component": "system", "type": "announce",
                                          "payload": {"peerId": "bench-ui", "role": "sidekick",
                                                      "status": "online", "version": "bench",
                                                      "timestamp": int(time.time() * 1000)}}))
                async for raw in ws:
                    if '"spawn"' in raw and "still here" in raw:
                        return time.time()
        except (TimeoutError, OSError, WebSocketException):  # relay not back yet
            await asyncio.sleep(0.05)


# -- orchestration -----------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(port: int) -> tuple[subprocess.Popen[str], float]:
    process = subprocess.Popen(
        ["node", str(REPO / "server" / "bin" / "sidekick.js"), "serve", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        if re.search(r"listening on http://127\.0\.0\.1:\d+", line):
            return process, time.time()
    raise RuntimeError("the Sidekick server did not start (run `npx tsc -b server` first)")


def child(role: str, url: str, count: int) -> float:
    out = subprocess.run([sys.executable, __file__, role, str(count)], capture_output=True,
                         text=True, timeout=300, check=True,
                         env=dict(os.environ, SIDEKICK_URL=url, SIDEKICK_UI_TIMEOUT="0"))
    figure: float = json.loads(out.stdout.strip().splitlines()[-1])["mb_per_million"]
    return figure


def restart_ms(port: int, server: subprocess.Popen[str], run: int) -> tuple[float, Any]:
    url = f"ws://127.0.0.1:{port}/?session=bench-restart-{run}"
    hero = subprocess.Popen([sys.executable, "-c", RESTART_HERO],
                            env=dict(os.environ, SIDEKICK_URL=url, SIDEKICK_UI_TIMEOUT="0"),
                            stderr=subprocess.DEVNULL)
    try:
        asyncio.run(ui_until_state(url))  # up before the restart
        server.kill()
        server.wait(30)
        time.sleep(2)
        server, listening = start_server(port)
        shown = asyncio.run(ui_until_state(url))
        return (shown - listening) * 1000, server
    finally:
        hero.terminate()
        hero.wait(30)


def main() -> None:
    port = free_port()
    server, _ = start_server(port)
    try:
        url = f"ws://127.0.0.1:{port}/?session=bench-no-ui"
        ours = child("memory-ours", url, UPDATES)
        queue = child("memory-queue", url, QUEUED)
        restarts = []
        for run in range(RESTARTS):
            ms, server = restart_ms(port, server, run)
            restarts.append(ms)
    finally:
        server.terminate()
        server.wait(30)
    print(json.dumps({
        "no_ui_mb_per_million": ours,
        "queue_mb_per_million": queue,
        "restart_to_state_ms": sorted(restarts)[len(restarts) // 2],
    }))


if __name__ == "__main__":
    role = sys.argv[1] if len(sys.argv) > 1 else "main"
    if role == "memory-ours":
        memory_ours(int(sys.argv[2]))
    elif role == "memory-queue":
        memory_queue(int(sys.argv[2]))
    else:
        main()
