"""The panel the docs' screenshots show: one of most components, as a learner's
program would make them. Run by screenshots.mjs; it waits until stopped."""

import sidekick

sidekick.Markdown("## Game of life\nClick a cell to bring it to life, then press **Start**.")
status = sidekick.Label("Generation 12 (stopped)")
sidekick.Row(sidekick.Button("Start"), sidekick.Button("Stop"), status)

grid = sidekick.Grid(25, 25)
glider = [(1, 0), (2, 1), (0, 2), (1, 2), (2, 2)]
for dx, dy in [(0, 0), (8, 4), (15, 12), (4, 17)]:
    for x, y in glider:
        grid.set_color(x + dx, y + dy, "#2e7d32")
grid.set_text(24, 24, "7")

canvas = sidekick.Canvas(400, 300)
canvas.draw_rect(20, 20, 160, 100, fill_color="#ffcc80", line_color="#e65100", line_width=3)
canvas.draw_circle(280, 160, 70, fill_color="#90caf9", line_color="#0d47a1", line_width=2)
canvas.draw_text(30, 260, "drawn by Python", text_color="#333333", text_size=22)

console = sidekick.Console(show_input=True)
console.print("generation 11: 20 alive")
console.print("generation 12: 20 alive")

viz = sidekick.Viz()
viz.show("alive", glider[:3])
viz.show("settings", {"speed": 0.25, "wrap": True})

sidekick.Label("ready for screenshots")
sidekick.run_forever()
