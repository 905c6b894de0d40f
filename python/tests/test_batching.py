"""Batch frames (protocol.md "system/batch"): packing, and the hero's negotiation."""

from __future__ import annotations

import json
from typing import Any

from conftest import assert_valid
from hero_process import session_url, start_script
from jsonschema import Draft202012Validator
from test_connection_core import opened, spawn, ui_announce
from ui_peer import UIPeer, is_type

from sidekick import messages
from sidekick.batching import BATCH_PREFIX, MAX_BATCH_BYTES, pack

_encode = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def frames(n: int, text: str = "x") -> list[str]:
    return [_encode(messages.spawn("label", f"label-{i}", {"text": f"{text}{i}"}))
            for i in range(n)]


def unpacked(out: list[str]) -> list[Any]:
    result: list[Any] = []
    for frame in out:
        message = json.loads(frame)
        result.extend(message["payload"]["messages"] if message["type"] == "batch" else [message])
    return result


def test_a_group_becomes_one_valid_batch_frame_in_order(validator: Draft202012Validator) -> None:
    group = frames(300)
    out = pack(group)
    assert len(out) == 1 and out[0].startswith(BATCH_PREFIX)
    assert_valid(validator, json.loads(out[0]))
    assert unpacked(out) == [json.loads(f) for f in group]


def test_a_lone_frame_stays_a_single_frame() -> None:
    group = frames(1)
    assert pack(group) == group


def test_announces_stay_single_and_split_the_runs_around_them() -> None:
    announce = _encode(messages.announce("hero-1", messages.ONLINE, "1"))
    group = [*frames(3), announce, *frames(1, "y")]
    out = pack(group)
    assert out[1:] == [announce, group[-1]]
    assert out[0].startswith(BATCH_PREFIX)
    assert unpacked(out) == [json.loads(f) for f in group]


def test_no_batch_is_over_the_byte_limit_counting_utf8() -> None:
    group = frames(200, "é" * 300)  # two UTF-8 bytes a character
    out = pack(group, max_bytes=8 * 1024)
    assert len(out) > 1
    assert all(len(frame.encode()) <= 8 * 1024 for frame in out)
    assert unpacked(out) == [json.loads(f) for f in group]
    assert all(len(frame.encode()) <= MAX_BATCH_BYTES for frame in pack(frames(5000)))


def test_a_frame_too_big_for_any_batch_goes_alone() -> None:
    big = _encode(messages.spawn("label", "big", {"text": "z" * 2000}))
    group = [*frames(2), big, *frames(2, "y")]
    out = pack(group, max_bytes=1024)
    assert big in out
    assert unpacked(out) == [json.loads(f) for f in group]


def capable(peer: str) -> dict[str, Any]:
    message = ui_announce(peer=peer)
    message["payload"]["acceptsBatch"] = True
    return message


def test_the_core_batches_only_while_every_ui_accepts_batches() -> None:
    core = opened()
    assert not core.batching  # no UI yet
    core.receive(capable("ui-a"))
    assert core.batching
    core.receive(ui_announce(peer="ui-old"))  # one that never said so joins
    assert not core.batching
    core.send(spawn())
    core.receive(ui_announce("offline", peer="ui-old"))
    assert core.batching
    core.receive(ui_announce(peer="ui-a"))  # ui-a announces again without it
    assert not core.batching
    core.receive(capable("ui-a"))
    core.receive(ui_announce("offline", peer="ui-a"))
    assert not core.batching  # nobody left


def test_an_acceptsbatch_that_is_not_true_does_not_count() -> None:
    core = opened()
    message = capable("ui-a")
    message["payload"]["acceptsBatch"] = "yes"
    core.receive(message)
    assert not core.batching


FLOOD_SCRIPT = """
    import sidekick
    grid = sidekick.Grid(20, 20)
    def flood(rounds, shade):
        for n in range(rounds):
            grid.set_color(n % 20, (n // 20) % 20, f"#{shade:02x}{n % 256:02x}00")
    done = sidekick.Label("ready")
    def go(event):  # a flood a UI sees live (before one, only the state is kept)
        flood(4000, 1)
        done.text = "first"
    def again(event):
        flood(2000, 2)
        done.text = "second"
    sidekick.Button("go").on_click(go)
    sidekick.Button("again").on_click(again)
    sidekick.Button("stop").on_click(lambda event: sidekick.shutdown())
    sidekick.run_forever()
    """


def grid_state(received: list[dict[str, Any]]) -> dict[tuple[int, int], str]:
    """The grid's cells as a UI would show them: everything since the last clearAll, applied."""
    start = max(i for i, m in enumerate(received) if m.get("type") == "clearAll")
    cells: dict[tuple[int, int], str] = {}
    for m in received[start:]:
        if m.get("component") == "grid" and m["type"] == "update":
            options = m["payload"]["options"]
            cells[(options["x"], options["y"])] = options["color"]
    return cells


def label_is(text: str) -> Any:
    def check(messages: list[dict[str, Any]]) -> bool:
        return any(m.get("component") == "label" and m["type"] == "update"
                   and m["payload"]["options"].get("text") == text for m in messages)
    return check


def test_a_mixed_session_falls_back_to_single_frames_and_both_uis_agree(relay_url: str) -> None:
    url = session_url(relay_url, "batch-mixed")
    new_ui = UIPeer(url, accepts_batch=True)
    process = start_script(FLOOD_SCRIPT, url)
    try:
        new_ui.wait_count(is_type("spawn", "button"), count=3)
        new_ui.event("button", "button-1", event="click")
        received = new_ui.wait_for(label_is("first"))
        updates = sum(1 for m in received if m.get("component") == "grid" and m["type"] == "update")
        assert updates == 4000
        # A flood reaches a UI that accepts batches in far fewer frames than messages.
        assert new_ui.batch_frames > 0
        assert new_ui.batch_frames + new_ui.single_frames < updates / 4
        old_ui = UIPeer(url)  # never says acceptsBatch
        old_ui.wait_count(is_type("spawn", "button"), count=3)
        new_ui.event("button", "button-2", event="click")
        new_ui.wait_for(label_is("second"))
        old_ui.wait_for(label_is("second"))
        assert old_ui.batch_frames == 0
        expected = {(n % 20, (n // 20) % 20): f"#02{n % 256:02x}00" for n in range(2000)}
        assert grid_state(old_ui.messages) == grid_state(new_ui.messages) == expected
        for ui in (old_ui, new_ui):  # the rebuild spawned each component once
            last_clear = max(i for i, m in enumerate(ui.messages) if m.get("type") == "clearAll")
            after = ui.messages[last_clear:]
            assert [m["target"] for m in after if m["type"] == "spawn"] == [
                "grid-1", "label-1", "button-1", "button-2", "button-3"]
        new_ui.event("button", "button-3", event="click")
        process.communicate(timeout=30)
        assert process.returncode == 0
    finally:
        if process.poll() is None:
            process.kill()
