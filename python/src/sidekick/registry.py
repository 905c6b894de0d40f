"""The live components: routing of UI messages, and the snapshot a late UI gets.

Each component keeps the state it shows and describes itself as protocol
messages (spawn, then the updates that restore its state, then its
children); the snapshot is ``global/clearAll`` followed by the live
components walked parent-first. Nothing re-reads the outgoing stream.
"""

from __future__ import annotations

import logging
import threading
from typing import Protocol

from . import inbound, messages
from .messages import ROOT_ID, Message

__all__ = ["ComponentRegistry", "MessageReceiver"]

logger = logging.getLogger("sidekick")


class MessageReceiver(Protocol):
    """What a component offers the library (protocol.md, Errors; replay)."""

    instance_id: str
    _parent_id: str

    @property
    def component_type(self) -> str: ...

    def _handle_message(self, message: Message) -> None: ...

    def _mark_removed(self) -> None: ...

    def _describe(self) -> list[Message]:
        """Spawn and state of this component and its children, parent first."""
        ...


class ComponentRegistry:
    """Live components by id, in spawn order (which is the UI's order at the root).

    ``lock`` is held while a component changes the state it shows and queues
    the message that shows it, and while a snapshot is taken: a snapshot
    sees such a change together with its message, or neither. (Settings,
    which may safely arrive twice, are recorded first without it: see
    Component._update.)
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self._live: dict[str, MessageReceiver] = {}

    def __contains__(self, instance_id: str) -> bool:
        return instance_id in self._live

    def get(self, instance_id: str) -> MessageReceiver | None:
        return self._live.get(instance_id)

    def add(self, component: MessageReceiver) -> None:
        # A re-used id moves to the end, as the UI's spawn of it does.
        self._live.pop(component.instance_id, None)
        self._live[component.instance_id] = component

    def discard(self, component: MessageReceiver) -> None:
        if self._live.get(component.instance_id) is component:
            del self._live[component.instance_id]

    def forget_all(self) -> None:
        """clear_all(): every component object becomes removed."""
        components = list(self._live.values())
        self._live.clear()
        for component in components:
            component._mark_removed()

    def snapshot(self) -> list[Message]:
        """clearAll, then every live component parent-first (hold ``lock``)."""
        out: list[Message] = [messages.clear_all()]
        for component in list(self._live.values()):
            if component._parent_id == ROOT_ID:
                out.extend(component._describe())
        return out

    def dispatch(self, message: Message) -> None:
        """Hand a validated UI event or error to its component (loop thread)."""
        src = message["src"]
        component = self._live.get(src)
        if component is None:
            logger.debug("sidekick: ignored a UI %s for unknown component %r", message["type"], src)
            return
        if message["type"] == "event" and message["component"] != component.component_type:
            logger.warning("sidekick: ignored a malformed message from the UI (an event of a %s "
                           "for %r, which is a %s): %s", inbound.summary(message["component"]),
                           src, component.component_type, inbound.summary(message))
            return
        try:
            component._handle_message(message)
        except Exception:
            logger.exception("sidekick: error while handling a UI message for %r", src)
