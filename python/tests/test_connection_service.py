"""The thread-safe facade over the core, with a fake transport (no sockets)."""

from __future__ import annotations

import asyncio
import json
import logging
import signal
import sys
import threading
import time
from typing import Any

import pytest
from fake_transport import FakeConnector, FakeTransport, ui_online
from protocol_vectors import load_vectors

import sidekick
import sidekick.connection as connection_module
import sidekick.writer as writer_module
from sidekick import config, messages
from sidekick.adapters.task_manager import CPythonTaskManager
from sidekick.connection import ConnectionService
from sidekick.connection_core import Status


def label(n: int) -> dict[str, Any]:
    return messages.spawn("label", f"label-{n}", {"text": str(n)})


def kinds(frames: list[dict[str, Any]]) -> list[str]:
    return [f"{m['component']}/{m['type']}" for m in frames]


def test_activation_waits_for_a_ui_then_sends_the_state_in_order(
    service: ConnectionService, transport: FakeTransport
) -> None:
    shown = [sidekick.Label(str(n)) for n in range(3)]
    shown[1].text = "changed before any UI"
    transport.wait_for(lambda f: len(f) == 1)
    assert kinds(transport.frames) == ["system/announce"]
    assert len(service._link.outbox) == 0  # nothing queued: the components keep the state
    done = threading.Event()
    waiter = threading.Thread(target=lambda: (service.wait_for_connection(), done.set()))
    waiter.start()
    transport.inject(ui_online())
    waiter.join(20)
    assert done.is_set()
    frames = transport.wait_for(lambda f: len(f) == 5)
    assert kinds(frames) == ["system/announce", "global/clearAll"] + ["label/spawn"] * 3
    assert [m["target"] for m in frames[2:]] == [label.instance_id for label in shown]
    assert frames[3]["payload"] == {"text": "changed before any UI"}
    assert service.status is Status.ACTIVE


def test_wait_for_connection_timeout_raises(service: ConnectionService) -> None:
    service.send(label(1))
    with pytest.raises(sidekick.SidekickTimeoutError):
        service.wait_for_connection(timeout=0.2)


def test_ui_timeout_prints_the_hint_once_then_fails(
    transport: FakeTransport, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SIDEKICK_UI_TIMEOUT", "0.8")
    service = ConnectionService(CPythonTaskManager(), FakeConnector(transport))
    service.send(label(1))
    with pytest.raises(sidekick.SidekickTimeoutError) as caught:
        service.wait_for_connection()
    assert caught.value.undelivered == 1
    assert caught.value.ui_url == "http://fake/ui"
    err = capsys.readouterr().err
    assert err.count("Open http://fake/ui") == 1
    with pytest.raises(sidekick.SidekickTimeoutError):  # the stored failure, again
        service.send(label(2))
    service.shutdown(wait=True)
    assert service.finished and transport.closed


def test_events_reach_components_and_the_global_handler(
    service: ConnectionService, transport: FakeTransport
) -> None:
    raw: list[dict[str, Any]] = []
    clicks: list[Any] = []
    sidekick.register_global_message_handler(raw.append)
    button = sidekick.Button("b", on_click=clicks.append)
    service.activate()
    transport.inject(ui_online())
    service.wait_for_connection()
    click = {"id": 0, "component": "button", "type": "event", "src": button.instance_id,
             "payload": {"event": "click"}}
    transport.inject(click)
    transport.inject({"id": 0, "component": "button", "type": "event", "src": "nobody",
                      "payload": {"event": "click"}})
    marker = threading.Event()
    transport.inject({"id": 0, "component": "system", "type": "announce",
                      "payload": {"role": "hero", "status": "online", "peerId": "h"}})
    service._tm.call_soon_threadsafe(marker.set)
    assert marker.wait(20)
    assert clicks == [sidekick.ButtonClickEvent(button.instance_id, "click")]
    assert raw[0]["type"] == "announce" and click in raw and len(raw) == 4


def test_run_forever_async_ends_when_a_callback_shuts_down(
    service: ConnectionService, transport: FakeTransport
) -> None:
    button = sidekick.Button("stop")

    @button.click
    def stop(event: Any) -> None:
        sidekick.shutdown(wait=True)  # from the loop thread: must not deadlock

    async def main() -> None:
        transport.inject(ui_online())
        await asyncio.sleep(0)
        transport.inject({"id": 0, "component": "button", "type": "event",
                          "src": button.instance_id, "payload": {"event": "click"}})
        await asyncio.wait_for(sidekick.run_forever_async(), 20)

    asyncio.run(main())
    frames = transport.wait_for(lambda f: f and f[-1]["payload"].get("status") == "offline")
    assert kinds(frames)[-1] == "system/announce"
    assert transport.closed


def test_submit_task_and_interval_run_on_the_library_loop(
    service: ConnectionService, transport: FakeTransport
) -> None:
    ticks: list[str] = []
    tick = threading.Event()

    def on_tick() -> None:
        ticks.append(threading.current_thread().name)
        if len(ticks) == 3:
            tick.set()

    async def job() -> int:
        return 42

    task = sidekick.submit_task(job())
    assert isinstance(task, asyncio.Task)
    interval = sidekick.submit_interval(on_tick, 0.01)
    assert tick.wait(20)
    assert set(ticks) == {"sidekick-loop"}
    done = threading.Event()
    service._tm.call_soon_threadsafe(lambda: task.add_done_callback(lambda _: done.set()))
    assert done.wait(20) and task.result() == 42
    with pytest.raises(TypeError):
        sidekick.submit_task(job)  # type: ignore[arg-type]
    service.shutdown(wait=True)
    assert interval.cancelled() or interval.done()


def hold_writes(service: ConnectionService, transport: FakeTransport) -> None:
    """Make the fake socket stop taking writes (on the loop) until its gate is set."""
    gate_made = threading.Event()

    def close_gate() -> None:
        transport.gate = asyncio.Event()
        gate_made.set()

    service._tm.call_soon_threadsafe(close_gate)
    assert gate_made.wait(20)


def test_back_pressure_counts_bytes_blocks_the_sender_and_loses_nothing(
    service: ConnectionService, transport: FakeTransport, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    frame = len(json.dumps(label(10), separators=(",", ":")))  # bytes of one encoded frame
    monkeypatch.setattr(writer_module, "BACKLOG_HIGH", 20 * frame)
    monkeypatch.setattr(writer_module, "BACKLOG_LOW", 5 * frame)
    monkeypatch.setattr(writer_module, "_WRITE_CHUNK", 4)
    service.activate()
    transport.inject(ui_online())
    service.wait_for_connection()
    hold_writes(service, transport)
    filler = threading.Thread(  # more than the high-water mark, stuck behind the gate
        target=lambda: [service.send(label(n)) for n in range(100)], daemon=True)
    filler.start()
    deadline = time.monotonic() + 20
    while service._link.writer.room.is_set() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not service._link.writer.room.is_set()
    sent = threading.Event()

    def producer() -> None:
        service.send(label(100))
        sent.set()

    thread = threading.Thread(target=producer, daemon=True)
    thread.start()
    thread.join(0.5)
    assert not sent.is_set(), "the producer should be held back while the socket is stuck"
    service._tm.call_soon_threadsafe(lambda: transport.gate.set())  # type: ignore[union-attr]
    thread.join(20)
    filler.join(20)
    assert sent.is_set()
    frames = transport.wait_for(lambda f: len(f) == 103)
    targets = [m["target"] for m in frames[2:]]
    assert sorted(targets) == sorted(f"label-{n}" for n in range(101))
    assert [t for t in targets if t != "label-100"] == [f"label-{n}" for n in range(100)]
    held = [r for r in caplog.records if "reads slower than this program sends" in r.message]
    assert len(held) == 1  # reported once, however often the bound was hit


def test_a_replay_supersedes_the_backlog_a_returning_ui_would_get_first(
    service: ConnectionService, transport: FakeTransport
) -> None:
    """A tab that fell behind comes back (issue 14): it gets the live state at once.

    The updates still waiting for the socket when the replay is queued are
    wiped by its clearAll anyway; sent first, they are the same flood the tab
    just fell behind on, and it falls behind again before the state arrives.
    """
    shown = sidekick.Label("waiting", instance_id="flooded")
    transport.inject(ui_online("ui-1"))
    service.wait_for_connection()
    transport.wait_for(lambda f: any(m.get("target") == "flooded" for m in f))
    hold_writes(service, transport)
    flood = 5 * writer_module._WRITE_CHUNK
    for n in range(flood):
        shown.text = f"flood {n}"
    shown.text = "final state"
    transport.inject(ui_online("ui-2"))  # the tab again, after everything above
    service._tm.call_soon_threadsafe(lambda: transport.gate.set())  # type: ignore[union-attr]

    def shown_after_last_clear(frames: list[dict[str, Any]]) -> list[dict[str, Any]]:
        clears = [i for i, m in enumerate(frames) if m["type"] == "clearAll"]
        return frames[clears[-1]:] if len(clears) == 2 else []

    frames = transport.wait_for(lambda f: any(
        m.get("payload", {}).get("text") == "final state" for m in shown_after_last_clear(f)))
    flooded = [m for m in frames if m.get("target") == "flooded" and m["type"] == "update"]
    assert len(flooded) <= writer_module._WRITE_CHUNK  # at most the write already under way
    replay = shown_after_last_clear(frames)
    assert [(m["type"], m.get("target")) for m in replay] == [
        ("clearAll", None), ("spawn", "flooded")]
    assert replay[1]["payload"] == {"text": "final state"}


def test_idle_loop_sleeps_in_the_selector(
    service: ConnectionService, transport: FakeTransport
) -> None:
    service.activate()
    transport.inject(ui_online())
    service.wait_for_connection()
    manager = service._tm
    assert isinstance(manager, CPythonTaskManager) and manager._thread is not None
    ident = manager._thread.ident
    assert ident is not None
    deadline = time.monotonic() + 20
    names: list[str] = []
    while time.monotonic() < deadline:  # the loop may still be finishing a callback
        frame: Any = sys._current_frames()[ident]
        names = []
        while frame is not None:
            names.append(frame.f_code.co_name)
            frame = frame.f_back
        if "select" in names:
            break
        time.sleep(0.01)
    # Blocked in the selector (epoll/select) inside run_forever: no busy loop.
    assert names[0] in ("select", "poll") and "run_forever" in names


@pytest.mark.parametrize(("window", "attempts"), [
    ("0", 0),  # reconnecting off: the original library's fail-fast
    ("1", 2),  # a relay that stays down past the window: retried, with backoff, then the same
])
def test_a_lost_transport_raises_disconnected_everywhere_once_reconnecting_is_over(
    service: ConnectionService, transport: FakeTransport, connector: FakeConnector,
    monkeypatch: pytest.MonkeyPatch, window: str, attempts: int,
) -> None:
    monkeypatch.setenv("SIDEKICK_RECONNECT_TIMEOUT", window)
    service.activate()
    transport.inject(ui_online())
    service.wait_for_connection()
    transport.drop(1006, "gone")
    with pytest.raises(sidekick.SidekickDisconnectedError) as caught:
        service.run_forever()
    assert caught.value.code == 1006 and caught.value.url == "ws://fake"
    if attempts:
        assert connector.refused >= attempts
    else:
        assert connector.refused == 0  # not a single retry
    assert service.finished
    with pytest.raises(sidekick.SidekickDisconnectedError):
        service.send(label(1))


def test_a_lost_transport_reconnects_resyncs_and_callbacks_keep_working(
    service: ConnectionService, transport: FakeTransport, connector: FakeConnector,
    capsys: pytest.CaptureFixture[str],
) -> None:
    again = FakeTransport()
    connector.reconnects.append(again)
    button = sidekick.Button("before")
    clicks: list[str] = []
    button.on_click(lambda event: clicks.append(button.text))
    transport.inject(ui_online("ui-1"))
    service.wait_for_connection()
    transport.wait_for(lambda f: any(m["type"] == "spawn" for m in f))
    transport.drop(1012, "restarting")
    button.text = "while the relay was down"  # no error: the program goes on
    again.wait_for(lambda f: kinds(f) == ["system/announce"])
    assert again.frames[0]["payload"]["status"] == "online"
    again.inject(ui_online("ui-1"))  # the same tab, back on the restarted relay
    frames = again.wait_for(lambda f: len(f) == 3)
    assert kinds(frames[1:]) == ["global/clearAll", "button/spawn"]
    assert frames[2]["payload"] == {"text": "while the relay was down"}
    again.inject({"id": 0, "component": "button", "type": "event", "src": button.instance_id,
                  "payload": {"event": "click"}})
    deadline = time.monotonic() + 20
    while not clicks and time.monotonic() < deadline:
        time.sleep(0.01)
    assert clicks == ["while the relay was down"]
    assert service.status is Status.ACTIVE and service.failure is None
    err = capsys.readouterr().err
    assert "lost the connection to the relay (1012, restarting)" in err
    assert "reconnected to ws://fake" in err


def test_a_write_that_fails_while_closing_still_finishes(
    service: ConnectionService, transport: FakeTransport
) -> None:
    service.activate()
    transport.inject(ui_online())
    service.wait_for_connection()
    transport.wait_for(lambda f: kinds(f)[-1:] == ["global/clearAll"])  # all written so far
    transport.fail_writes = True  # the goodbye cannot be written
    service.shutdown(wait=True)
    assert service.finished and transport.closed and service.failure is None


def test_send_after_shutdown_warns(service: ConnectionService, transport: FakeTransport) -> None:
    service.activate()
    transport.inject(ui_online())
    service.wait_for_connection()
    service.shutdown(wait=True)
    with pytest.warns(RuntimeWarning, match="after shutdown"):
        service.send(label(1))
    with pytest.raises(sidekick.SidekickError):
        service.wait_for_connection()


def test_set_url_after_the_connection_started_warns(
    service: ConnectionService, transport: FakeTransport
) -> None:
    service.activate()
    try:
        with pytest.warns(UserWarning, match="before creating components"):
            sidekick.set_url("ws://127.0.0.1:1")
    finally:
        config.set_user_url(None)  # back to the default, without a second warning


def test_task_manager_two_stage_start_and_stop() -> None:
    manager = CPythonTaskManager()
    loop = manager.ensure_loop_running()
    assert manager.ensure_loop_running() is loop  # started once
    assert not manager.is_loop_thread()
    seen = threading.Event()
    manager.call_soon_threadsafe(lambda: seen.set() if manager.is_loop_thread() else None)
    assert seen.wait(20)
    manager.stop()
    assert manager.join(20) and manager.stopped.is_set()
    with pytest.raises(RuntimeError, match="stopped"):
        manager.ensure_loop_running()


def test_the_loop_thread_leaves_ctrl_c_to_the_main_thread() -> None:
    # A SIGINT taken by the loop thread would not wake the main thread's
    # at-exit wait, so Ctrl+C there would wait for the UI timeout.
    manager = CPythonTaskManager()
    manager.ensure_loop_running()
    masks: list[set[signal.Signals]] = []
    done = threading.Event()

    def record() -> None:
        masks.append(signal.pthread_sigmask(signal.SIG_BLOCK, []))
        done.set()

    manager.call_soon_threadsafe(record)
    assert done.wait(20)
    manager.stop()
    assert manager.join(20)
    assert signal.SIGINT in masks[0]
    # ...while the main thread still takes it.
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])


def test_run_forever_after_a_finished_shutdown_returns(
    service: ConnectionService, transport: FakeTransport
) -> None:
    service.activate()
    transport.inject(ui_online())
    service.wait_for_connection()
    sidekick.shutdown(wait=True)
    sidekick.run_forever()  # returns: no new connection is started
    assert connection_module.peek_service() is service


def test_errors_for_unknown_components_and_empty_src_are_dropped_not_fatal(
    service: ConnectionService, transport: FakeTransport, caplog: pytest.LogCaptureFixture
) -> None:
    # Every error shape the protocol allows (the shared vectors: an unknown
    # component, system, global, an empty src) reaches the library; those for
    # a src it does not know are logged and dropped, the rest reach on_error.
    errors = [
        entry["message"]
        for data in load_vectors().values()
        for entry in data["valid"]
        if entry["message"]["type"] == "error"
    ]
    assert any(m["src"] == "" for m in errors)
    assert {"slider", "system", "global"} <= {m["component"] for m in errors}
    seen: list[Any] = []
    clicks: list[Any] = []
    button = sidekick.Button("b", instance_id="slider-1", on_click=clicks.append)
    button.on_error(seen.append)
    service.activate()
    transport.inject(ui_online())
    service.wait_for_connection()
    caplog.set_level(logging.DEBUG, logger="sidekick")
    for message in errors:
        transport.inject(message)
    transport.inject({"id": 0, "component": "button", "type": "event", "src": "slider-1",
                      "payload": {"event": "click"}})
    marker = threading.Event()
    service._tm.call_soon_threadsafe(marker.set)
    assert marker.wait(20)
    # The general-error vectors name src "slider-1" twice (an unknown component, an extra field).
    routed = [m for m in errors if m["src"] == "slider-1"]
    assert routed and [e.message for e in seen] == [m["payload"]["message"] for m in routed]
    assert all(isinstance(e, sidekick.ErrorEvent) and e.instance_id == "slider-1" for e in seen)
    assert clicks == [sidekick.ButtonClickEvent("slider-1", "click")]
    assert "ignored a UI error for unknown component ''" in caplog.text
    assert service.status is Status.ACTIVE


# -- sys.exit() and KeyboardInterrupt in user callbacks ------------------------------
