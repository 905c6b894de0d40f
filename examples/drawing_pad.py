"""A drawing pad: click on the canvas to draw connected dots.

Each click draws a dot and a line from the previous dot. Pick a colour with
the buttons, close the current shape into a filled polygon, or clear the pad.

    sidekick run examples/drawing_pad.py
"""

import sidekick

WIDTH, HEIGHT = 400, 300
COLORS = {"Black": "#212121", "Red": "#e53935", "Blue": "#1e88e5"}

canvas = sidekick.Canvas(WIDTH, HEIGHT)
toolbar = sidekick.Row()
status = sidekick.Label()
color = COLORS["Black"]
points = []  # the dots of the current shape


def choose(name):
    # Each colour button gets its own small click handler.
    def on_click(event):
        global color
        color = COLORS[name]
        points.clear()  # a new colour starts a new shape
        status.text = f"Pen: {name.lower()}"

    return on_click


for name in COLORS:
    sidekick.Button(name, parent=toolbar, on_click=choose(name))
fill_button = sidekick.Button("Fill shape", parent=toolbar)
clear_button = sidekick.Button("Clear", parent=toolbar)


def draw_background():
    canvas.draw_rect(0, 0, WIDTH, HEIGHT, fill_color="#ffffff", line_color="#9e9e9e")
    canvas.draw_text(10, 20, "Click to draw", text_color="#9e9e9e", text_size=14)


@canvas.click
def dot(event):
    if points:
        canvas.draw_line(*points[-1], event.x, event.y, line_color=color, line_width=3)
    canvas.draw_circle(event.x, event.y, 5, fill_color=color, line_color=color)
    points.append((event.x, event.y))
    status.text = f"{len(points)} dots in this shape"


@fill_button.click
def fill(event):
    if len(points) < 3:
        status.text = "A shape needs at least 3 dots."
        return
    canvas.draw_polygon(points, fill_color=color, line_color=color, line_width=3)
    points.clear()
    status.text = "Filled; the next click starts a new shape."


@clear_button.click
def clear(event):
    canvas.clear()
    draw_background()
    points.clear()
    status.text = "Cleared."


draw_background()
status.text = "Pen: black"
sidekick.run_forever()
