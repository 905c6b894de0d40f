"""Canvas drawing: shapes, text, and a circle wherever you click."""

import math

import sidekick

canvas = sidekick.Canvas(360, 240)
info = sidekick.Label("Click the canvas to drop circles.")

canvas.draw_rect(10, 10, 120, 70, fill_color="#a5d8ff", line_color="#1c7ed6", line_width=2)
canvas.draw_circle(200, 60, 40, fill_color="#ffd8a8", line_color="#e8590c")
canvas.draw_ellipse(300, 60, 45, 25, fill_color="#d3f9d8")
canvas.draw_line(10, 120, 350, 120, line_color="#868e96", line_width=1)
wave = [(10 + x, 170 + 30 * math.sin(x / 25)) for x in range(0, 341, 10)]
canvas.draw_polyline(wave, line_color="#7048e8", line_width=3)
canvas.draw_polygon([(300, 200), (340, 230), (260, 230)], fill_color="#ffc9c9")
canvas.draw_text(16, 228, "Hello from Python", text_color="#495057", text_size=16)
clicks = 0


@canvas.click
def drop(event):
    global clicks
    clicks += 1
    canvas.draw_circle(event.x, event.y, 8, fill_color="#e64980", line_color="#a61e4d")
    info.text = f"{clicks} circles; last at ({event.x}, {event.y})."


sidekick.run_forever()
