"""Conway's Game of Life on a Sidekick grid.

Every cell is alive (green) or dead. At each generation a live cell with two
or three live neighbours survives, a dead cell with exactly three is born, and
every other cell dies or stays dead. The board wraps around at the edges.

Click a cell to toggle it; Start and Stop control the animation.

    sidekick run examples/game_of_life.py
"""

import sidekick

COLUMNS, ROWS = 24, 16
ALIVE_COLOR = "#2e7d32"
SECONDS_PER_GENERATION = 0.25

# A glider (it crawls diagonally forever) and a blinker (it flips in place).
alive = {(1, 0), (2, 1), (0, 2), (1, 2), (2, 2), (17, 7), (17, 8), (17, 9)}
generation = 0
running = True

grid = sidekick.Grid(COLUMNS, ROWS)
status = sidekick.Label()
start_button = sidekick.Button("Start")
stop_button = sidekick.Button("Stop")
clear_button = sidekick.Button("Clear")
sidekick.Row(start_button, stop_button, clear_button, status)


def show_status():
    state = "running" if running else "stopped"
    status.text = f"Generation {generation} ({state})"


def live_neighbours(x, y):
    count = 0
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            if (dx, dy) != (0, 0) and ((x + dx) % COLUMNS, (y + dy) % ROWS) in alive:
                count += 1
    return count


def next_generation():
    # Only live cells and their neighbours can be alive next time.
    candidates = set()
    for x, y in alive:
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                candidates.add(((x + dx) % COLUMNS, (y + dy) % ROWS))
    born_or_kept = set()
    for cell in candidates:
        n = live_neighbours(*cell)
        if n == 3 or (n == 2 and cell in alive):
            born_or_kept.add(cell)
    return born_or_kept


def step():
    # Called by Sidekick every SECONDS_PER_GENERATION seconds.
    global alive, generation
    if not running:
        return
    new_alive = next_generation()
    # Send only the cells that changed: a few messages instead of the whole board.
    for x, y in alive - new_alive:
        grid.set_color(x, y, None)
    for x, y in new_alive - alive:
        grid.set_color(x, y, ALIVE_COLOR)
    alive = new_alive
    generation += 1
    show_status()


@grid.click
def toggle(event):
    cell = (event.x, event.y)
    if cell in alive:
        alive.remove(cell)
        grid.set_color(event.x, event.y, None)
    else:
        alive.add(cell)
        grid.set_color(event.x, event.y, ALIVE_COLOR)


@start_button.click
def start(event):
    global running
    running = True
    show_status()


@stop_button.click
def stop(event):
    global running
    running = False
    show_status()


@clear_button.click
def clear(event):
    alive.clear()
    grid.clear()


for x, y in alive:
    grid.set_color(x, y, ALIVE_COLOR)
show_status()
sidekick.submit_interval(step, SECONDS_PER_GENERATION)
sidekick.run_forever()
