"""The outbox between the program's threads and the loop has a bound in bytes (outbox.py).

The facade over the fake transport (no sockets): the loop thread is held
busy so that nothing drains the outbox, as a long callback would.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fake_transport import FakeTransport, ui_online

import sidekick.outbox as outbox_module
from sidekick import messages
from sidekick.connection import ConnectionService

HELD = "sends faster than Sidekick's event loop takes its messages"


def label(n: int) -> dict[str, Any]:
    return messages.spawn("label", f"label-{n}", {"text": str(n)})


FRAME = len(json.dumps(label(10), separators=(",", ":")))  # bytes of one encoded frame


@pytest.fixture
def live(service: ConnectionService, transport: FakeTransport,
         monkeypatch: pytest.MonkeyPatch) -> ConnectionService:
    """The service with a UI that has the state, and an outbox bound of 20 frames."""
    monkeypatch.setattr(outbox_module, "OUTBOX_HIGH", 20 * FRAME)
    service.activate()
    transport.inject(ui_online())
    service.wait_for_connection()
    return service


@contextmanager
def busy_loop(service: ConnectionService) -> Iterator[None]:
    """Keep the loop thread busy (it takes nothing from the outbox) inside the block."""
    busy, free = threading.Event(), threading.Event()

    def hold() -> None:
        busy.set()
        free.wait(20)

    service._tm.call_soon_threadsafe(hold)
    assert busy.wait(20)
    try:
        yield
    finally:
        free.set()


def test_a_program_thread_waits_above_the_bound_and_nothing_is_lost(
    live: ConnectionService, transport: FakeTransport, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="sidekick")
    outbox = live._link.outbox
    sent: list[int] = []

    def producer() -> None:
        for n in range(100):
            live.send(label(n))
            sent.append(n)

    thread = threading.Thread(target=producer, daemon=True)
    with busy_loop(live):
        thread.start()
        deadline = time.monotonic() + 20
        while outbox.room.is_set() and time.monotonic() < deadline:
            time.sleep(0.01)
        thread.join(0.5)
        assert thread.is_alive(), "the producer should wait while the loop takes nothing"
        assert len(sent) <= 21  # the frame that crossed the bound, then it waits
        assert outbox.waiting_bytes <= 20 * FRAME + FRAME
    thread.join(20)
    assert sent == list(range(100))
    frames = transport.wait_for(lambda f: len(f) == 102)
    assert [m["target"] for m in frames[2:]] == [f"label-{n}" for n in range(100)]
    held = [r for r in caplog.records if HELD in r.getMessage()]
    assert len(held) == 1  # reported once


def test_the_loop_thread_never_waits_for_its_own_outbox(
    live: ConnectionService, transport: FakeTransport
) -> None:
    """A callback that sends past the bound goes on; the loop takes it all afterwards."""
    done = threading.Event()

    def callback() -> None:
        for n in range(100):
            live.send(label(n))
        done.set()

    live._tm.call_soon_threadsafe(callback)
    assert done.wait(20)
    frames = transport.wait_for(lambda f: len(f) == 102)
    assert [m["target"] for m in frames[2:]] == [f"label-{n}" for n in range(100)]


def test_a_user_clear_all_still_supersedes_what_waits_for_the_socket(
    live: ConnectionService, transport: FakeTransport
) -> None:
    """Frames encoded by the sender: the writer still spots a clearAll among them."""
    with busy_loop(live):  # everything below reaches the writer in one push
        for n in range(5):
            live.send(label(n))
        live.send(messages.clear_all())
        live.send(label(99))
    frames = transport.wait_for(lambda f: any(m.get("target") == "label-99" for m in f))
    assert [m["type"] for m in frames[2:]] == ["clearAll", "spawn"]
