"""A maze solved step by step with breadth-first search (BFS).

The maze is carved by a random depth-first walk. BFS then explores it from
the start S outwards, one cell at a time (light blue), until it reaches the
goal G, and the shortest path is traced back in gold. Click any open cell to
make it the new goal and watch the search again.

    sidekick run examples/maze.py
"""

import os
import queue
import random
from collections import deque
from time import sleep

import sidekick

COLUMNS, ROWS = 21, 15  # odd sizes: walls sit on the even rows and columns
START = (1, 1)
SEED = 7  # change it for another maze
LOOPS = 25
WALL, EXPLORED, PATH = "#37474f", "#bbdefb", "#ffb300"
# Seconds between two search steps (the tests set a smaller value).
DELAY = float(os.environ.get("SIDEKICK_EXAMPLE_DELAY", "0.03"))


def carve_maze(rng):
    """Return the set of wall cells of a random maze."""
    walls = {(x, y) for x in range(COLUMNS) for y in range(ROWS)}
    walls.discard(START)
    stack = [START]
    while stack:
        x, y = stack[-1]
        unvisited = [
            (x + dx, y + dy)
            for dx, dy in ((2, 0), (-2, 0), (0, 2), (0, -2))
            if 0 < x + dx < COLUMNS - 1 and 0 < y + dy < ROWS - 1 and (x + dx, y + dy) in walls
        ]
        if not unvisited:
            stack.pop()
            continue
        nx, ny = rng.choice(unvisited)
        walls.discard(((x + nx) // 2, (y + ny) // 2))  # knock down the wall between
        walls.discard((nx, ny))
        stack.append((nx, ny))
    # Open a few extra walls so that there are loops: several routes to choose from.
    for _ in range(LOOPS):
        x, y = rng.randrange(1, COLUMNS - 1), rng.randrange(1, ROWS - 1)
        if (x % 2) != (y % 2):  # a wall between two open cells, not a corner post
            walls.discard((x, y))
    return walls


walls = carve_maze(random.Random(SEED))
grid = sidekick.Grid(COLUMNS, ROWS)
status = sidekick.Label("Searching...")
for x, y in walls:
    grid.set_color(x, y, WALL)
grid.set_text(*START, "S")

# Clicks arrive on Sidekick's own thread; hand them to the main loop below,
# which does the slow, animated work.
clicked_cells = queue.Queue()
grid.on_click(lambda event: clicked_cells.put((event.x, event.y)))


def solve(goal, painted):
    """Animate BFS from START to goal; return the cells it coloured."""
    for cell in painted:
        grid.set_color(*cell, None)
    painted = []
    grid.set_text(*goal, "G")
    status.text = f"Searching for a path to {goal}..."
    came_from = {START: None}
    frontier = deque([START])
    while frontier:
        cell = frontier.popleft()
        if cell == goal:
            break
        x, y = cell
        for neighbour in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
            if neighbour not in walls and neighbour not in came_from:
                came_from[neighbour] = cell
                frontier.append(neighbour)
                grid.set_color(*neighbour, EXPLORED)
                painted.append(neighbour)
                sleep(DELAY)
    # Walk back from the goal to the start along came_from.
    steps = 0
    cell = came_from[goal]
    while cell is not None and cell != START:
        grid.set_color(*cell, PATH)
        steps += 1
        cell = came_from[cell]
    grid.set_color(*goal, PATH)
    status.text = (
        f"Path to {goal}: {steps + 1} steps, {len(painted)} cells explored. "
        "Click an open cell to choose a new goal."
    )
    return painted


goal = (COLUMNS - 2, ROWS - 2)
painted = []
try:
    while True:
        painted = solve(goal, painted)
        new_goal = clicked_cells.get()
        while new_goal in walls or new_goal == START:
            status.text = f"{new_goal} is not an open cell; click another one."
            new_goal = clicked_cells.get()
        grid.set_text(*goal, None)
        goal = new_goal
except KeyboardInterrupt:
    pass
finally:
    sidekick.shutdown()
