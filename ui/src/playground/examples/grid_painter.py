"""Grid painter: click a cell to paint it, pick the colour with the buttons."""

import sidekick

COLOURS = {"Red": "#e5484d", "Green": "#30a46c", "Blue": "#3e63dd", "Eraser": None}

grid = sidekick.Grid(10, 8)
label = sidekick.Label("Colour: Red. Click the grid to paint.")
buttons = sidekick.Row()
state = {"colour": "Red", "painted": 0}


def choose(name):
    def on_click(event):
        state["colour"] = name
        label.text = f"Colour: {name}. {state['painted']} cells painted."

    return on_click


for name in COLOURS:
    sidekick.Button(name, parent=buttons, on_click=choose(name))


@grid.click
def paint(event):
    state["painted"] += 1
    grid.set_color(event.x, event.y, COLOURS[state["colour"]])
    label.text = f"Colour: {state['colour']}. {state['painted']} cells painted."


# A diagonal to start with.
for i in range(8):
    grid.set_color(i, i, "#ffb224")

sidekick.run_forever()
