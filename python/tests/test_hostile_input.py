"""Whatever a UI or relay sends, the hero survives and loses nothing.

Hostile UI→hero traffic goes through the library's real inbound path: every
invalid message of the shared protocol vectors, and hand-made junk (frames
that are not JSON or not objects, nesting deeper than any parser allows,
payloads of the wrong JSON type, events with missing or mistyped fields,
bad ids, unknown types, malformed announces), each aimed at an existing
component of every interactive type and at an unknown id. The rules:

- nothing escapes to the caller and nothing is logged as an error (no
  traceback: the library did not fall over somewhere and get caught);
- each piece of junk is logged as a warning that names what was wrong;
- no user callback is called with it, and no state a reloaded UI would see
  changes;
- valid events sent after all of it still reach the right callbacks, with
  the right values, and what the script sends still goes out.

Hero→UI commands (spawn/update/remove/clearAll) are legitimate traffic from
another hero in the same session: a hero does not read them, so for those
vectors a debug line "not for a hero" is the expected outcome unless their
envelope itself is broken (docs/python-library.md, Inbound messages).
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from typing import Any

import pytest
from fake_transport import FakeTransport, ui_online
from protocol_vectors import load_vectors

import sidekick
from sidekick import inbound, messages
from sidekick.connection import ConnectionService
from sidekick.connection_core import ConnectionCore, Status

# An existing component of each type the vectors name, and one nobody has.
IDS = {
    "button": "button-1", "textbox": "textbox-1", "console": "console-1", "grid": "grid-1",
    "canvas": "canvas-1", "label": "label-1", "markdown": "markdown-1", "row": "row-1",
    "column": "column-1", "viz": "viz-1",
}
UNKNOWN_ID = "ghost-1"
COMMANDS = ("spawn", "update", "remove", "clearAll", "batch")
DEEP = 100_000  # far deeper than any JSON parser's recursion limit
OWN_ID: Any = object()  # event(): aim at the component's existing id


@dataclass(frozen=True)
class Junk:
    name: str
    frame: str  # the text frame as it arrives
    says: str  # the warning must contain this: what was wrong
    command: bool = False  # a hero→UI command: a debug line is enough
    routed: bool = False  # only the component can tell (past the core's check)


def event(component: str, src: Any = OWN_ID, *, missing: tuple[str, ...] = (),
          **payload: Any) -> dict[str, Any]:
    message: dict[str, Any] = {"id": 0, "component": component, "type": "event",
                               "src": IDS[component] if src is OWN_ID else src,
                               "payload": payload}
    for key in missing:
        message.pop(key)
    return message


def sidekick_announce(**changes: Any) -> dict[str, Any]:
    message = ui_online("ui-junk")
    message["payload"].update(changes)
    return message


def frame(message: Any) -> str:
    return json.dumps(message)


def vector_junk() -> list[Junk]:
    """Every invalid vector, as sent and (where it names a src) aimed at an unknown id."""
    out: list[Junk] = []
    for file, data in load_vectors().items():
        for entry in data["invalid"]:
            message, reason = entry["message"], entry["reason"]
            field = reason.split(":")[0].split(" ")[0]  # "payload.y must be >= 0" -> "payload.y"
            says = "JSON object" if field == "message" else field
            command = isinstance(message, dict) and message.get("type") in COMMANDS
            out.append(Junk(f"{file}: {entry['name']}", frame(message), says, command))
            if isinstance(message, dict) and isinstance(message.get("src"), str):
                aimed = dict(message, src=UNKNOWN_ID)
                out.append(Junk(f"{file}: {entry['name']} (unknown id)", frame(aimed), says,
                                command))
    return out


def hand_made_junk() -> list[Junk]:
    out: list[Junk] = []

    def add(name: str, message: Any, says: str, routed: bool = False) -> None:
        out.append(Junk(name, message if isinstance(message, str) else frame(message), says,
                        routed=routed))

    interactive = {"button": {"event": "click"}, "textbox": {"event": "submit", "value": "v"},
                   "console": {"event": "submit", "value": "v"},
                   "grid": {"event": "click", "x": 1, "y": 1},
                   "canvas": {"event": "click", "x": 1, "y": 1}}
    for component, good in interactive.items():
        for src in (IDS[component], UNKNOWN_ID):
            for bad in ([1, 2], [good], "click", 7, 1.5, True, None):
                message = event(component, src)
                message["payload"] = bad
                add(f"{component} event, payload {bad!r}, src {src}", message, "payload")
            add(f"{component} event without payload.event", event(component, src, **{
                k: v for k, v in good.items() if k != "event"}), "payload.event")
            add(f"{component} event with a numeric event", event(component, src, **dict(
                good, event=1)), "payload.event")
            add(f"{component} event without payload", event(component, src, missing=("payload",),
                                                            **good), "payload")
        for bad_src in (5, [IDS[component]], None, "", {"id": IDS[component]}):
            add(f"{component} event, src {bad_src!r}", event(component, bad_src, **good), "src")
        add(f"{component} event without src", event(component, missing=("src",), **good), "src")
        add(f"{component} event, id '0'", dict(event(component, **good), id="0"), "id")
        add(f"{component} event without id", event(component, missing=("id",), **good), "id")
        add(f"{component} error, message {{}}", {"id": 0, "component": component, "type": "error",
                                                "src": IDS[component],
                                                "payload": {"message": {}}}, "payload.message")
        add(f"{component} error, payload list", {"id": 0, "component": component, "type": "error",
                                                 "src": IDS[component], "payload": ["boom"]},
            "payload")
    for component in ("textbox", "console"):
        for bad in (5, None, [], ["x"], {"a": "b"}, True, 2.5):
            add(f"{component} submit, value {bad!r}", event(component, event="submit", value=bad),
                "payload.value")
        nested: Any = "x"
        for _ in range(500):  # parseable, but deeper than any log line should print
            nested = [nested]
        add(f"{component} submit, value nested 500 deep",
            event(component, event="submit", value=nested), "payload.value")
        add(f"{component} submit, no value", event(component, event="submit"), "payload.value")
    for axis, other in (("x", "y"), ("y", "x")):
        for bad in ("1", 1.5, True, None, -1, -(10**400), [1], {"v": 1}):
            add(f"grid click, {axis}={bad!r}",
                event("grid", event="click", **{axis: bad, other: 0}), f"payload.{axis}")
        add(f"grid click without {axis}", event("grid", event="click", **{other: 0}),
            f"payload.{axis}")
        for bad in ("1", True, None, [1], {"v": 1}):
            add(f"canvas click, {axis}={bad!r}", event("canvas", event="click",
                                                      **{axis: bad, other: 0}), f"payload.{axis}")
        add(f"canvas click without {axis}", event("canvas", event="click", **{other: 0}),
            f"payload.{axis}")
        overflow = frame(event("canvas", event="click", **{axis: 0, other: 0})).replace(
            f'"{axis}": 0', f'"{axis}": 1e999')  # parses as infinity
        add(f"canvas click, {axis} overflows to infinity", overflow, f"payload.{axis}")
    add("grid click outside the grid", event("grid", event="click", x=10, y=0), "outside",
        routed=True)
    add("grid click far outside the grid", event("grid", event="click", x=0, y=10**400),
        "outside", routed=True)
    add("grid click at a huge float", event("grid", event="click", x=1e300, y=0), "outside",
        routed=True)
    add("a grid click sent for a button", event("grid", IDS["button"], event="click", x=0, y=0),
        "button", routed=True)
    add("a textbox submit sent for a console", event("textbox", IDS["console"], event="submit",
                                                     value="x"), "console", routed=True)
    add("a click with NaN (not JSON)", '{"id": 0, "component": "canvas", "type": "event", '
        '"src": "canvas-1", "payload": {"event": "click", "x": NaN, "y": 0}}', "not JSON")
    for bad_type in ("teleport", 5, None, ["event"], ""):
        add(f"type {bad_type!r}", dict(event("button", event="click"), type=bad_type), "type")
    add("no type", event("button", missing=("type",), event="click"), "type")
    for bad_component in (5, None, ["button"], {"c": 1}):
        add(f"component {bad_component!r}", dict(event("button", event="click"),
                                                 component=bad_component), "component")
    add("no component", event("button", missing=("component",), event="click"), "component")
    add("a spawn whose payload is a string", {"id": 0, "component": "button", "type": "spawn",
                                              "target": "button-1", "payload": "hi"}, "payload")
    announce_fields: list[tuple[str, Any]] = [
        ("peerId", 5), ("peerId", ""), ("peerId", None), ("peerId", ["ui"]),
        ("role", ["sidekick"]), ("role", "admin"), ("role", None), ("status", 1),
        ("status", "away"), ("status", ["online"]), ("version", 2), ("version", None),
        ("timestamp", "now"), ("timestamp", -1), ("timestamp", True), ("timestamp", None),
    ]
    for key, bad in announce_fields:
        add(f"sidekick announce, {key}={bad!r}", sidekick_announce(**{key: bad}), f"payload.{key}")
    for bad in ([1], "online", 3, None):
        add(f"announce payload {bad!r}", dict(sidekick_announce(), payload=bad), "payload")
    add("an announce that is not from system", dict(sidekick_announce(), component="grid"),
        "component")
    for text in ("", " ", "{not json", "{'single': 'quotes'}", '{"id": 0, "component": "bu',
                 "\x00", "undefined", '{"a": Infinity}', "\ud800"):
        add(f"frame {text[:20]!r}", text, "not JSON")
    for value in ([], [1, 2], 42, -1.5, "hello", None, True, False):
        add(f"JSON {value!r}", frame(value), "JSON object")
    add("an array nested 100,000 deep", "[" * DEEP + "]" * DEEP, "not JSON")
    add("an event whose payload nests 100,000 deep",
        '{"id": 0, "component": "button", "type": "event", "src": "button-1", "payload": '
        + '{"a": ' * DEEP + "1" + "}" * DEEP + "}", "not JSON")
    return out


ALL_JUNK = vector_junk() + hand_made_junk()


class Recorder:
    """Every user callback records what it was called with."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []

    def __call__(self, name: str) -> Any:
        return lambda event: self.calls.append((name, event))


def make_components(record: Recorder) -> dict[str, Any]:
    """An existing component for every id the junk aims at, every callback recording."""
    made: dict[str, Any] = {
        "button": sidekick.Button("b", instance_id="button-1", on_click=record("button")),
        "textbox": sidekick.Textbox("start", instance_id="textbox-1",
                                    on_submit=record("textbox")),
        "console": sidekick.Console(show_input=True, instance_id="console-1",
                                    on_submit=record("console")),
        "grid": sidekick.Grid(10, 10, instance_id="grid-1", on_click=record("grid")),
        "canvas": sidekick.Canvas(100, 100, instance_id="canvas-1", on_click=record("canvas")),
        "label": sidekick.Label("l", instance_id="label-1"),
        "markdown": sidekick.Markdown("m", instance_id="markdown-1"),
        "row": sidekick.Row(instance_id="row-1"),
        "column": sidekick.Column(instance_id="column-1"),
        "viz": sidekick.Viz(instance_id="viz-1"),
    }
    for name, component in made.items():
        component.on_error(record(f"{name} error"))
    return made


VALID_EVENTS = [
    event("button", event="click"),
    event("textbox", event="submit", value="hello"),
    event("console", event="submit", value="typed"),
    event("grid", event="click", x=9, y=3),
    event("canvas", event="click", x=10.5, y=20),
    {"id": 0, "component": "button", "type": "error", "src": "button-1",
     "payload": {"message": "could not apply"}},
]
EXPECTED_CALLS = [
    ("button", sidekick.ButtonClickEvent("button-1", "click")),
    ("textbox", sidekick.TextboxSubmitEvent("textbox-1", "submit", "hello")),
    ("console", sidekick.ConsoleSubmitEvent("console-1", "submit", "typed")),
    ("grid", sidekick.GridClickEvent("grid-1", "click", 9, 3)),
    ("canvas", sidekick.CanvasClickEvent("canvas-1", "click", 10, 20)),
    ("button error", sidekick.ErrorEvent("button-1", "error", "could not apply")),
]


def settle(service: ConnectionService) -> None:
    """Wait until the loop has handled everything injected so far."""
    marker = threading.Event()
    service._tm.call_soon_threadsafe(marker.set)
    assert marker.wait(20), "the loop stopped answering"


def check_logged(junk: Junk, records: list[logging.LogRecord]) -> None:
    warnings = [r.getMessage() for r in records if r.levelno == logging.WARNING]
    if junk.command and not warnings:
        assert any("not for a hero" in r.getMessage() for r in records), (junk.name, records)
        return
    assert warnings, f"{junk.name}: no warning was logged"
    assert any(junk.says in w for w in warnings), f"{junk.name}: {warnings!r} lacks {junk.says!r}"


def test_junk_from_the_ui_is_logged_and_dropped_and_nothing_is_lost(
    service: ConnectionService, transport: FakeTransport, caplog: pytest.LogCaptureFixture
) -> None:
    record = Recorder()
    components = make_components(record)
    service.activate()
    transport.inject(ui_online())
    service.wait_for_connection()
    caplog.set_level(logging.DEBUG)
    for junk in ALL_JUNK:
        start = len(caplog.records)
        transport.inject_text(junk.frame)
        settle(service)
        check_logged(junk, caplog.records[start:])
        assert record.calls == [], f"{junk.name} reached a callback: {record.calls!r}"
    # The hero still sends, and still receives: every valid event reaches its callback.
    components["label"].text = "after the junk"
    for message in VALID_EVENTS:
        transport.inject(message)
    settle(service)
    assert record.calls == EXPECTED_CALLS
    assert components["textbox"].value == "hello"
    transport.wait_for(lambda f: any(m.get("payload", {}).get("options") == {
        "text": "after the junk"} for m in f))
    # A reloaded UI sees the state the valid traffic made, nothing of the junk.
    before = len(transport.frames)
    transport.inject(ui_online("ui-2"))
    frames = transport.wait_for(lambda f: any(
        m.get("type") == "spawn" and m["target"] == "viz-1" for m in f[before:]))
    spawns = {m["target"]: m["payload"] for m in frames[before:] if m.get("type") == "spawn"}
    assert spawns["textbox-1"] == {"value": "hello"}
    assert set(spawns) == set(IDS.values())
    assert service.status is Status.ACTIVE and not transport.closed
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, [r.getMessage() for r in errors]


def core_with_components() -> ConnectionCore:
    shown = [messages.clear_all(),
             messages.spawn("textbox", "textbox-1", {"value": "start"})]
    core = ConnectionCore("hero-test", "test", lambda: list(shown))
    core.connecting()
    core.transport_opened("ws://test", None)
    core.receive(ui_online())
    assert core.status is Status.ACTIVE
    core.send({"id": 0, "component": "textbox", "type": "spawn", "target": "textbox-1",
               "payload": {"value": "start"}})
    for component, instance_id in IDS.items():
        if component != "textbox":
            core.send({"id": 0, "component": component, "type": "spawn",
                       "target": instance_id, "payload": {}})
    core.data_to_send()
    return core


@pytest.mark.parametrize("junk", [j for j in ALL_JUNK if not j.routed], ids=lambda j: j.name)
def test_the_core_drops_junk_with_a_warning(
    junk: Junk, caplog: pytest.LogCaptureFixture
) -> None:
    # The sans-I/O core is fed decoded messages; text that does not decode is
    # the facade's to drop (the test above), so here it arrives as the raw text.
    core = core_with_components()
    try:
        message: Any = inbound.decode(junk.frame)  # as the facade decodes frames
    except (ValueError, RecursionError):
        message = junk.frame
    caplog.set_level(logging.DEBUG, logger="sidekick")
    core.receive(message)
    if isinstance(message, str):
        assert "JSON object" in caplog.text
    else:
        check_logged(junk, caplog.records)
    assert core.events_received() == []
    assert core.data_to_send() == []  # in particular no replay for a malformed announce
    assert core.status is Status.ACTIVE and core.ui_count == 1
    # The state a reloaded UI gets is untouched: the textbox keeps its value.
    core.receive(ui_online("ui-2"))
    replay = {m.get("target"): m.get("payload") for m in core.data_to_send()}
    assert replay["textbox-1"] == {"value": "start"}


def test_a_callback_that_raises_does_not_stop_later_events(
    service: ConnectionService, transport: FakeTransport, caplog: pytest.LogCaptureFixture
) -> None:
    seen: list[Any] = []

    def fails_once(event: Any) -> None:
        seen.append(event)
        if len(seen) == 1:
            raise ValueError("a mistake in the user's callback")

    async def fails_async(event: Any) -> None:
        seen.append(event)
        raise KeyError("a mistake in an async callback")

    button = sidekick.Button("b", on_click=fails_once)
    textbox = sidekick.Textbox(on_submit=fails_async)
    service.activate()
    transport.inject(ui_online())
    service.wait_for_connection()
    for message in (event("button", button.instance_id, event="click"),
                    event("textbox", textbox.instance_id, event="submit", value="t"),
                    event("button", button.instance_id, event="click")):
        transport.inject(message)
    settle(service)
    settle(service)  # the async callback's task has run too
    # The async callback runs as a task, so possibly after the second click.
    assert sorted(type(e).__name__ for e in seen) == [
        "ButtonClickEvent", "ButtonClickEvent", "TextboxSubmitEvent"]
    logged = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert [r.exc_info[1].args[0] for r in logged if r.exc_info and r.exc_info[1]] == [
        "a mistake in the user's callback", "a mistake in an async callback"]
    assert service.status is Status.ACTIVE
