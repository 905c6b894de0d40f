"""Bubble sort, watched live in the variable inspector (Viz).

The list lives in an ObservableValue, so every swap reaches the Viz panel
as a small change (only the two items), and the panel highlights it.
The sort is a coroutine: `await asyncio.sleep` lets Sidekick keep working
between steps. Press the button to shuffle and sort again.

    sidekick run examples/sorting_viz.py
"""

import asyncio
import os
import random

import sidekick

# Seconds between two comparisons (the tests set a smaller value).
DELAY = float(os.environ.get("SIDEKICK_EXAMPLE_DELAY", "0.3"))

viz = sidekick.Viz()
again = sidekick.Button("Shuffle and sort again")
numbers = sidekick.ObservableValue([5, 2, 9, 1, 7, 3, 8, 6, 4])
viz.show("numbers", numbers)
viz.show("settings", {"algorithm": "bubble sort", "delay": DELAY})
busy = False  # True while a sort runs


async def bubble_sort():
    global busy
    comparisons = swaps = 0
    for end in range(len(numbers) - 1, 0, -1):
        for i in range(end):
            comparisons += 1
            if numbers[i] > numbers[i + 1]:
                numbers[i], numbers[i + 1] = numbers[i + 1], numbers[i]
                swaps += 1
            viz.show("progress", {"comparisons": comparisons, "swaps": swaps, "done": False})
            await asyncio.sleep(DELAY)
    viz.show("progress", {"comparisons": comparisons, "swaps": swaps, "done": True})
    busy = False


@again.click
async def shuffle_and_sort(event):
    global busy
    if busy:
        return  # one sort at a time
    busy = True
    shuffled = list(numbers)
    random.shuffle(shuffled)
    numbers.set(shuffled)
    await bubble_sort()


busy = True
sidekick.submit_task(bubble_sort())
sidekick.run_forever()
