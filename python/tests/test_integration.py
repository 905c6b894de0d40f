"""The library in real CPython processes, through a relay, to a scripted UI.

The relay is the real local server (server/), see conftest.relay_url.
Timeouts here only guard against hangs.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from typing import Any

import pytest
from conftest import assert_valid, run_script, start_local_server
from hero_process import hero_announce, session_url, start_script
from jsonschema import Draft202012Validator
from ui_peer import UIPeer, is_type

import sidekick

SCRIPT_WITHOUT_RUN_FOREVER = """
import sidekick
grid = sidekick.Grid(10, 10)
for i in range(10):
    for j in range(10):
        grid.set_color(i, j, "red" if (i + j) % 2 else "blue")
console = sidekick.Console("start\\n")
for n in range(300):
    console.print("line", n)
"""


def test_a_script_that_just_ends_delivers_everything_then_goes_offline(
    relay_url: str, validator: Draft202012Validator
) -> None:
    url = session_url(relay_url, "exit")
    ui = UIPeer(url)
    result = run_script(SCRIPT_WITHOUT_RUN_FOREVER, url, SIDEKICK_UI_TIMEOUT="30")
    assert result.returncode == 0, result.stderr
    messages = ui.wait_count(hero_announce("offline"))
    hero = [m for m in messages if m.get("component") != "system"]
    assert hero[0]["type"] == "clearAll"
    assert [m["type"] for m in hero[1:3]] == ["spawn", "update"]
    # The grid's state (state-based sync: its 100 cells, however they were sent).
    assert len([m for m in hero if m["component"] == "grid"]) == 101
    texts = [m["payload"].get("text") or "" for m in hero if m["component"] == "console"
             and m["type"] == "spawn"]
    texts += [m["payload"]["options"]["text"] for m in hero if m["component"] == "console"
              and m["type"] == "update"]
    assert "".join(texts) == "start\n" + "".join(f"line {n}\n" for n in range(300))
    assert messages[-1]["payload"]["status"] == "offline"
    for message in messages:
        if message.get("payload", {}).get("role") != "sidekick":
            assert_valid(validator, message)
    ui.close()


def test_a_ui_that_opens_after_the_script_ended_still_gets_everything(relay_url: str) -> None:
    url = session_url(relay_url, "late")
    ui = UIPeer(url, announce=False)
    process = start_script(SCRIPT_WITHOUT_RUN_FOREVER, url, SIDEKICK_UI_TIMEOUT="60")
    ui.wait_count(hero_announce("online"))
    ui.announce("online")
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    messages = ui.wait_count(hero_announce("offline"))
    console = [m for m in messages if m.get("component") == "console"]
    texts = [m["payload"].get("text") or "" for m in console if m["type"] == "spawn"]
    texts += [m["payload"]["options"]["text"] for m in console if m["type"] == "update"]
    assert "".join(texts) == "start\n" + "".join(f"line {n}\n" for n in range(300))


def test_no_ui_prints_where_to_open_it_then_times_out(relay_url: str) -> None:
    url = session_url(relay_url, "noui")
    result = run_script(
        "import sidekick\nsidekick.Label('x')\nsidekick.run_forever()\n", url,
        SIDEKICK_UI_TIMEOUT="1.5",
    )
    assert result.returncode == 1
    assert result.stderr.count("Sidekick: waiting for the UI") == 1
    assert "/session/" in result.stderr  # the page to open for this session
    assert "SidekickTimeoutError" in result.stderr
    assert "No Sidekick UI connected within 1.5 s" in result.stderr


def test_at_exit_without_a_ui_the_wait_is_bounded_and_explained(relay_url: str) -> None:
    url = session_url(relay_url, "exitnoui")
    result = run_script("import sidekick\nsidekick.Label('x')\n", url, SIDEKICK_UI_TIMEOUT="1")
    assert result.returncode == 0
    assert "the script has ended; waiting up to 1 s" in result.stderr
    assert "1 message(s) were not delivered" in result.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_no_relay_makes_run_forever_raise_a_clear_error() -> None:
    url = f"ws://127.0.0.1:{free_port()}"
    result = run_script("import sidekick\nsidekick.Grid(2, 2)\nsidekick.run_forever()\n", url)
    assert result.returncode == 1
    assert "SidekickConnectionRefusedError" in result.stderr
    assert url in result.stderr
    assert "npx sidekick-live serve" in result.stderr and "SIDEKICK_URL" in result.stderr


def test_no_relay_makes_wait_for_connection_raise_in_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sidekick.connection import ConnectionService

    monkeypatch.setenv("SIDEKICK_URL", f"ws://127.0.0.1:{free_port()}")
    service = ConnectionService()
    try:
        with pytest.raises(sidekick.SidekickConnectionRefusedError) as caught:
            service.wait_for_connection(timeout=30)
        assert caught.value.urls == [f"ws://127.0.0.1:{caught.value.urls[0].rsplit(':', 1)[1]}"]
        with pytest.raises(sidekick.SidekickConnectionError):
            service.send({"id": 0, "component": "global", "type": "clearAll"})
    finally:
        service.shutdown(wait=True)


CLICK_SCRIPT = """
import sidekick
label = sidekick.Label("waiting")
button = sidekick.Button("Stop")
@button.click
def stop(event):
    label.text = "clicked " + event.instance_id
    sidekick.shutdown()
sidekick.run_forever()
print("run_forever returned")
"""


def test_click_handler_update_and_shutdown_from_a_callback(relay_url: str) -> None:
    url = session_url(relay_url, "click")
    ui = UIPeer(url)
    process = start_script(CLICK_SCRIPT, url)
    ui.wait_count(is_type("spawn", "button"))
    ui.event("button", "button-1", event="click")
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 0, stderr
    assert "run_forever returned" in stdout
    messages = ui.wait_count(hero_announce("offline"))
    updates = [m for m in messages if m.get("type") == "update"]
    assert updates[-1]["payload"] == {"action": "setText", "options": {"text": "clicked button-1"}}


JUNK_SCRIPT = """
import sidekick
submits = []
textbox = sidekick.Textbox(on_submit=lambda e: submits.append(e.value))
grid = sidekick.Grid(3, 3, on_click=lambda e: print("grid click", e.x, e.y, flush=True))
button = sidekick.Button("go")
@button.click
def go(event):
    print("submits", [(type(v).__name__, v) for v in submits], flush=True)
    sidekick.shutdown()
sidekick.run_forever()
"""

# Frames the relay forwards (it only closes senders of non-object text, binary
# frames and malformed announces): the hero must drop each with a warning.
NESTED = 150_000  # deeper than any JSON parser allows, well under the relay's 1 MiB frame cap
JUNK_FRAMES = [
    '{"id": 0, "component": "textbox", "type": "event", "src": "textbox-1", "payload": [1]}',
    '{"id": 0, "component": "textbox", "type": "event", "src": "textbox-1", "payload": "x"}',
    '{"id": 0, "component": "textbox", "type": "event", "src": "textbox-1", "payload": 7}',
    '{"id": 0, "component": "textbox", "type": "event", "src": "textbox-1", "payload": null}',
    '{"id": 0, "component": "textbox", "type": "event", "src": "textbox-1",'
    ' "payload": {"event": "submit", "value": 5}}',
    '{"id": 0, "component": "grid", "type": "event", "src": "grid-1",'
    ' "payload": {"event": "click", "x": "1", "y": 0}}',
    '{"id": 0, "component": "grid", "type": "event", "src": "grid-1",'
    ' "payload": {"event": "click", "x": NaN, "y": 0}}',
    '{"id": 0, "component": "grid", "type": "event", "src": "grid-1",'
    ' "payload": {"event": "click", "x": 7, "y": 0}}',
    '{"id": 0, "component": "button", "type": "event", "src": 5, "payload": {"event": "click"}}',
    '{"id": 0, "component": "button", "type": "teleport", "src": "button-1"}',
    "{not json at all}",
    '{"a": ' + "[" * NESTED + "]" * NESTED + "}",
]


def test_junk_from_a_ui_over_the_real_relay_is_dropped_and_a_click_still_works(
    relay_url: str,
) -> None:
    url = session_url(relay_url, "junk")
    ui = UIPeer(url)
    process = start_script(JUNK_SCRIPT, url)
    ui.wait_count(is_type("spawn", "button"))
    for text in JUNK_FRAMES:
        ui.send_text(text)
    # A peer the relay closes for what it sent does not disturb the hero either.
    rogue = UIPeer(url, announce=False)
    rogue.send_text("[1, 2, 3]")
    ui.event("textbox", "textbox-1", event="submit", value="kept")
    ui.event("button", "button-1", event="click")
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 0, stderr
    assert "submits [('str', 'kept')]" in stdout
    assert "grid click" not in stdout
    for says in ("payload must be an object or null, not array",
                 "payload must be an object, not null", "payload.value must be a string",
                 "payload.x must be an integer >= 0", "outside the grid",
                 "src must be a non-empty string", "is not a message type"):
        assert says in stderr, (says, stderr)
    assert stderr.count("ignored a frame from the UI that is not JSON") == 3, stderr
    assert stderr.count("sidekick: ignored a ") == len(JUNK_FRAMES), stderr
    assert "Traceback" not in stderr and "transport error" not in stderr, stderr
    rogue.close()
    ui.close()


def test_shutdown_wait_returns_and_the_process_exits(relay_url: str) -> None:
    url = session_url(relay_url, "wait")
    ui = UIPeer(url)
    result = run_script(
        "import sidekick\nsidekick.Label('bye')\nsidekick.wait_for_connection()\n"
        "sidekick.shutdown(wait=True)\nsidekick.shutdown()\nprint('done')\n",
        url,
    )
    assert result.returncode == 0, result.stderr
    assert "done" in result.stdout
    ui.wait_count(hero_announce("offline"))


def test_callback_errors_are_logged_and_the_connection_survives(relay_url: str) -> None:
    url = session_url(relay_url, "cberr")
    ui = UIPeer(url)
    process = start_script("""
        import sidekick
        button = sidekick.Button("b")
        count = 0
        @button.click
        def boom(event):
            global count
            count += 1
            if count == 1:
                raise ValueError("user mistake")
            sidekick.shutdown()
        sidekick.run_forever()
        """, url)
    ui.wait_count(is_type("spawn", "button"))
    ui.event("button", "button-1", event="click")
    ui.event("button", "button-1", event="click")
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 0, stderr
    assert "ValueError: user mistake" in stderr
    assert "in boom" in stderr


@pytest.fixture
def own_relay_url() -> Any:
    """A relay of its own, which the test may kill."""
    process, port = start_local_server()
    yield f"ws://127.0.0.1:{port}", process.kill
    process.kill()
    process.wait(10)


def test_relay_dying_mid_run_raises_disconnected(own_relay_url: Any) -> None:
    url, kill = own_relay_url
    ui = UIPeer(url)
    process = start_script("import sidekick\nsidekick.Label('x')\nsidekick.run_forever()\n", url,
                           SIDEKICK_RECONNECT_TIMEOUT="1.5")
    ui.wait_count(is_type("spawn", "label"))
    kill()
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 1
    assert "lost the connection to the relay" in stderr  # the notice, then the retries
    assert "reconnects for up to 1.5 s" in stderr
    assert "SidekickDisconnectedError" in stderr
    assert "was lost" in stderr


def test_a_second_ui_gets_the_current_state_and_the_first_is_rebuilt(relay_url: str) -> None:
    url = session_url(relay_url, "replay")
    first = UIPeer(url)
    process = start_script("""
        import sidekick
        grid = sidekick.Grid(3, 3)
        for n in range(50):
            grid.set_color(n % 3, 0, f"#0000{n:02d}")
        console = sidekick.Console()
        console.print("hello")
        done = sidekick.Button("done")
        done.on_click(lambda e: sidekick.shutdown())
        sidekick.run_forever()
        """, url)
    first.wait_count(is_type("spawn", "button"))
    second = UIPeer(url)
    messages = second.wait_count(is_type("spawn", "button"))
    hero = [m for m in messages if m.get("component") != "system"]
    assert hero[0]["type"] == "clearAll"
    colors = [m["payload"]["options"] for m in hero if m.get("component") == "grid"
              and m["type"] == "update"]
    assert colors == [{"x": 0, "y": 0, "color": "#000048"}, {"x": 1, "y": 0, "color": "#000049"},
                      {"x": 2, "y": 0, "color": "#000047"}]
    assert any(m["type"] == "update" and m["payload"]["options"] == {"text": "hello\n"}
               for m in hero)
    # The first UI received the same rebuild (after a clearAll): no duplicates.
    first_messages = first.wait_count(is_type("spawn", "button"), count=2)
    after = first_messages[max(i for i, m in enumerate(first_messages)
                               if m.get("type") == "clearAll"):]
    assert [m["target"] for m in after if m.get("type") == "spawn"] == [
        "grid-1", "console-1", "button-1"]
    second.event("button", "button-1", event="click")  # clicks from either UI reach the script
    process.communicate(timeout=30)
    assert process.returncode == 0


def test_dev_mode_runs_clean(relay_url: str) -> None:
    url = session_url(relay_url, "devmode")
    ui = UIPeer(url)
    import os

    result = subprocess.run(
        [sys.executable, "-X", "dev", "-W", "error::ResourceWarning", "-c",
         SCRIPT_WITHOUT_RUN_FOREVER],
        env=dict(os.environ, SIDEKICK_URL=url), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "never awaited" not in result.stderr
    assert "Task was destroyed" not in result.stderr
    assert "Error" not in result.stderr, result.stderr
    ui.wait_count(hero_announce("offline"))
