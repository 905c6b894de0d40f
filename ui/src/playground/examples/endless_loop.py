"""Endless loop: a busy `while True` that only the Stop button ends."""

import time

print("Counting forever. Press Stop to interrupt the loop.")
n = 0
last = time.monotonic()
while True:
    n += 1
    now = time.monotonic()
    if now - last >= 0.5:
        print(f"still counting: {n:,}")
        last = now
