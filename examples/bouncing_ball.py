"""A ball bouncing inside a canvas, animated with double buffering.

Each frame is drawn into an offscreen buffer and shown in one step, so the
ball never flickers. `submit_interval` calls `frame()` 30 times a second.
Click anywhere on the canvas to throw the ball from there.

    sidekick run examples/bouncing_ball.py
"""

import sidekick

WIDTH, HEIGHT = 320, 240
RADIUS = 16
BALL_COLOR = "#e53935"

canvas = sidekick.Canvas(WIDTH, HEIGHT)
info = sidekick.Label("Click the canvas to throw the ball from there.")

x, y = 60.0, 60.0
dx, dy = 4.0, 3.0
bounces = 0


def frame():
    global x, y, dx, dy, bounces
    x += dx
    y += dy
    # Bounce off the walls: reverse the speed and stay inside.
    if x < RADIUS or x > WIDTH - RADIUS:
        dx = -dx
        x = min(max(x, RADIUS), WIDTH - RADIUS)
        bounces += 1
    if y < RADIUS or y > HEIGHT - RADIUS:
        dy = -dy
        y = min(max(y, RADIUS), HEIGHT - RADIUS)
        bounces += 1
    with canvas.buffer() as buffer:
        buffer.clear()
        buffer.draw_rect(0, 0, WIDTH, HEIGHT, fill_color="#e3f2fd")
        # A shadow on the floor that grows as the ball comes down.
        shadow = 4 + 12 * y / HEIGHT
        buffer.draw_ellipse(x, HEIGHT - 6, shadow, shadow / 4, fill_color="#90a4ae")
        buffer.draw_circle(x, y, RADIUS, fill_color=BALL_COLOR, line_color="#b71c1c")
        buffer.draw_text(8, 20, f"bounces: {bounces}", text_color="#37474f", text_size=14)


@canvas.click
def throw(event):
    global x, y
    x, y = float(event.x), float(event.y)
    info.text = f"Thrown from ({event.x}, {event.y})"


sidekick.submit_interval(frame, 1 / 30)
sidekick.run_forever()
