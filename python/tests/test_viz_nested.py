"""Changes of ObservableValues nested in a shown variable go out fine-grained.

Each change is sent at every path that leads from the variable's root to the
changed value now (walked at the time of the change), as a root change of the
same kind would be; the whole variable is re-sent only where no such path
exists. test_viz_nested_random.py checks that the updates, applied as
protocol.md describes, give what a whole re-send shows.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import RecordingService
from viz_support import Point, bare

import sidekick
from sidekick import ObservableValue
from sidekick.components import viz as viz_module
from sidekick.viz_repr import MAX_DEPTH, MAX_ITEMS, represent


def sent_since(recorder: RecordingService, count: int) -> list[tuple[str, dict[str, Any]]]:
    return [(m["payload"]["action"], bare(m["payload"]["options"])) for m in recorder.sent[count:]]


def rep(value: Any, depth: int = 0) -> dict[str, Any]:
    return bare(represent(value, depth))  # type: ignore[no-any-return]


def setitem(path: list[Any], value: Any, key: Any, length: int) -> tuple[str, dict[str, Any]]:
    """The expected dict setitem message at ``path``."""
    options = {"path": path, "valueRepresentation": rep(value), "keyRepresentation": rep(key)}
    return "setitem", options | {"length": length}


@pytest.fixture
def viz(recorder: RecordingService) -> sidekick.Viz:
    return sidekick.Viz(instance_id="viz-1")


def test_a_change_in_a_dict_goes_to_its_key(recorder: RecordingService, viz: sidekick.Viz) -> None:
    scores = ObservableValue([1, 2])
    viz.show("data", ObservableValue({"scores": scores, "name": "Ada"}))
    count = len(recorder.sent)
    scores.append(3)
    scores[0] = 10
    scores.insert(0, 0)
    scores.pop(1)
    scores.remove(2)
    scores.clear()
    assert sent_since(recorder, count) == [
        ("append", {"path": ["scores", 2], "valueRepresentation": rep(3), "length": 3}),
        ("setitem", {"path": ["scores", 0], "valueRepresentation": rep(10), "length": 3}),
        ("insert", {"path": ["scores", 0], "valueRepresentation": rep(0), "length": 4}),
        ("pop", {"path": ["scores", 1], "length": 3}),
        ("remove", {"path": ["scores", 1], "valueRepresentation": rep(2), "length": 2}),
        ("clear", {"path": ["scores"], "length": 0}),
    ]


def test_a_change_in_a_plain_list_tuple_or_set_value(
    recorder: RecordingService, viz: sidekick.Viz
) -> None:
    row = ObservableValue({"a": 1})
    tags = ObservableValue({"x"})
    viz.show("rows", [row, (5, tags)])
    count = len(recorder.sent)
    row["b"] = 2
    del row["a"]
    row.pop("b")
    tags.add("y")
    tags.discard("x")
    assert sent_since(recorder, count) == [
        setitem([0, "b"], 2, "b", 2),
        ("delitem", {"path": [0, "a"], "keyRepresentation": rep("a"), "length": 1}),
        ("pop", {"path": [0, "b"], "keyRepresentation": rep("b"), "length": 0}),
        ("add_set", {"path": [1, 1], "valueRepresentation": rep("y"), "length": 2}),
        ("discard_set", {"path": [1, 1], "valueRepresentation": rep("x"), "length": 1}),
    ]


def test_a_change_in_an_object_attribute(recorder: RecordingService, viz: sidekick.Viz) -> None:
    hidden = ObservableValue([])
    point = Point(x=1, trail=ObservableValue([]), _hidden=hidden)
    viz.show("p", point)
    count = len(recorder.sent)
    point.trail.append((1, 2))
    hidden.append(1)  # not shown (private), so not watched
    assert sent_since(recorder, count) == [
        ("append", {"path": ["trail", 0], "valueRepresentation": rep((1, 2), 2), "length": 1}),
    ]


def test_doubly_nested_values_and_set_keep_the_tracked_mark(
    recorder: RecordingService, viz: sidekick.Viz
) -> None:
    cell = ObservableValue({"x": 1})
    column = ObservableValue([cell])
    viz.show("grid", ObservableValue({"col": column}))
    count = len(recorder.sent)
    cell["x"] = 2
    cell.set(7)
    column.set([ObservableValue(8)])
    column[0].set(9)
    assert sent_since(recorder, count) == [
        setitem(["col", 0, "x"], 2, "x", 1),
        ("set", {"path": ["col", 0], "valueRepresentation": rep(ObservableValue(7))}),
        (
            "set",
            {"path": ["col"], "valueRepresentation": rep(ObservableValue([ObservableValue(8)]), 1)},
        ),
        ("set", {"path": ["col", 0], "valueRepresentation": rep(ObservableValue(9))}),
    ]
    assert (
        recorder.sent[-1]["payload"]["options"]["valueRepresentation"]["observableTracked"] is True
    )
    count = len(recorder.sent)
    cell.set({"x": 3})  # replaced by column.set(): no longer shown, no longer watched
    assert recorder.sent[count:] == []


def test_one_value_at_two_paths_sends_one_update_per_path(
    recorder: RecordingService, viz: sidekick.Viz
) -> None:
    shared = ObservableValue([1])
    viz.show("d", {"left": shared, "right": [0, shared], (1, 2): shared})
    count = len(recorder.sent)
    shared.append(2)
    # Under a key that has no JSON path (a tuple key) only the whole variable
    # can show it.
    assert sent_since(recorder, count) == [
        (
            "set",
            {
                "path": [],
                "valueRepresentation": rep({"left": shared, "right": [0, shared], (1, 2): shared}),
                "length": 3,
            },
        ),
    ]
    viz.show("d", {"left": shared, "right": [0, shared]})
    count = len(recorder.sent)
    shared.append(3)
    assert sent_since(recorder, count) == [
        ("append", {"path": ["left", 2], "valueRepresentation": rep(3, 2), "length": 3}),
        ("append", {"path": ["right", 1, 2], "valueRepresentation": rep(3, 3), "length": 3}),
    ]


def test_the_path_is_walked_at_the_time_of_the_change(
    recorder: RecordingService, viz: sidekick.Viz
) -> None:
    inner = ObservableValue([])
    outer = ObservableValue(["first", inner])
    viz.show("o", outer)
    outer.pop(0)  # inner moves from [1] to [0]
    count = len(recorder.sent)
    inner.append("x")
    assert sent_since(recorder, count) == [
        ("append", {"path": [0, 0], "valueRepresentation": rep("x"), "length": 1}),
    ]


def test_removed_values_are_no_longer_watched_and_added_ones_are(
    recorder: RecordingService, viz: sidekick.Viz
) -> None:
    gone = ObservableValue([1])
    data = ObservableValue({"gone": gone})
    viz.show("data", data)
    del data["gone"]
    count = len(recorder.sent)
    gone.append(2)
    assert recorder.sent[count:] == []
    later = ObservableValue([])
    data["later"] = later  # added by a root change
    deeper = ObservableValue({})
    later.append(deeper)  # added by a nested change
    count = len(recorder.sent)
    deeper["k"] = 1
    assert sent_since(recorder, count) == [
        setitem(["later", 0, "k"], 1, "k", 1),
    ]
    later.pop()
    count = len(recorder.sent)
    deeper["k"] = 2
    assert recorder.sent[count:] == []
    data.set({"again": gone})  # a root set: the old subscriptions follow the new value
    count = len(recorder.sent)
    gone.append(3)
    later.append(4)
    assert sent_since(recorder, count) == [
        ("append", {"path": ["again", 2], "valueRepresentation": rep(3), "length": 3}),
    ]
    viz.remove_variable("data")
    count = len(recorder.sent)
    gone.append(5)
    assert recorder.sent[count:] == []


def test_past_the_depth_limit_the_whole_variable_is_sent(
    recorder: RecordingService, viz: sidekick.Viz
) -> None:
    deep = ObservableValue([1])
    value: Any = deep
    for _ in range(MAX_DEPTH):
        value = [value]
    viz.show("deep", value)
    count = len(recorder.sent)
    deep.append(2)
    assert sent_since(recorder, count) == [
        ("set", {"path": [], "valueRepresentation": rep(value), "length": 1}),
    ]
    count = len(recorder.sent)
    deep.set(3)  # a scalar is shown even there: replaced in place
    assert sent_since(recorder, count) == [
        ("set", {"path": [0] * MAX_DEPTH, "valueRepresentation": rep(ObservableValue(3))}),
    ]


def test_limits_fall_back_to_a_coarser_set(
    recorder: RecordingService, viz: sidekick.Viz, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = ObservableValue(list(range(MAX_ITEMS)))
    viz.show("big", {"big": big})
    count = len(recorder.sent)
    big.append(-1)  # the shown part ends in "N more": replace the list node
    assert sent_since(recorder, count) == [
        ("set", {"path": ["big"], "valueRepresentation": rep(big, 1)}),
    ]
    monkeypatch.setattr(viz_module, "SCAN_LIMIT", 3)
    small = ObservableValue([])
    viz.show("small", [1, 2, small])
    count = len(recorder.sent)
    small.append(1)  # the walk would pass the limit
    assert sent_since(recorder, count) == [
        ("set", {"path": [], "valueRepresentation": rep([1, 2, small]), "length": 3}),
    ]
    # The UI finds a None key's node (shown "None") for a path element "None" too.
    data = {None: ObservableValue([]), "None": 1}
    viz.show("keys", data)
    monkeypatch.setattr(viz_module, "SCAN_LIMIT", 10_000)
    count = len(recorder.sent)
    data[None].append(1)
    assert sent_since(recorder, count) == [
        ("append", {"path": [None, 0], "valueRepresentation": rep(1), "length": 1}),
    ]
    late = {None: 1, "None": ObservableValue([])}
    viz.show("late", late)
    count = len(recorder.sent)
    late["None"].append(1)
    assert sent_since(recorder, count)[0][1]["path"] == []


def test_a_value_inside_itself_is_shown_once(recorder: RecordingService, viz: sidekick.Viz) -> None:
    loop = ObservableValue([])
    loop.append(loop)  # shown as a recursive reference inside
    viz.show("loop", {"l": loop})
    count = len(recorder.sent)
    loop.append(1)
    assert sent_since(recorder, count) == [
        ("append", {"path": ["l", 1], "valueRepresentation": rep(1), "length": 2}),
    ]
