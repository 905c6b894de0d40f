"""Replay to a reloaded or late UI (issue 8): the live components describe themselves."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from conftest import RecordingService, assert_valid
from fake_transport import FakeTransport, ui_online
from jsonschema import Draft202012Validator

import sidekick
from sidekick import messages, viz_tree
from sidekick.components.canvas import CANVAS_COMMAND_CAP
from sidekick.components.console import CONSOLE_TEXT_CAP
from sidekick.connection import ConnectionService


def replay_of(service: RecordingService) -> list[dict[str, Any]]:
    return service.snapshot()


def updates(messages: list[dict[str, Any]], target: str) -> list[tuple[str, Any]]:
    return [(m["payload"]["action"], m["payload"].get("options"))
            for m in messages if m.get("target") == target and m["type"] == "update"]


def build_every_component() -> dict[str, Any]:
    row = sidekick.Row()
    column = sidekick.Column(parent=row)
    grid = sidekick.Grid(4, 3, parent=column)
    grid.set_color(0, 0, "red")
    grid.set_color(0, 0, "blue")  # coalesced: only the last colour
    grid.set_color(1, 1, "green")
    grid.set_color(1, 1, None)  # cleared
    grid.set_text(2, 2, "A")
    console = sidekick.Console("start\n", show_input=True)
    console.print("one")
    console.print("two", 3)
    canvas = sidekick.Canvas(100, 80, parent=row)
    canvas.draw_line(0, 0, 10, 10, line_color="red")
    canvas.clear()
    canvas.draw_rect(1, 2, 3, 4, fill_color="blue")
    with canvas.buffer() as frame:
        frame.draw_circle(50, 40, 10, fill_color="black")
        frame.draw_polygon([(0, 0), (5, 0), (5, 5)])
    viz = sidekick.Viz()
    items = sidekick.ObservableValue([1, 2])
    viz.show("items", items)
    items.append(3)
    items[0] = 10
    del items[1]
    table = sidekick.ObservableValue({"a": 1})
    viz.show("table", table)
    table["b"] = 2
    table.pop("a")
    tags = sidekick.ObservableValue({"x"})
    viz.show("tags", tags)
    tags.add("y")
    tags.discard("x")
    viz.show("gone", 5)
    viz.remove_variable("gone")
    label = sidekick.Label("old", parent=column)
    label.text = "new"
    button = sidekick.Button("Go")
    button.text = "Stop"
    markdown = sidekick.Markdown("# Hi")
    markdown.text = "# Bye"
    textbox = sidekick.Textbox("v", placeholder="p")
    textbox.placeholder = "type here"
    doomed = sidekick.Label("doomed")
    doomed.remove()
    return locals()


def test_replay_rebuilds_every_component_type(
    recorder: RecordingService, validator: Draft202012Validator
) -> None:
    made = build_every_component()
    replay = replay_of(recorder)
    for message in replay:
        assert_valid(validator, message)
    assert replay[0] == messages.clear_all()
    spawned = [m["target"] for m in replay if m["type"] == "spawn"]
    # Parent before child, document order preserved; removed components absent.
    assert spawned == [
        made["row"].instance_id, made["column"].instance_id, made["grid"].instance_id,
        made["label"].instance_id, made["canvas"].instance_id, made["console"].instance_id,
        made["viz"].instance_id, made["button"].instance_id, made["markdown"].instance_id,
        made["textbox"].instance_id,
    ]
    by_id = {m["target"]: m for m in replay if m["type"] == "spawn"}
    assert by_id[made["grid"].instance_id]["payload"]["parent"] == made["column"].instance_id
    assert by_id[made["label"].instance_id]["payload"] == {
        "text": "new", "parent": made["column"].instance_id}
    assert by_id[made["button"].instance_id]["payload"] == {"text": "Stop"}
    assert by_id[made["markdown"].instance_id]["payload"] == {"text": "# Bye"}
    assert by_id[made["textbox"].instance_id]["payload"] == {
        "value": "v", "placeholder": "type here"}
    assert updates(replay, made["grid"].instance_id) == [
        ("setColor", {"x": 0, "y": 0, "color": "blue"}),
        ("setText", {"x": 2, "y": 2, "text": "A"}),
    ]
    assert updates(replay, made["console"].instance_id) == [
        ("append", {"text": "start\none\ntwo 3\n"})]
    assert by_id[made["console"].instance_id]["payload"]["showInput"] is True
    canvas_updates = updates(replay, made["canvas"].instance_id)
    assert [a for a, _ in canvas_updates] == [
        "createBuffer", "drawCircle", "drawPolygon", "drawCircle", "drawPolygon"]
    # The offscreen buffer is still alive and keeps its frame; the frame shown
    # with drawBuffer (after clearing the visible canvas, so drawRect is gone)
    # is replayed onto the visible canvas (bufferId 0).
    assert canvas_updates[1][1]["bufferId"] == 1
    assert canvas_updates[3][1]["bufferId"] == 0
    viz_updates = {m["payload"]["variableName"]: m["payload"]["options"]["valueRepresentation"]
                   for m in replay if m.get("target") == made["viz"].instance_id
                   and m["type"] == "update"}
    assert sorted(viz_updates) == ["items", "table", "tags"]
    assert [n["value"] for n in viz_updates["items"]["value"]] == [10, 3]
    assert [(e["key"]["value"], e["value"]["value"]) for e in viz_updates["table"]["value"]] == [
        ("b", 2)]
    assert [n["value"] for n in viz_updates["tags"]["value"]] == ["y"]


def test_every_message_the_components_send_is_valid(
    recorder: RecordingService, validator: Draft202012Validator
) -> None:
    build_every_component()
    assert recorder.sent
    for message in recorder.sent:
        assert_valid(validator, message)


def test_replay_of_a_canvas_keeps_the_last_commands_past_the_cap(
    recorder: RecordingService, caplog: pytest.LogCaptureFixture
) -> None:
    canvas = sidekick.Canvas(10, 10)
    for n in range(CANVAS_COMMAND_CAP + 5):
        canvas.draw_line(0, 0, n, n)
    replay = replay_of(recorder)
    lines = [o for a, o in updates(replay, canvas.instance_id) if a == "drawLine"]
    assert len(lines) == CANVAS_COMMAND_CAP
    assert lines[-1]["x2"] == CANVAS_COMMAND_CAP + 4
    assert lines[0]["x2"] == 5
    assert "replay cap" in caplog.text


def test_replay_after_clear_all_and_moves(recorder: RecordingService) -> None:
    sidekick.Label("before")
    sidekick.clear_all()
    a = sidekick.Label("a")
    b = sidekick.Label("b")
    row = sidekick.Row(b)  # moves b into the row
    row.add_child(a)
    replay = replay_of(recorder)
    spawns = [(m["target"], m["payload"].get("parent")) for m in replay if m["type"] == "spawn"]
    assert spawns == [(row.instance_id, None), (b.instance_id, row.instance_id),
                      (a.instance_id, row.instance_id)]


def test_removing_a_container_drops_its_subtree(recorder: RecordingService) -> None:
    column = sidekick.Column()
    inner = sidekick.Label("x", parent=column)
    column.remove()
    assert [m for m in replay_of(recorder) if m["type"] == "spawn"] == []
    with pytest.raises(sidekick.ComponentRemovedError):
        inner.text = "y"


def test_textbox_replay_follows_what_the_user_submitted(recorder: RecordingService) -> None:
    box = sidekick.Textbox("first")
    box._handle_message({"id": 0, "component": "textbox", "type": "event",
                         "src": box.instance_id, "payload": {"event": "submit", "value": "typed"}})
    spawn = next(m for m in replay_of(recorder) if m["type"] == "spawn")
    assert spawn["payload"]["value"] == "typed"


def test_replay_of_a_console_keeps_the_last_characters_past_the_cap(
    recorder: RecordingService, caplog: pytest.LogCaptureFixture
) -> None:
    console = sidekick.Console()
    line = "x" * 99 + "\n"
    for _ in range(CONSOLE_TEXT_CAP // 100 * 3):
        console.print(line, end="")
    console.print("last")
    (shown,) = [o["text"] for a, o in updates(replay_of(recorder), console.instance_id)]
    assert len(shown) == CONSOLE_TEXT_CAP and shown.endswith("x\nlast\n")
    assert "replay cap" in caplog.text
    console.clear()
    assert updates(replay_of(recorder), console.instance_id) == []


def test_viz_nested_set_at_path_is_folded() -> None:
    tree = {"type": "list", "id": "l", "value": [
        {"type": "list", "id": "a", "value": [{"type": "int", "value": 1, "id": "1"},
                                              {"type": "int", "value": 2, "id": "2"}]},
        {"type": "list", "id": "b", "value": [{"type": "int", "value": 3, "id": "3"}]}]}
    viz_tree.apply(tree, "set", [0, 1], {"valueRepresentation": {
        "type": "int", "value": 9, "id": "n-x"}})
    assert tree["value"][0]["value"][1]["value"] == 9


def test_viz_nested_observable_changes_are_folded(recorder: RecordingService) -> None:
    """Nested changes arrive fine-grained at deep paths (also under a None key); the
    replayed variable is what a whole re-send would show, in one message."""
    from sidekick.viz_repr import represent

    def bare(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: bare(v) for k, v in node.items() if k != "id"}
        return [bare(v) for v in node] if isinstance(node, list) else node

    inner = sidekick.ObservableValue([1])
    table = sidekick.ObservableValue({None: inner, "n": 0})
    data = sidekick.ObservableValue({"t": table, "rows": [inner]})
    viz = sidekick.Viz()
    viz.show("data", data)
    inner.append(2)
    table["x"] = sidekick.ObservableValue({"k": 1})
    table["x"]["k"] = 2
    del table["n"]
    inner.set([3])
    nested = [m["payload"]["options"]["path"] for m in recorder.sent[-7:]]
    assert nested == [["t", None, 1], ["rows", 0, 1], ["t", "x"], ["t", "x", "k"], ["t", "n"],
                      ["t", None], ["rows", 0]]
    replayed = updates(replay_of(recorder), viz.instance_id)
    assert len(replayed) == 1
    assert bare(replayed[0][1]["valueRepresentation"]) == bare(represent(data))


def test_folding_viz_changes_never_changes_a_sent_message(recorder: RecordingService) -> None:
    viz = sidekick.Viz()
    items = sidekick.ObservableValue([1])
    viz.show("xs", items)
    sent = recorder.sent[-1]
    items.append(2)
    assert [n["value"] for n in sent["payload"]["options"]["valueRepresentation"]["value"]] == [1]
    (replayed,) = [o for a, o in updates(replay_of(recorder), viz.instance_id)]
    assert [n["value"] for n in replayed["valueRepresentation"]["value"]] == [1, 2]


def test_a_change_and_its_message_are_queued_under_the_registry_lock(
    service: ConnectionService,
) -> None:
    held: list[bool] = []
    service.send(messages.clear_all(), lambda: held.append(service.components.lock.locked()))
    assert held == [True]


class _Probe:
    """A registered component that notes whether the snapshot holds the lock."""

    component_type = "label"
    instance_id = "probe"
    _parent_id = messages.ROOT_ID

    def __init__(self, service: ConnectionService) -> None:
        self.service = service
        self.locked: list[bool] = []

    def _handle_message(self, message: dict[str, Any]) -> None:
        pass

    def _mark_removed(self) -> None:
        pass

    def _describe(self) -> list[dict[str, Any]]:
        self.locked.append(self.service.components.lock.locked())
        return [messages.spawn("label", "probe", {"text": "p"})]


def test_a_late_ui_gets_each_change_exactly_once_while_the_script_keeps_printing(
    service: ConnectionService, transport: FakeTransport
) -> None:
    probe = _Probe(service)
    service.components.add(probe)
    console = sidekick.Console()
    transport.inject(ui_online("ui-1"))
    service.wait_for_connection()
    lines = [f"line {n}\n" for n in range(3000)]

    def write() -> None:
        for line in lines:
            console.print(line, end="")

    writer = threading.Thread(target=write)
    writer.start()
    transport.wait_for(lambda f: sum(m.get("type") == "update" for m in f) > 100)
    transport.inject(ui_online("ui-2"))
    writer.join(20)

    def replayed_and_all_sent(frames: list[dict[str, Any]]) -> bool:
        clears = [i for i, m in enumerate(frames) if m["type"] == "clearAll"]
        texts = [m.get("payload", {}).get("options", {}).get("text") for m in frames]
        # The last line comes after the replay, or inside it (a replay drops the
        # frames still queued before it, since the snapshot holds them).
        last_after_replay = lines[-1] in texts and texts.index(lines[-1]) > clears[-1]
        return len(clears) == 2 and (last_after_replay or "".join(lines) in texts)

    frames = transport.wait_for(replayed_and_all_sent)
    # What a UI shows: everything after the last clearAll (the snapshot), then the stream.
    last_clear = max(i for i, m in enumerate(frames) if m["type"] == "clearAll")
    assert probe.locked == [True, True]  # each snapshot (first UI, then ui-2) under the lock
    shown = "".join(m["payload"]["options"]["text"] for m in frames[last_clear:]
                    if m.get("target") == console.instance_id and m["type"] == "update")
    assert shown == "".join(lines)
