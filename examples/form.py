"""A small form laid out with rows and columns.

Labels and text boxes sit side by side in rows, the rows stack in a column,
and a Markdown block shows the result when you press Send. A text box reports
its value when you press Enter or leave it.

    sidekick run examples/form.py
"""

import sidekick

sidekick.Markdown("## Workshop sign-up\nFill in both fields, then press **Send**.")

name_box = sidekick.Textbox(placeholder="Ada Lovelace")
language_box = sidekick.Textbox(placeholder="Python")
send_button = sidekick.Button("Send")
reset_button = sidekick.Button("Reset")
greeting = sidekick.Label("Hello, stranger.")

sidekick.Column(
    sidekick.Row(sidekick.Label("Name"), name_box),
    sidekick.Row(sidekick.Label("Favourite language"), language_box),
    sidekick.Row(send_button, reset_button),
    greeting,
)
result = sidekick.Markdown("*Nothing sent yet.*")


@name_box.submit
def name_changed(event):
    greeting.text = f"Hello, {event.value or 'stranger'}."


@send_button.click
def send(event):
    name = name_box.value.strip()
    language = language_box.value.strip()
    if not name or not language:
        result.text = "Please fill in **both** fields."
        return
    result.text = f"### Thank you, {name}!\n\nSee you at the **{language}** table."


@reset_button.click
def reset(event):
    name_box.value = ""
    language_box.value = ""
    greeting.text = "Hello, stranger."
    result.text = "*Nothing sent yet.*"


sidekick.run_forever()
