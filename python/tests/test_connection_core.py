"""The sans-I/O connection core, driven with plain dicts (no sockets, no loop)."""

from __future__ import annotations

from typing import Any

import pytest

from sidekick import messages
from sidekick.connection_core import ConnectionCore, Status
from sidekick.errors import (
    SidekickConnectionRefusedError,
    SidekickDisconnectedError,
    SidekickTimeoutError,
)


def ui_announce(
    status: str = "online", peer: str = "ui-1", role: str = "sidekick"
) -> dict[str, Any]:
    return messages.announce(peer, status, "test", role=role)


def nothing_shown() -> list[dict[str, Any]]:
    """The host's snapshot when no component is live."""
    return [messages.clear_all()]


def spawn(n: int = 1) -> dict[str, Any]:
    return messages.spawn("label", f"label-{n}", {"text": str(n)})


def opened() -> ConnectionCore:
    core = ConnectionCore("hero-x", "1.0", nothing_shown)
    core.connecting("ws://relay")
    core.transport_opened("ws://relay", "http://relay")
    return core


def kinds(messages: list[dict[str, Any]]) -> list[str]:
    return [f"{m['component']}/{m['type']}" for m in messages]


def test_announces_online_when_the_transport_opens() -> None:
    core = opened()
    out = core.data_to_send()
    assert kinds(out) == ["system/announce"]
    assert out[0]["payload"]["role"] == "hero"
    assert out[0]["payload"]["status"] == "online"
    assert out[0]["payload"]["peerId"] == "hero-x"
    assert core.status is Status.WAITING_FOR_UI


def test_before_a_ui_only_the_state_is_kept_and_the_ui_gets_the_snapshot() -> None:
    shown = [messages.clear_all(), spawn(4999)]
    core = ConnectionCore("hero-x", "1.0", lambda: list(shown))
    core.connecting()
    for n in range(5000):  # counted, not queued: memory is the host's state
        core.send(spawn(n))
    core.kept(3)  # changes the host kept without a message
    core.transport_opened("ws://relay", None)
    assert kinds(core.data_to_send()) == ["system/announce"]
    assert core.unseen_count == 5003 and not core.live
    core.receive(ui_announce())
    assert core.data_to_send() == shown
    assert core.status is Status.ACTIVE and core.live and core.unseen_count == 0
    assert core.replays == 0  # the first UI is no replay


def test_active_messages_go_straight_out_in_order() -> None:
    core = opened()
    core.receive(ui_announce())
    core.data_to_send()
    core.send(spawn(1))
    core.send(messages.update("label", "label-1", "setText", {"text": "x"}))
    assert kinds(core.data_to_send()) == ["label/spawn", "label/update"]


def test_hero_announces_do_not_activate() -> None:
    core = opened()
    core.receive(ui_announce(role="hero"))
    assert core.status is Status.WAITING_FOR_UI


def test_events_and_errors_are_routed_by_src() -> None:
    core = opened()
    core.receive(ui_announce())
    click = {"id": 0, "component": "button", "type": "event", "src": "button-1",
             "payload": {"event": "click"}}
    error = {"id": 0, "component": "button", "type": "error", "src": "button-1",
             "payload": {"message": "bad"}}
    core.receive(click)
    core.receive(error)
    core.receive({"id": 0, "component": "button", "type": "event", "payload": {}})  # no src
    core.receive(["not", "an", "object"])  # type: ignore[arg-type]
    assert core.events_received() == [click, error]
    assert core.events_received() == []


def test_ui_timeout_fails_with_the_undelivered_count() -> None:
    core = opened()
    core.data_to_send()
    core.send(spawn())
    core.ui_wait_timed_out(5)
    core.ui_wait_timed_out(5)  # only once
    assert core.status is Status.FAILED
    assert isinstance(core.failure, SidekickTimeoutError)
    assert core.failure.undelivered == 1
    assert "http://relay" in str(core.failure)
    assert "SIDEKICK_UI_TIMEOUT" in str(core.failure)
    assert kinds(core.data_to_send()) == ["system/announce"]  # offline, best effort


def test_connect_failure_is_stored() -> None:
    core = ConnectionCore("hero-x", "1.0", nothing_shown)
    core.connecting()
    error = SidekickConnectionRefusedError(["ws://a", "ws://b"], ["refused", "refused"])
    core.connect_failed(error)
    assert core.status is Status.FAILED
    assert core.failure is error
    assert "ws://a" in str(error) and "ws://b" in str(error)
    assert "npx sidekick-live serve" in str(error)


def test_transport_lost_without_reconnecting_is_a_disconnection() -> None:
    core = opened()
    core.reconnect = False  # SIDEKICK_RECONNECT_TIMEOUT=0: the original fail-fast
    core.receive(ui_announce())
    core.data_to_send()
    core.transport_closed(1006, "")
    assert core.status is Status.FAILED
    assert isinstance(core.failure, SidekickDisconnectedError)
    assert core.failure.url == "ws://relay"
    assert core.failure.code == 1006
    core.send(spawn())  # ignored once failed
    assert core.data_to_send() == []


def test_transport_lost_reconnects_and_the_returning_ui_gets_the_snapshot() -> None:
    shown = [messages.clear_all(), messages.spawn("label", "label-1", {"text": "now"})]
    core = ConnectionCore("hero-x", "1.0", lambda: list(shown))
    core.connecting("ws://relay")
    core.transport_opened("ws://relay", "http://relay")
    core.receive(ui_announce())
    core.data_to_send()
    core.transport_closed(1006, "gone")
    assert core.status is Status.RECONNECTING and core.failure is None
    assert core.lost is not None and core.lost.code == 1006
    assert core.settled and core.ui_count == 0 and not core.live
    core.send(spawn(2))  # the program goes on; kept as state, not queued
    core.transport_closed(1006, "stale")  # the dead transport's last words change nothing
    assert core.data_to_send() == [] and core.status is Status.RECONNECTING
    core.transport_opened("ws://relay", "http://relay")
    out = core.data_to_send()
    assert kinds(out) == ["system/announce"] and out[0]["payload"]["status"] == "online"
    assert core.status is Status.ACTIVE and core.lost is None
    core.receive(ui_announce())  # the same tab, back: the relay forgot it, so do we
    assert core.data_to_send() == shown and core.replays == 1 and core.live
    click = {"id": 0, "component": "button", "type": "event", "src": "button-1",
             "payload": {"event": "click"}}
    core.receive(click)
    assert core.events_received() == [click]  # callbacks keep working


def test_reconnect_window_over_fails_with_the_lost_connection() -> None:
    core = opened()
    core.receive(ui_announce())
    core.transport_closed(1001, "going away")
    core.reconnect_gave_up()
    assert core.status is Status.FAILED
    assert isinstance(core.failure, SidekickDisconnectedError)
    assert core.failure.code == 1001 and core.failure.reason == "going away"
    core.reconnect_gave_up()  # once is enough
    assert core.status is Status.FAILED


def test_a_ui_that_leaves_stops_the_stream_and_the_next_gets_the_snapshot() -> None:
    shown = [messages.clear_all(), spawn(7)]
    core = ConnectionCore("hero-x", "1.0", lambda: list(shown))
    core.connecting()
    core.transport_opened("ws://relay", None)
    core.receive(ui_announce(peer="ui-1"))
    core.data_to_send()
    core.receive(ui_announce("offline", peer="ui-1"))
    assert not core.live and core.status is Status.ACTIVE
    for n in range(1000):
        core.send(spawn(n))
    assert core.data_to_send() == [] and core.unseen_count == 1000
    core.receive(ui_announce(peer="ui-2"))
    assert core.data_to_send() == shown


def test_lost_before_the_first_ui_reconnects_and_still_waits_for_one() -> None:
    core = opened()
    core.transport_closed(1006, "")
    assert core.status is Status.RECONNECTING and not core.settled
    core.transport_opened("ws://relay", None)
    assert core.status is Status.WAITING_FOR_UI
    core.ui_wait_timed_out(5)
    assert isinstance(core.failure, SidekickTimeoutError)


def test_shutdown_while_reconnecting_with_unseen_changes_waits_for_a_ui() -> None:
    core = opened()
    core.receive(ui_announce())
    core.transport_closed(1006, "")
    core.send(spawn(1))
    core.shutdown()
    assert core.status is Status.RECONNECTING  # the ended program's last state is unseen
    core.transport_opened("ws://relay", None)
    core.data_to_send()
    core.receive(ui_announce())
    assert kinds(core.data_to_send()) == ["global/clearAll", "system/announce"]
    assert core.status is Status.CLOSED


def test_shutdown_while_reconnecting_with_nothing_unseen_closes_at_once() -> None:
    core = opened()
    core.receive(ui_announce())
    core.transport_closed(1006, "")
    core.shutdown()
    assert core.status is Status.CLOSED and core.failure is None


def test_shutdown_when_active_announces_offline_last() -> None:
    core = opened()
    core.receive(ui_announce())
    core.data_to_send()
    core.send(spawn())
    core.shutdown()
    out = core.data_to_send()
    assert kinds(out) == ["label/spawn", "system/announce"]
    assert out[-1]["payload"]["status"] == "offline"
    assert core.status is Status.CLOSED
    core.transport_closed(1000, "")
    assert core.failure is None


def test_shutdown_waits_for_a_ui_to_deliver_pending_messages() -> None:
    core = opened()
    core.data_to_send()
    core.send(spawn())
    core.shutdown()
    assert core.status is Status.WAITING_FOR_UI
    core.receive(ui_announce())
    assert kinds(core.data_to_send()) == ["global/clearAll", "system/announce"]
    assert core.status is Status.CLOSED


def test_shutdown_while_connecting_with_pending_messages_waits_for_the_transport() -> None:
    core = ConnectionCore("hero-x", "1.0", nothing_shown)
    core.connecting()
    core.send(spawn())
    core.shutdown()
    assert core.status is Status.CONNECTING
    core.transport_opened("ws://relay", None)
    core.receive(ui_announce())
    assert kinds(core.data_to_send())[-1] == "system/announce"
    assert core.status is Status.CLOSED


def test_shutdown_without_delivery_closes_at_once() -> None:
    core = opened()
    core.send(spawn())
    core.shutdown(deliver_pending=False)
    assert core.status is Status.CLOSED


def test_a_second_ui_gets_a_replay_of_the_current_state() -> None:
    shown = [messages.clear_all(), messages.spawn("label", "label-1", {"text": "now"})]
    core = ConnectionCore("hero-x", "1.0", lambda: list(shown))
    core.connecting("ws://relay")
    core.transport_opened("ws://relay", "http://relay")
    core.receive(ui_announce(peer="ui-1"))
    core.send(spawn(1))
    core.send(messages.update("label", "label-1", "setText", {"text": "now"}))
    core.data_to_send()
    core.receive(ui_announce(peer="ui-2"))
    out = core.data_to_send()
    assert out == shown  # the host's snapshot, after what was sent before
    assert core.ui_count == 2 and core.replays == 1
    core.receive(ui_announce("offline", peer="ui-2"))
    assert core.ui_count == 1


def test_a_repeated_announce_from_a_known_ui_does_not_replay() -> None:
    core = opened()
    core.receive(ui_announce(peer="ui-1"))
    core.send(spawn(1))
    core.data_to_send()
    # The same page again (no offline in between) already shows everything.
    core.receive(ui_announce(peer="ui-1"))
    assert core.data_to_send() == [] and core.replays == 0


@pytest.mark.parametrize("status", list(Status))
def test_every_status_has_a_name(status: Status) -> None:
    assert status.value


def test_a_ui_announce_that_arrives_while_connecting_is_remembered() -> None:
    core = ConnectionCore("hero-x", "1.0", nothing_shown)
    core.connecting()
    core.send(spawn())
    core.receive(ui_announce())
    core.transport_opened("ws://relay", None)
    assert kinds(core.data_to_send()) == ["system/announce", "global/clearAll"]
    assert core.status is Status.ACTIVE
