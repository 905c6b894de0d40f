"""A counter written with asyncio and `run_forever_async`.

Buttons change the count; their handlers are coroutines, so "+10 slowly" can
pause between steps without freezing anything. A background task counts the
seconds since the start at the same time.

    sidekick run examples/async_counter.py
"""

import asyncio
import contextlib

import sidekick

count = 0
count_label = sidekick.Label("Count: 0")
minus = sidekick.Button("-1")
plus = sidekick.Button("+1")
slow = sidekick.Button("+10 slowly")
reset = sidekick.Button("Reset")
sidekick.Row(minus, count_label, plus, slow, reset)
clock = sidekick.Label("Running for 0 s")


def add(amount):
    global count
    count += amount
    count_label.text = f"Count: {count}"


@plus.click
async def on_plus(event):
    add(1)


@minus.click
async def on_minus(event):
    add(-1)


@slow.click
async def on_slow(event):
    for _ in range(10):
        add(1)
        await asyncio.sleep(0.1)


@reset.click
async def on_reset(event):
    add(-count)


async def tick():
    seconds = 0
    while True:
        await asyncio.sleep(1)
        seconds += 1
        clock.text = f"Running for {seconds} s"


async def main():
    ticker = asyncio.create_task(tick())
    try:
        await sidekick.run_forever_async()  # until Ctrl+C or sidekick.shutdown()
    finally:
        ticker.cancel()


with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C ends the program quietly
    asyncio.run(main())
