"""sys.exit() and KeyboardInterrupt in user code on the loop thread (exits.py)."""

from __future__ import annotations

import asyncio
import json
import sys
import threading
import time
from typing import Any

import pytest
from fake_transport import FakeTransport, ui_online

import sidekick
import sidekick.exits as exits_module
from sidekick import messages
from sidekick.connection import ConnectionService


def click(button: Any) -> dict[str, Any]:
    return {"id": 0, "component": "button", "type": "event", "src": button.instance_id,
            "payload": {"event": "click"}}


def run_forever_in_a_thread(service: ConnectionService) -> tuple[threading.Thread, list[Any]]:
    """run_forever() on a helper thread; the list receives what it raised (or None)."""
    outcome: list[Any] = []

    def wait() -> None:
        try:
            service.run_forever()
            outcome.append(None)
        except BaseException as error:  # SystemExit and KeyboardInterrupt too
            outcome.append(error)

    thread = threading.Thread(target=wait, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not service.exits.waiters and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.001)  # in run_forever() before the test clicks
    return thread, outcome


def ends_with_offline(frames: list[dict[str, Any]]) -> bool:
    return bool(frames) and (frames[-1].get("payload") or {}).get("status") == "offline"


def test_sys_exit_in_a_click_callback_ends_run_forever_with_its_code(
    service: ConnectionService, transport: FakeTransport
) -> None:
    label = sidekick.Label("queued before any UI")
    button = sidekick.Button("Quit")

    @button.click
    def done(event: Any) -> None:
        label.text = "bye"
        sys.exit(3)

    waiter, outcome = run_forever_in_a_thread(service)
    transport.inject(ui_online())
    transport.inject(click(button))
    waiter.join(20)  # a safety timeout only
    assert outcome and isinstance(outcome[0], SystemExit), outcome
    assert outcome[0].code == 3
    frames = transport.wait_for(ends_with_offline)
    assert [m.get("target") for m in frames if m["type"] == "spawn"] == [
        label.instance_id, button.instance_id]
    assert {"action": "setText", "options": {"text": "bye"}} in [m.get("payload") for m in frames]
    assert transport.closed and service.finished


def test_a_second_click_after_sys_exit_is_not_dispatched(
    service: ConnectionService, transport: FakeTransport
) -> None:
    button = sidekick.Button("Quit")
    calls: list[Any] = []

    @button.click
    def done(event: Any) -> None:
        calls.append(event)
        sys.exit()

    waiter, outcome = run_forever_in_a_thread(service)
    transport.inject(ui_online())
    service.wait_for_connection()
    text = json.dumps(click(button))
    handler = transport._on_message
    assert handler is not None
    # Both clicks in one loop callback: the loop may close right after the first.
    service._tm.call_soon_threadsafe(lambda: (handler(text), handler(text)))
    waiter.join(20)
    assert outcome and isinstance(outcome[0], SystemExit) and outcome[0].code is None
    assert len(calls) == 1


def exit_from(kind: str, service: ConnectionService, transport: FakeTransport) -> None:
    """Arrange for user code of ``kind`` to call sys.exit(5) once a UI is there."""
    if kind == "interval":
        sidekick.submit_interval(lambda: sys.exit(5), 0.01)
        return
    if kind == "async interval":
        async def tick() -> None:
            await asyncio.sleep(0)
            sys.exit(5)

        sidekick.submit_interval(tick, 0.01)
        return
    if kind == "task":
        async def job() -> None:
            await asyncio.sleep(0)
            sys.exit(5)

        sidekick.submit_task(job())
        return
    if kind == "global handler":
        def handler(message: dict[str, Any]) -> None:
            if message.get("type") == "event":
                sys.exit(5)

        sidekick.register_global_message_handler(handler)
    button = sidekick.Button("Quit")
    if kind == "on_error":
        button.on_error(lambda event: sys.exit(5))
        message: dict[str, Any] = {"id": 0, "component": "button", "type": "error",
                                   "src": button.instance_id, "payload": {"message": "no"}}
    else:
        message = click(button)
    if kind == "async click":
        @button.click
        async def done(event: Any) -> None:
            await asyncio.sleep(0)
            sys.exit(5)
    elif kind == "click":
        button.on_click(lambda event: sys.exit(5))
    transport.inject(ui_online())
    transport.inject(message)


@pytest.mark.parametrize("kind", [
    "click", "async click", "on_error", "global handler", "interval", "async interval", "task"])
def test_sys_exit_anywhere_in_user_code_ends_run_forever(
    kind: str, service: ConnectionService, transport: FakeTransport
) -> None:
    waiter, outcome = run_forever_in_a_thread(service)
    if kind in ("interval", "async interval", "task"):
        transport.inject(ui_online())
    exit_from(kind, service, transport)
    waiter.join(20)
    assert outcome and isinstance(outcome[0], SystemExit), outcome
    assert outcome[0].code == 5
    transport.wait_for(ends_with_offline)
    assert transport.closed


def test_sys_exit_in_an_async_callback_ends_run_forever_async(
    service: ConnectionService, transport: FakeTransport
) -> None:
    button = sidekick.Button("Quit")

    @button.click
    async def done(event: Any) -> None:
        await asyncio.sleep(0)
        button.text = "bye"
        sys.exit(4)

    async def main() -> None:
        waiting = asyncio.ensure_future(sidekick.run_forever_async())
        await asyncio.sleep(0)  # its first step: waiting in run_forever_async() before the click
        assert service.exits.waiters
        transport.inject(ui_online())
        transport.inject(click(button))
        await asyncio.wait_for(waiting, 20)

    with pytest.raises(SystemExit) as caught:
        asyncio.run(main())
    assert caught.value.code == 4
    frames = transport.wait_for(ends_with_offline)
    assert {"action": "setText", "options": {"text": "bye"}} in [m.get("payload") for m in frames]


def test_sys_exit_cancels_other_user_tasks_and_delivers_what_they_sent_last(
    service: ConnectionService, transport: FakeTransport
) -> None:
    label = sidekick.Label("ticking")
    button = sidekick.Button("Quit", on_click=lambda event: sys.exit(0))
    started = threading.Event()

    async def animate() -> None:
        try:
            while True:
                started.set()
                await asyncio.sleep(0.01)
        finally:
            label.text = "stopped"

    task = sidekick.submit_task(animate())
    waiter, outcome = run_forever_in_a_thread(service)
    transport.inject(ui_online())
    assert started.wait(20)
    transport.inject(click(button))
    waiter.join(20)
    assert outcome and isinstance(outcome[0], SystemExit) and outcome[0].code == 0
    assert task.cancelled()
    frames = transport.wait_for(ends_with_offline)
    texts = [m["payload"] for m in frames if m["type"] == "update"]
    assert texts == [{"action": "setText", "options": {"text": "stopped"}}]


def test_keyboard_interrupt_in_a_callback_ends_run_forever_like_ctrl_c(
    service: ConnectionService, transport: FakeTransport
) -> None:
    def interrupt(event: Any) -> None:
        raise KeyboardInterrupt

    button = sidekick.Button("Stop", on_click=interrupt)
    waiter, outcome = run_forever_in_a_thread(service)
    transport.inject(ui_online())
    transport.inject(click(button))
    waiter.join(20)
    assert outcome and isinstance(outcome[0], KeyboardInterrupt), outcome
    assert outcome[0].__suppress_context__  # the traceback stops at run_forever()
    transport.wait_for(ends_with_offline)


def test_sys_exit_with_no_thread_in_run_forever_interrupts_the_main_thread(
    service: ConnectionService, transport: FakeTransport, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    interrupted = threading.Event()
    monkeypatch.setattr(exits_module, "interrupt_main", interrupted.set)
    button = sidekick.Button("Quit", on_click=lambda event: sys.exit(7))
    service.activate()
    transport.inject(ui_online())
    service.wait_for_connection()
    transport.inject(click(button))
    assert interrupted.wait(20)
    assert service.finished
    assert ends_with_offline(transport.frames)
    assert "sys.exit(7) was called in a callback" in capsys.readouterr().err
    sidekick.run_forever()  # returns: the main thread got (here: would get) the interrupt


def test_an_exception_escaping_the_loop_unblocks_run_forever_with_an_error(
    service: ConnectionService, transport: FakeTransport, caplog: pytest.LogCaptureFixture
) -> None:
    service.activate()
    transport.inject(ui_online())
    service.wait_for_connection()

    def library_bug() -> None:  # not user code: nothing guards it
        raise SystemExit(9)

    service._tm.call_soon_threadsafe(library_bug)
    waiter, outcome = run_forever_in_a_thread(service)
    waiter.join(20)
    assert outcome and isinstance(outcome[0], sidekick.SidekickError), outcome
    assert "event loop stopped unexpectedly (SystemExit: 9)" in str(outcome[0])
    assert "the event loop stopped on an unexpected SystemExit" in caplog.text
    with pytest.raises(sidekick.SidekickError):
        service.send(messages.spawn("label", "label-1", {"text": "1"}))
