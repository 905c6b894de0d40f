"""Benchmarks of the Python hero library through the real local relay.

    python bench/python/bench_python.py            # prints one JSON object

Figures (all measured in this run, on this machine):
- sidekick: 50,000 ``Grid(100, 100).set_color`` calls — calls/s returned to
  the script, and messages/s delivered to a fake UI peer;
- raw: a bare ``websockets`` sender doing ``json.dumps`` per message over one
  connection, through the same relay to the same fake UI (the baseline);
- batch frames: the same 50,000 calls to a fake UI that announces
  ``acceptsBatch`` — messages/s and the frames it received per 1,000
  messages, beside the same hero to a UI that does not (one message a frame);
- activation: process start -> spawn delivered to the UI (ms);
- round trip: UI click -> Python handler -> update back at the UI, p50/p99 (ms).

Each role runs in its own process so no two share a GIL.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
N = int(os.environ.get("BENCH_MESSAGES", "50000"))
ROUND_TRIPS = int(os.environ.get("BENCH_ROUND_TRIPS", "200"))


def announce(peer: str, role: str, accepts_batch: bool = False) -> str:
    payload: dict[str, Any] = {
        "peerId": peer, "role": role, "status": "online", "version": "bench",
        "timestamp": int(time.time() * 1000)}
    if accepts_batch:
        payload["acceptsBatch"] = True
    return json.dumps({"id": 0, "component": "system", "type": "announce", "payload": payload})


# -- roles (each runs in its own process) ----------------------------------------

async def receiver(url: str, expect: int, accepts_batch: bool) -> None:
    """The fake UI: announce, then report when the expected updates arrived, in how many frames."""
    from websockets.asyncio.client import connect

    async with connect(url, compression=None, max_size=None) as ws:
        await ws.send(announce("bench-ui", "sidekick", accepts_batch))
        print("ready", flush=True)
        first = None
        count = 0
        frames = 0
        async for raw in ws:
            updates = raw.count('"setColor"')  # one, or a batch frame's many
            if updates:
                count += updates
                frames += 1
                if first is None:
                    first = time.time()
                if count >= expect:
                    print(json.dumps({"first": first, "last": time.time(), "frames": frames}),
                          flush=True)
                    return


def hero(url: str) -> None:
    os.environ["SIDEKICK_URL"] = url
    import sidekick

    grid = sidekick.Grid(100, 100)
    sidekick.wait_for_connection()
    colors = ["red", "blue", "green", "black"]
    start = time.time()
    for n in range(N):
        grid.set_color(n % 100, (n // 100) % 100, colors[n & 3])
    returned = time.time()
    print(json.dumps({"start": start, "returned": returned}), flush=True)
    sidekick.shutdown(wait=True)


async def raw_sender(url: str) -> None:
    from websockets.asyncio.client import connect

    async with connect(url, compression=None, max_size=None) as ws:
        await ws.send(announce("bench-raw", "hero"))
        await asyncio.sleep(0.2)
        colors = ["red", "blue", "green", "black"]
        start = time.time()
        for n in range(N):
            await ws.send(json.dumps({
                "id": 0, "component": "grid", "type": "update", "target": "grid-1",
                "payload": {"action": "setColor", "options": {
                    "x": n % 100, "y": (n // 100) % 100, "color": colors[n & 3]}}}))
        print(json.dumps({"start": start, "returned": time.time()}), flush=True)
        await asyncio.sleep(0.5)


ACTIVATION_HERO = "import sidekick\nsidekick.Grid(100, 100)\n"

ROUND_TRIP_HERO = """
import sidekick
label = sidekick.Label("0")
button = sidekick.Button("go")
@button.click
def clicked(event):
    label.text = str(int(label.text) + 1)
sidekick.run_forever()
"""


async def round_trips(url: str, accepts_batch: bool = False) -> list[float]:
    from websockets.asyncio.client import connect

    async with connect(url, compression=None, max_size=None) as ws:
        await ws.send(announce("bench-rt", "sidekick", accepts_batch))
        async for raw in ws:
            if '"spawn"' in raw and '"button"' in raw:
                break
        click = json.dumps({"id": 0, "component": "button", "type": "event", "src": "button-1",
                            "payload": {"event": "click"}})
        samples = []
        for _ in range(ROUND_TRIPS):
            sent = time.perf_counter()
            await ws.send(click)
            async for raw in ws:
                if '"setText"' in raw:
                    samples.append((time.perf_counter() - sent) * 1000)
                    break
        return samples


# -- orchestration -----------------------------------------------------------------

def start_server() -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        ["node", str(REPO / "server" / "bin" / "sidekick.js"), "serve", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
        if match:
            return process, f"ws://127.0.0.1:{match.group(1)}"
    raise RuntimeError("the Sidekick server did not start (run `npx tsc -b server` first)")


def me(*args: str) -> list[str]:
    return [sys.executable, __file__, *args]


def run_pair(url: str, sender: str, accepts_batch: bool = False) -> dict[str, float]:
    receiver_process = subprocess.Popen(
        me("receiver", url, str(N), "batch" if accepts_batch else "single"),
        stdout=subprocess.PIPE, text=True)
    assert receiver_process.stdout is not None
    assert receiver_process.stdout.readline().strip() == "ready"
    sender_out = subprocess.run(me(sender, url), capture_output=True, text=True, timeout=300,
                                check=True).stdout
    received = json.loads(receiver_process.stdout.readline())
    receiver_process.wait(60)
    sent = json.loads(sender_out.strip().splitlines()[-1])
    return {
        "calls_per_s": N / (sent["returned"] - sent["start"]),
        "delivered_per_s": N / (received["last"] - sent["start"]),
        "frames_per_1000": 1000 * received["frames"] / N,
    }


def activation(url: str) -> float:
    receiver_process = subprocess.Popen(me("spawn-watch", url), stdout=subprocess.PIPE, text=True)
    assert receiver_process.stdout is not None
    assert receiver_process.stdout.readline().strip() == "ready"
    started = time.time()
    subprocess.run([sys.executable, "-c", ACTIVATION_HERO], env=dict(os.environ, SIDEKICK_URL=url),
                   check=True, timeout=60)
    spawned = float(receiver_process.stdout.readline())
    receiver_process.wait(30)
    return (spawned - started) * 1000


async def spawn_watch(url: str) -> None:
    from websockets.asyncio.client import connect

    async with connect(url, compression=None, max_size=None) as ws:
        await ws.send(announce("bench-spawn", "sidekick"))
        print("ready", flush=True)
        async for raw in ws:
            if '"spawn"' in raw:
                print(time.time(), flush=True)
                return


def main() -> None:
    server, base = start_server()
    try:
        ours = run_pair(f"{base}/?session=bench-ours", "hero")
        raw = run_pair(f"{base}/?session=bench-raw", "raw")
        batched = run_pair(f"{base}/?session=bench-batched", "hero", accepts_batch=True)
        activation_ms = statistics.median(
            activation(f"{base}/?session=bench-act-{i}") for i in range(3))
        url = f"{base}/?session=bench-rt"
        hero_process = subprocess.Popen([sys.executable, "-c", ROUND_TRIP_HERO],
                                        env=dict(os.environ, SIDEKICK_URL=url))
        samples = sorted(asyncio.run(round_trips(url)))
        hero_process.terminate()
        hero_process.wait(30)
        url = f"{base}/?session=bench-rt-batch"
        hero_process = subprocess.Popen([sys.executable, "-c", ROUND_TRIP_HERO],
                                        env=dict(os.environ, SIDEKICK_URL=url))
        batched_samples = sorted(asyncio.run(round_trips(url, accepts_batch=True)))
        hero_process.terminate()
        hero_process.wait(30)
    finally:
        server.terminate()
        server.wait(30)
    result: dict[str, Any] = {
        "messages": N,
        "sidekick_calls_per_s": ours["calls_per_s"],
        "sidekick_delivered_per_s": ours["delivered_per_s"],
        "raw_delivered_per_s": raw["delivered_per_s"],
        "ratio_delivered": ours["delivered_per_s"] / raw["delivered_per_s"],
        "activation_ms": activation_ms,
        "round_trip_p50_ms": samples[len(samples) // 2],
        "round_trip_p99_ms": samples[min(len(samples) - 1, int(len(samples) * 0.99))],
        "batched_delivered_per_s": batched["delivered_per_s"],
        "batched_frames_per_1000": batched["frames_per_1000"],
        "single_frames_per_1000": ours["frames_per_1000"],
        "batched_round_trip_p50_ms": batched_samples[len(batched_samples) // 2],
    }
    print(json.dumps(result))


if __name__ == "__main__":
    role = sys.argv[1] if len(sys.argv) > 1 else "main"
    if role == "receiver":
        asyncio.run(receiver(sys.argv[2], int(sys.argv[3]), sys.argv[4] == "batch"))
    elif role == "hero":
        hero(sys.argv[2])
    elif role == "raw":
        asyncio.run(raw_sender(sys.argv[2]))
    elif role == "spawn-watch":
        asyncio.run(spawn_watch(sys.argv[2]))
    else:
        main()
