"""Ending a hero process: Ctrl+C, and sys.exit()/KeyboardInterrupt in a callback.

Real CPython processes through the relay (conftest.relay_url) to a scripted
UI. Timeouts here only guard against hangs.
"""

from __future__ import annotations

import signal
import textwrap

import pytest
from hero_process import hero_announce, session_url, start_script
from ui_peer import UIPeer, is_type


def test_ctrl_c_in_run_forever_exits_promptly(relay_url: str) -> None:
    url = session_url(relay_url, "sigint")
    ui = UIPeer(url)
    process = start_script("import sidekick\nsidekick.Label('x')\nsidekick.run_forever()\n", url)
    ui.wait_count(is_type("spawn", "label"))
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode != 0
    assert "KeyboardInterrupt" in stderr
    # The traceback ends at run_forever(): no frames from threading or the loop.
    assert "threading.py" not in stderr and "During handling" not in stderr
    ui.wait_count(hero_announce("offline"))


def test_ctrl_c_while_waiting_for_a_ui_exits_without_internal_frames(relay_url: str) -> None:
    url = session_url(relay_url, "sigint-no-ui")
    process = start_script("import sidekick\nsidekick.Label('x')\nsidekick.run_forever()\n", url)
    assert process.stderr is not None
    assert "waiting for the UI" in process.stderr.readline()
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode != 0
    assert "KeyboardInterrupt" in stderr
    assert "threading.py" not in stderr


def test_ctrl_c_during_the_exit_wait_quits_at_once(relay_url: str) -> None:
    url = session_url(relay_url, "exitsigint")
    process = start_script("import sidekick\nsidekick.Label('x')\n", url,
                           SIDEKICK_UI_TIMEOUT="120")
    assert process.stderr is not None
    line = process.stderr.readline()
    while line and "the script has ended" not in line:
        line = process.stderr.readline()
    assert "Press Ctrl+C to quit now" in line
    process.send_signal(signal.SIGINT)
    _, rest = process.communicate(timeout=30)  # far below the 120 s UI timeout
    assert "Traceback" not in rest



EXIT_SCRIPT = """
import asyncio, sys, time, sidekick
label = sidekick.Label("running")
{kind}def done(_):
    {pause}
    label.text = "bye"
    print("bye", flush=True)
    sys.exit(7)
sidekick.Button("Quit", on_click=done)
sidekick.run_forever()
print("not reached")
"""
PAUSES = {"": "time.sleep(0.01)", "async ": "await asyncio.sleep(0.01)"}


def click_quit(relay_url: str, name: str, code: str) -> tuple[int, str, str, UIPeer]:
    """Run ``code``, click its button-1 from a scripted UI, wait for the process."""
    url = session_url(relay_url, name)
    ui = UIPeer(url)
    process = start_script(code, url)
    ui.wait_count(is_type("spawn", "button"))
    ui.event("button", "button-1", event="click")
    stdout, stderr = process.communicate(timeout=30)
    ui.wait_count(hero_announce("offline"))
    return process.returncode, stdout, stderr, ui


@pytest.mark.parametrize("kind", sorted(PAUSES))
def test_sys_exit_in_a_callback_exits_the_process_with_its_code(
    kind: str, relay_url: str
) -> None:
    code = EXIT_SCRIPT.format(kind=kind, pause=PAUSES[kind])
    returncode, stdout, stderr, ui = click_quit(relay_url, f"sys-exit-{kind.strip()}", code)
    assert returncode == 7, stderr
    assert "bye" in stdout and "not reached" not in stdout
    assert "Traceback" not in stderr, stderr
    updates = [m for m in ui.hero_messages() if m.get("type") == "update"]
    assert updates[-1]["payload"] == {"action": "setText", "options": {"text": "bye"}}
    ui.close()


def test_keyboard_interrupt_in_a_callback_ends_run_forever_like_ctrl_c(relay_url: str) -> None:
    code = "import sidekick\ndef stop(_):\n    raise KeyboardInterrupt\n" \
           "sidekick.Button('Stop', on_click=stop)\nsidekick.run_forever()\n"
    returncode, _, stderr, ui = click_quit(relay_url, "callback-interrupt", code)
    assert returncode != 0
    assert "KeyboardInterrupt" in stderr
    assert "threading.py" not in stderr and "During handling" not in stderr, stderr
    ui.close()


def test_sys_exit_in_a_callback_stops_a_main_thread_that_is_not_in_run_forever(
    relay_url: str,
) -> None:
    code = textwrap.dedent("""
        import sys, time, sidekick
        def done(_):
            print("bye", flush=True)
            sys.exit(7)
        sidekick.Button("Quit", on_click=done)
        try:
            while True:
                time.sleep(0.05)
        finally:
            print("main loop ended", flush=True)
        """)
    returncode, stdout, stderr, ui = click_quit(relay_url, "sys-exit-own-loop", code)
    assert returncode != 0  # Ctrl+C's, which the printed line explains
    assert "bye" in stdout and "main loop ended" in stdout
    assert "sys.exit(7) was called in a callback" in stderr
    assert "KeyboardInterrupt" in stderr
    ui.close()
