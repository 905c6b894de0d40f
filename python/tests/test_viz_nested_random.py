"""Random nested changes: the fine-grained viz updates, applied as protocol.md
describes, give what a whole re-send shows, and the Viz's own replay agrees.
"""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest
from conftest import RecordingService
from viz_support import Point, bare

import sidekick
from sidekick import ObservableValue
from sidekick.viz_repr import represent


def same_key(node: dict[str, Any], key: Any) -> bool:
    """protocol.md: a dict path element names the entry whose key node has it as value."""
    if key is None:
        return node["type"] == "NoneType"
    return type(node["value"]) is type(key) and bool(node["value"] == key)


def child(node: dict[str, Any], key: Any) -> dict[str, Any]:
    if node["type"] == "dict":
        return next(e["value"] for e in node["value"] if same_key(e["key"], key))  # type: ignore[no-any-return]
    return node["value"][key]  # type: ignore[no-any-return]


def apply(root: dict[str, Any], action: str, options: dict[str, Any]) -> dict[str, Any]:
    """Apply one viz update (protocol.md, viz) to a copy of a representation tree."""
    path, value = options["path"], options.get("valueRepresentation")
    if action == "set" and not path:
        return copy.deepcopy(value)  # type: ignore[no-any-return]
    root = copy.deepcopy(root)
    names_container = action in ("add_set", "discard_set", "clear")
    container = root
    for key in path if names_container else path[:-1]:
        container = child(container, key)
    items = container["value"]
    if action == "clear":
        items.clear()
    elif action == "add_set":
        items.append(value)
    elif action == "discard_set":
        items.remove(
            next(i for i in items if i["type"] == value["type"] and i["value"] == value["value"])
        )
    elif container["type"] == "dict":
        at = [i for i, e in enumerate(items) if same_key(e["key"], path[-1])]
        if action in ("set", "setitem"):
            if at:
                items[at[0]]["value"] = value
            else:
                items.append({"key": options["keyRepresentation"], "value": value})
        else:
            del items[at[0]]
    elif isinstance(items, dict) or action in ("set", "setitem"):
        items[path[-1]] = value
    elif action in ("insert", "append"):
        items.insert(path[-1], value)
    else:
        del items[path[-1]]
    if options.get("length") is not None:
        container["length"] = options["length"]
    return root


def random_value(rng: random.Random, observables: list[ObservableValue]) -> Any:
    roll = rng.random()
    if roll < 0.35 and observables:
        return rng.choice(observables)
    if roll < 0.5:
        fresh = ObservableValue(rng.choice([[], {}, [rng.randint(0, 9)], {"k": rng.randint(0, 9)}]))
        observables.append(fresh)
        return fresh
    if roll < 0.6:
        return [rng.randint(0, 9), (rng.choice(observables),) if observables else "t"]
    if roll < 0.65:
        return Point(a=rng.choice(observables) if observables else 1, b="b")
    return rng.choice([rng.randint(0, 99), "s", None, 1.5, True])


def mutate(rng: random.Random, target: ObservableValue, observables: list[ObservableValue]) -> None:
    value = target.get()
    if isinstance(value, list):
        choice = rng.randrange(6)
        if choice == 0 or not value:
            target.append(random_value(rng, observables))
        elif choice == 1:
            target.insert(rng.randrange(len(value) + 1), random_value(rng, observables))
        elif choice == 2:
            target.pop(rng.randrange(len(value)))
        elif choice == 3:
            target[rng.randrange(len(value))] = random_value(rng, observables)
        elif choice == 4:
            del target[rng.randrange(len(value))]
        else:
            target.remove(rng.choice(value))
    elif isinstance(value, dict):
        choice = rng.randrange(8)
        key = rng.choice(["k", "j", 3, None, "None", True, (1, 2)])
        if choice < 4 or not value:
            target[key] = random_value(rng, observables)
        elif choice < 6:
            del target[rng.choice(list(value))]
        elif choice < 7:
            target.pop(rng.choice(list(value)))
        else:
            target.clear()
    elif isinstance(value, set):
        if rng.random() < 0.6:
            target.add(rng.randint(0, 5))
        else:
            target.discard(rng.randint(0, 5))
    if rng.random() < 0.08:
        target.set(
            rng.choice(
                [
                    [random_value(rng, observables)],
                    {"k": random_value(rng, observables)},
                    {1, 2},
                    rng.randint(0, 9),
                ]
            )
        )


@pytest.mark.parametrize("seed", range(40))
def test_random_nested_changes_show_what_a_whole_resend_shows(
    recorder: RecordingService, seed: int
) -> None:
    rng = random.Random(seed)
    observables: list[ObservableValue] = [
        ObservableValue([]),
        ObservableValue({}),
        ObservableValue({1}),
    ]
    root = ObservableValue({"a": observables[0], "b": [observables[1], observables[2]]})
    observables.append(root)
    viz = sidekick.Viz(instance_id="viz-1")
    viz.show("v", root)
    tree = copy.deepcopy(recorder.sent[-1]["payload"]["options"]["valueRepresentation"])
    fine = 0
    for step in range(60):
        count = len(recorder.sent)
        mutate(rng, rng.choice(observables), observables)
        for message in recorder.sent[count:]:
            payload = message["payload"]
            fine += payload["options"]["path"] != [] or payload["action"] != "set"
            tree = apply(tree, payload["action"], payload["options"])
        expected = bare(represent(root))
        assert bare(tree) == expected, (seed, step)
        replayed = [m for m in recorder.snapshot() if m["type"] == "update"]
        assert [bare(m["payload"]["options"]["valueRepresentation"]) for m in replayed] == [
            expected
        ]
    assert fine > 0
