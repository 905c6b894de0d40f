"""Button counter: Python counts your clicks."""

import sidekick

count = 0
label = sidekick.Label("Not clicked yet.")
row = sidekick.Row()
plus = sidekick.Button("Click me", parent=row)
reset = sidekick.Button("Reset", parent=row)


@plus.click
def more(event):
    global count
    count += 1
    plus.text = f"Clicked {count} times"
    label.text = "Python saw the click." if count == 1 else f"Python saw {count} clicks."


@reset.click
def back(event):
    global count
    count = 0
    plus.text = "Click me"
    label.text = "Reset."


sidekick.run_forever()
