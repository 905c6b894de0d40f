"""Components: each API call produces the shared vector's message; argument
errors are raised before anything is sent; events reach callbacks."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Callable

import pytest
from conftest import RecordingService
from protocol_vectors import valid_message

import sidekick

CALLS: list[tuple[str, str, Callable[[], Any]]] = [
    ("grid", "spawn", lambda: sidekick.Grid(3, 2, instance_id="grid-1")),
    ("grid", "update setColor", lambda: grid().set_color(2, 1, "red")),
    ("grid", "update setColor with rgba", lambda: grid().set_color(0, 0, "rgba(0, 128, 255, 0.5)")),
    ("grid", "update setColor null clears", lambda: grid().set_color(0, 0, None)),
    ("grid", "update setText", lambda: grid().set_text(1, 0, "A")),
    ("grid", "update setText null clears", lambda: grid().set_text(1, 0, None)),
    ("grid", "update clearCell", lambda: grid().clear_cell(2, 1)),
    ("grid", "update clear", lambda: grid().clear()),
    ("grid", "remove", lambda: grid().remove()),
    ("grid", "spawn one cell in a column",
     lambda: sidekick.Grid(1, 1, instance_id="grid-1", parent="column-1")),
    ("console", "spawn", lambda: sidekick.Console(show_input=True, instance_id="console-1")),
    ("console", "spawn without input and with text",
     lambda: sidekick.Console("Welcome!\n", instance_id="console-1")),
    ("console", "update append", lambda: console().print("Hello,", "world")),
    ("console", "update append empty", lambda: console().print(end="")),
    ("console", "update clear", lambda: console().clear()),
    ("canvas", "spawn", lambda: sidekick.Canvas(400, 300, instance_id="canvas-1")),
    ("canvas", "spawn with a description for screen readers",
     lambda: sidekick.Canvas(400, 300, instance_id="canvas-1",
                             description="A red ball bouncing in a box")),
    ("canvas", "update clear", lambda: canvas().clear()),
    ("canvas", "update clear buffer", lambda: canvas().clear(buffer_id=2)),
    ("canvas", "update drawLine", lambda: canvas().draw_line(0, 0, 100, 50)),
    ("canvas", "update drawLine styled into a buffer",
     lambda: canvas().draw_line(0.5, 0.5, 99.5, 10, line_color="#ff0000", line_width=3,
                                buffer_id=1)),
    ("canvas", "update drawRect", lambda: canvas().draw_rect(10, 20, 30, 40)),
    ("canvas", "update drawRect filled",
     lambda: canvas().draw_rect(10, 20, 30, 40, fill_color="blue", line_color="black",
                                line_width=1.5)),
    ("canvas", "update drawCircle", lambda: canvas().draw_circle(200, 150, 25)),
    ("canvas", "update drawCircle filled in a buffer",
     lambda: canvas().draw_circle(20, 20, 0, fill_color="yellow", buffer_id=1)),
    ("canvas", "update drawEllipse",
     lambda: canvas().draw_ellipse(200, 150, 80, 40, fill_color="green")),
    ("canvas", "update drawPolyline", lambda: canvas().draw_polyline([(0, 0), (10, 5)])),
    ("canvas", "update drawPolygon",
     lambda: canvas().draw_polygon([(0, 0), (10, 5), (20, 20)])),
    ("canvas", "update drawText", lambda: canvas().draw_text(10, 20, "Score: 10")),
    ("canvas", "update drawText styled",
     lambda: canvas().draw_text(10, 20, "Hi", text_color="white", text_size=24, buffer_id=1)),
    ("label", "spawn", lambda: sidekick.Label("Hello", instance_id="label-1")),
    ("label", "spawn with empty text", lambda: sidekick.Label(instance_id="label-1")),
    ("label", "spawn in a row", lambda: sidekick.Label("Go", instance_id="label-1",
                                                       parent="row-1")),
    ("label", "update setText", lambda: set_text(sidekick.Label("x", instance_id="label-1"))),
    ("button", "spawn", lambda: sidekick.Button("Hello", instance_id="button-1")),
    ("button", "update setText", lambda: set_text(sidekick.Button("x", instance_id="button-1"))),
    ("markdown", "spawn",
     lambda: sidekick.Markdown("# Title\n\nSome *emphasis*.", instance_id="markdown-1")),
    ("markdown", "update setText",
     lambda: set_text(sidekick.Markdown("x", instance_id="markdown-1"))),
    ("textbox", "spawn",
     lambda: sidekick.Textbox("Ada", placeholder="Your name", instance_id="textbox-1")),
    ("textbox", "spawn empty", lambda: sidekick.Textbox(instance_id="textbox-1")),
    ("textbox", "spawn in a column",
     lambda: sidekick.Textbox(placeholder="Type here", instance_id="textbox-1",
                              parent="column-1")),
    ("textbox", "update setValue", lambda: set_attr(textbox(), "value", "Grace")),
    ("textbox", "update setValue empty", lambda: set_attr(textbox(), "value", "")),
    ("textbox", "update setPlaceholder",
     lambda: set_attr(textbox(), "placeholder", "Search...")),
    ("row", "spawn", lambda: sidekick.Row(instance_id="row-1")),
    ("row", "spawn inside another container",
     lambda: sidekick.Row(instance_id="row-1", parent="column-9")),
    ("column", "spawn", lambda: sidekick.Column(instance_id="column-1")),
    ("viz", "spawn", lambda: sidekick.Viz(instance_id="viz-1")),
    ("viz", "update removeVariable", lambda: viz().remove_variable("xs")),
    ("global", "clearAll", lambda: sidekick.clear_all()),
]


def grid() -> sidekick.Grid:
    return sidekick.Grid(3, 2, instance_id="grid-1")


def console() -> sidekick.Console:
    return sidekick.Console(instance_id="console-1")


def canvas() -> sidekick.Canvas:
    return sidekick.Canvas(400, 300, instance_id="canvas-1")


def textbox() -> sidekick.Textbox:
    return sidekick.Textbox(instance_id="textbox-1")


def viz() -> sidekick.Viz:
    return sidekick.Viz(instance_id="viz-1")


def set_text(component: Any) -> None:
    component.text = "Stop"


def set_attr(component: Any, name: str, value: str) -> None:
    setattr(component, name, value)


@pytest.mark.parametrize(("file", "name", "call"), CALLS, ids=[f"{f}: {n}" for f, n, _ in CALLS])
def test_api_call_sends_the_vector_message(
    recorder: RecordingService, file: str, name: str, call: Callable[[], Any]
) -> None:
    call()
    assert recorder.sent[-1] == valid_message(file, name)


def test_auto_ids_are_type_and_counter(recorder: RecordingService) -> None:
    first, second = sidekick.Label(), sidekick.Label()
    assert first.instance_id.startswith("label-") and second.instance_id.startswith("label-")
    assert first.instance_id != second.instance_id
    assert first.component_type == "label"


def test_row_children_are_moved_in(recorder: RecordingService) -> None:
    label = sidekick.Label("x", instance_id="label-2")
    row = sidekick.Row(label, instance_id="row-1")
    assert recorder.sent[-2]["target"] == "row-1"
    assert recorder.sent[-1] == {
        "id": 0, "component": "label", "type": "update", "target": "label-2",
        "payload": {"action": "changeParent", "options": {"parent": "row-1"}}}
    with pytest.raises(ValueError):
        label_row = sidekick.Column(instance_id="column-3", parent=row)
        label_row.add_child(row)


BAD_CALLS: list[tuple[Callable[[], Any], type[Exception]]] = [
    (lambda: sidekick.Grid(0, 3), ValueError),
    (lambda: sidekick.Grid("3", 3), TypeError),
    (lambda: sidekick.Grid(3, 3, on_click=5), TypeError),
    (lambda: grid().set_color(3, 0, "red"), ValueError),
    (lambda: grid().set_color(0, -1, "red"), ValueError),
    (lambda: grid().set_color(0.5, 0, "red"), TypeError),
    (lambda: grid().set_color(0, 0, 7), TypeError),
    (lambda: sidekick.Canvas(-1, 10), ValueError),
    (lambda: sidekick.Canvas(10, 10, description=5), TypeError),  # type: ignore[arg-type]
    (lambda: canvas().draw_polyline([(0, 0)]), ValueError),
    (lambda: canvas().draw_polygon([(0, 0), (1, 1)]), ValueError),
    (lambda: canvas().draw_polygon([(0, 0), (1, 1), "x"]), TypeError),
    (lambda: canvas().draw_circle(0, 0, -2), ValueError),
    (lambda: canvas().draw_line(0, 0, float("nan"), 1), ValueError),
    (lambda: canvas().draw_rect(0, 0, "wide", 1), TypeError),
    (lambda: sidekick.Label(5), TypeError),
    (lambda: sidekick.Label("x", parent=5), TypeError),
    (lambda: sidekick.Label("x", parent=sidekick.Label("not a container")), TypeError),
    (lambda: sidekick.Row(5), TypeError),
    (lambda: sidekick.Console(show_input="yes"), TypeError),
    (lambda: sidekick.Viz().show(5, 1), TypeError),
    (lambda: sidekick.submit_interval(lambda: None, 0), ValueError),
    (lambda: sidekick.set_url("http://x"), ValueError),
]


@pytest.mark.parametrize(("call", "error"), BAD_CALLS)
def test_argument_errors_raise_before_anything_is_sent(
    recorder: RecordingService, call: Callable[[], Any], error: type[Exception]
) -> None:
    with pytest.raises(error):
        call()
    # Only the helper components built inside the lambda may have been sent.
    assert all(m["type"] == "spawn" for m in recorder.sent)


def test_use_after_remove_raises_a_clear_error(recorder: RecordingService) -> None:
    g = grid()
    g.remove()
    with pytest.raises(sidekick.ComponentRemovedError, match=r"grid-1.*removed"):
        g.set_color(0, 0, "red")
    with pytest.raises(RuntimeError):  # also a RuntimeError
        g.clear()
    with pytest.warns(UserWarning, match="already removed"):
        g.remove()


def test_clear_all_removes_every_component_object(recorder: RecordingService) -> None:
    label = sidekick.Label("x")
    sidekick.clear_all()
    with pytest.raises(sidekick.ComponentRemovedError):
        label.text = "y"


def ui(kind: str, src: str, component: str, **payload: Any) -> dict[str, Any]:
    return {"id": 0, "component": component, "type": kind, "src": src, "payload": payload}


def test_events_reach_callbacks_and_decorators(recorder: RecordingService) -> None:
    seen: list[Any] = []
    g = grid()

    @g.click
    def on_cell(event: sidekick.GridClickEvent) -> None:
        seen.append(event)

    assert callable(on_cell)
    g._handle_message(valid_message("grid", "event click"))
    button = sidekick.Button("b", instance_id="button-1", on_click=seen.append)
    button._handle_message(ui("event", "button-1", "button", event="click"))
    box = textbox()
    box.on_submit(seen.append)
    box._handle_message(ui("event", "textbox-1", "textbox", event="submit", value="hi"))
    cons = sidekick.Console(show_input=True, instance_id="console-1")

    @cons.submit
    def on_line(event: sidekick.ConsoleSubmitEvent) -> None:
        seen.append(event)

    cons._handle_message(ui("event", "console-1", "console", event="submit", value="line"))
    cv = canvas()
    cv.on_click(seen.append)
    cv._handle_message(ui("event", "canvas-1", "canvas", event="click", x=5, y=6))
    cv.on_error(seen.append)
    cv._handle_message(ui("error", "canvas-1", "canvas", message="bad"))
    assert seen == [
        sidekick.GridClickEvent("grid-1", "click", 2, 0),
        sidekick.ButtonClickEvent("button-1", "click"),
        sidekick.TextboxSubmitEvent("textbox-1", "submit", "hi"),
        sidekick.ConsoleSubmitEvent("console-1", "submit", "line"),
        sidekick.CanvasClickEvent("canvas-1", "click", 5, 6),
        sidekick.ErrorEvent("canvas-1", "error", "bad"),
    ]
    assert box.value == "hi"
    assert isinstance(seen[0], sidekick.BaseSidekickEvent)


def test_callback_errors_are_logged_with_the_traceback(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import sidekick.connection as connection_module
    from sidekick.connection import ConnectionService

    service = ConnectionService()
    monkeypatch.setattr(connection_module, "_service", service)
    monkeypatch.setattr(service, "send", lambda message, keep=None: None)

    def broken(event: Any) -> None:
        raise ZeroDivisionError("user bug")

    button = sidekick.Button("b", on_click=broken)
    with caplog.at_level(logging.ERROR, logger="sidekick"):
        button._handle_message(ui("event", button.instance_id, "button", event="click"))
    assert "on_click" in caplog.text
    assert "ZeroDivisionError: user bug" in caplog.text
    assert "in broken" in caplog.text  # the user's frame is in the traceback

    async def async_broken(event: Any) -> None:
        raise KeyError("async bug")

    button.on_click(async_broken)
    caplog.clear()

    async def drive() -> None:
        with caplog.at_level(logging.ERROR, logger="sidekick"):
            button._handle_message(ui("event", button.instance_id, "button", event="click"))
            await asyncio.sleep(0.01)

    asyncio.run(drive())
    assert "async bug" in caplog.text


def test_canvas_buffer_double_buffers(recorder: RecordingService) -> None:
    cv = canvas()
    with cv.buffer() as frame:
        frame.draw_rect(0, 0, 5, 5)
    with cv.buffer() as frame:  # the buffer is reused, not created again
        frame.draw_rect(1, 1, 5, 5)
    actions = [(m["payload"]["action"], m["payload"].get("options")) for m in recorder.sent[1:]]
    assert actions == [
        ("createBuffer", {"bufferId": 1}),
        ("clear", {"bufferId": 1}),
        ("drawRect", {"x": 0, "y": 0, "width": 5, "height": 5, "bufferId": 1}),
        ("clear", None),
        ("drawBuffer", {"sourceBufferId": 1, "targetBufferId": 0}),
        ("clear", {"bufferId": 1}),
        ("drawRect", {"x": 1, "y": 1, "width": 5, "height": 5, "bufferId": 1}),
        ("clear", None),
        ("drawBuffer", {"sourceBufferId": 1, "targetBufferId": 0}),
    ]
    assert cv.ONSCREEN_BUFFER_ID == 0 and cv.width == 400 and cv.height == 300


def test_observable_value_behaves_like_its_value(recorder: RecordingService) -> None:
    items = sidekick.ObservableValue([3, 1])
    changes: list[Any] = []
    unsubscribe = items.subscribe(changes.append)
    items.append(2)
    items.insert(0, 9)
    assert items.pop() == 2
    items.remove(9)
    items[0] = 4
    del items[0]
    assert len(items) == 1 and list(items) == [1] and 1 in items and items == [1]
    assert repr(items) == "ObservableValue([1])" and items.count(1) == 1
    unsubscribe()
    items.clear()
    assert [c.action for c in changes] == ["append", "insert", "pop", "remove", "setitem",
                                           "delitem"]
    table = sidekick.ObservableValue({})
    viz = sidekick.Viz(instance_id="viz-1")
    viz.show("t", table)
    table.update(a=1)
    assert recorder.sent[-1]["payload"]["action"] == "setitem"
    assert recorder.sent[-1]["payload"]["options"]["path"] == ["a"]


def test_nested_observable_values_update_the_viz(recorder: RecordingService) -> None:
    inner = sidekick.ObservableValue([1, 2])
    outer = sidekick.ObservableValue({"a": 1})
    viz = sidekick.Viz(instance_id="viz-1")
    viz.show("outer", outer)
    outer["inner"] = inner  # root change: fine-grained, then the new inner is watched
    assert recorder.sent[-1]["payload"]["action"] == "setitem"
    inner.append(3)  # nested change: fine-grained at its path (tests/test_viz_nested.py)
    last = recorder.sent[-1]["payload"]
    assert last["action"] == "append" and last["options"]["path"] == ["inner", 2]
    assert last["options"]["valueRepresentation"]["value"] == 3
    plain = [sidekick.ObservableValue(0)]
    viz.show("plain", plain)
    plain[0].set(5)
    assert recorder.sent[-1]["payload"]["variableName"] == "plain"
    viz.remove_variable("plain")
    count = len(recorder.sent)
    plain[0].set(6)  # no longer watched
    assert len(recorder.sent) == count


def without_ids(value: Any) -> Any:
    """A message with every representation node id removed (ids are ours)."""
    if isinstance(value, dict):
        return {k: without_ids(v) for k, v in value.items() if k != "id" or "type" not in value}
    if isinstance(value, list):
        return [without_ids(v) for v in value]
    return value


def viz_calls(recorder: RecordingService) -> dict[str, dict[str, Any]]:
    viz = sidekick.Viz(instance_id="viz-1")
    made: dict[str, dict[str, Any]] = {}
    viz.show("answer", 42)
    made["update set scalar"] = recorder.sent[-1]
    seen = sidekick.ObservableValue({1})
    viz.show("seen", seen)
    made["update set observable set"] = recorder.sent[-1]
    other = sidekick.ObservableValue({0})
    viz.show("seen", other)
    other.add(1)
    other.discard(1)
    made["update add_set"], made["update discard_set"] = recorder.sent[-2], recorder.sent[-1]
    xs = sidekick.ObservableValue([0, 0, 0])
    viz.show("xs", xs)
    xs[1] = 1
    made["update setitem list"] = recorder.sent[-1]
    xs.append(1)
    made["update append"] = recorder.sent[-1]
    xs.insert(0, 1)
    made["update insert"] = recorder.sent[-1]
    xs.pop()
    made["update pop"] = recorder.sent[-1]
    xs.remove(1)
    made["update remove"] = recorder.sent[-1]
    xs.clear()
    made["update clear"] = recorder.sent[-1]
    person = sidekick.ObservableValue({"name": "Ada", "born": 1815})
    viz.show("person", person)
    person["age"] = 36
    made["update setitem dict"] = recorder.sent[-1]
    del person["age"]
    made["update delitem"] = recorder.sent[-1]
    return made


def test_viz_calls_send_the_vector_messages(recorder: RecordingService) -> None:
    for name, message in viz_calls(recorder).items():
        assert without_ids(message) == without_ids(valid_message("viz", name)), name
