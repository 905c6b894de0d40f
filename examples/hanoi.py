"""The tower of Hanoi, drawn on a canvas, move by move.

Move the whole tower from peg A to peg C, one disk at a time, never putting a
bigger disk on a smaller one. The recursive solution needs 2**n - 1 moves.

    sidekick run examples/hanoi.py
"""

import os
from time import sleep

import sidekick

DISKS = 4
DELAY = float(os.environ.get("SIDEKICK_EXAMPLE_DELAY", "0.6"))
WIDTH, HEIGHT = 420, 200
PEG_X = {"A": 70, "B": 210, "C": 350}
FLOOR_Y = 170
DISK_HEIGHT = 20
DISK_COLORS = ["#e53935", "#fb8c00", "#fdd835", "#43a047", "#1e88e5", "#8e24aa"]

canvas = sidekick.Canvas(WIDTH, HEIGHT)
status = sidekick.Label()
log = sidekick.Console()
pegs = {"A": list(range(DISKS, 0, -1)), "B": [], "C": []}  # bottom disk first


def draw():
    # Draw the next picture offscreen and show it in one step: no flicker.
    with canvas.buffer() as frame:
        frame.clear()
        frame.draw_rect(0, 0, WIDTH, HEIGHT, fill_color="#fafafa")
        # The base is a trapezoid.
        frame.draw_polygon(
            [(10, FLOOR_Y + 20), (30, FLOOR_Y), (WIDTH - 30, FLOOR_Y), (WIDTH - 10, FLOOR_Y + 20)],
            fill_color="#795548",
        )
        for name, x in PEG_X.items():
            frame.draw_line(x, FLOOR_Y, x, 40, line_color="#5d4037", line_width=6)
            frame.draw_text(x - 5, 25, name, text_color="#333333", text_size=16)
            for level, disk in enumerate(pegs[name]):
                width = 24 + disk * 20
                top = FLOOR_Y - (level + 1) * DISK_HEIGHT
                frame.draw_rect(
                    x - width / 2,
                    top,
                    width,
                    DISK_HEIGHT - 2,
                    fill_color=DISK_COLORS[disk - 1],
                    line_color="#212121",
                    line_width=1,
                )


def hanoi(n, source, target, spare):
    """Yield the moves (disk, from, to) that carry n disks from source to target."""
    if n == 0:
        return
    yield from hanoi(n - 1, source, spare, target)
    yield n, source, target
    yield from hanoi(n - 1, spare, target, source)


total = 2**DISKS - 1
status.text = f"{DISKS} disks on peg A: {total} moves to go"
draw()
for number, (disk, source, target) in enumerate(hanoi(DISKS, "A", "C", "B"), start=1):
    sleep(DELAY)
    pegs[target].append(pegs[source].pop())
    draw()
    status.text = f"Move {number} of {total}: disk {disk} from {source} to {target}"
    log.print(f"{number:2}. disk {disk}: {source} -> {target}")
log.print("Done: the tower stands on peg C.")
# The script ends here; Sidekick delivers everything sent so far before exiting.
