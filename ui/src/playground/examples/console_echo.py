"""Console echo: type a line, Python answers it."""

import sidekick

console = sidekick.Console(show_input=True)
console.print("Type something and press Enter. Try 'help'.")
lines = []


@console.submit
def answer(event):
    text = event.value.strip()
    if text == "help":
        console.print("Commands: help, count, clear. Anything else is echoed back.")
    elif text == "count":
        console.print(f"You have sent {len(lines)} lines.")
    elif text == "clear":
        console.clear()
    else:
        lines.append(text)
        console.print(f"You said: {text!r} ({len(text)} characters)")


sidekick.run_forever()
