"""A to-do list: components created and removed while the program runs.

Type a task and press Enter: a new row (label + Done button) is added to the
list. Done removes that row again. The Viz panel shows the open tasks, kept in
an ObservableValue so each change arrives as one small update.

    sidekick run examples/todo_list.py
"""

import sidekick

sidekick.Markdown("## To do\nType a task and press **Enter**; press **Done** when it is done.")
new_task = sidekick.Textbox(placeholder="What needs doing?")
task_list = sidekick.Column()
summary = sidekick.Label("Nothing to do.")
viz = sidekick.Viz()
open_tasks = sidekick.ObservableValue([])
viz.show("open_tasks", open_tasks)
finished = 0


def show_summary():
    summary.text = f"{len(open_tasks)} open, {finished} done."


@new_task.submit
def add_task(event):
    text = event.value.strip()
    if not text:
        return
    new_task.value = ""  # empty the box for the next task
    done_button = sidekick.Button("Done")
    row = sidekick.Row(sidekick.Label(text), done_button, parent=task_list)
    open_tasks.append(text)
    show_summary()

    @done_button.click
    def finish(event):
        global finished
        row.remove()  # removes the row with its label and button
        open_tasks.remove(text)
        finished += 1
        show_summary()


sidekick.run_forever()
