"""What every component shares: ids, parents, the spawn, remove, errors."""

from __future__ import annotations

import itertools
import logging
import operator
import threading
import warnings
from collections.abc import Iterator
from typing import Any, Callable, ClassVar, TypeVar, Union

from .. import messages
from ..connection import ConnectionService, get_service
from ..errors import ComponentRemovedError
from ..events import ErrorEvent
from ..messages import ROOT_ID, Message

__all__ = ["Component", "ParentLike", "check_callback"]

logger = logging.getLogger("sidekick")

F = TypeVar("F", bound=Callable[..., Any])
C = TypeVar("C", bound=Union[Callable[..., Any], None])
ParentLike = Union["Component", str, None]

_counters: dict[str, itertools.count[int]] = {}
_counters_lock = threading.Lock()


def _next_id(component_type: str) -> str:
    with _counters_lock:
        counter = _counters.setdefault(component_type, itertools.count(1))
        return f"{component_type}-{next(counter)}"


def check_callback(callback: Any, what: str) -> None:
    if callback is not None and not callable(callback):
        raise TypeError(f"{what} must be a function (or None), not {type(callback).__name__}")


def as_int(value: Any, what: str) -> int:
    """An integer argument (bool refused; numpy integers accepted)."""
    if isinstance(value, bool):
        raise TypeError(f"{what} must be an integer, not bool")
    try:
        result: int = operator.index(value)
    except TypeError:
        raise TypeError(f"{what} must be an integer, not {type(value).__name__}") from None
    return result


def as_number(value: Any, what: str) -> float | int:
    """A finite int or float argument."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        try:
            value = operator.index(value)
        except TypeError:
            try:
                value = float(value)
            except (TypeError, ValueError):
                raise TypeError(f"{what} must be a number, not {type(value).__name__}") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"{what} must be a finite number, got {value!r}")
    number: float | int = value
    return number


def as_text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    return value


def as_optional_text(value: Any, what: str) -> str | None:
    if value is None:
        return None
    return as_text(value, what)


class Component:
    """Base of all components. Constructors never block: until a UI has the
    state, the component only keeps it (python-api.md, Components; state-based
    sync in connection_core.py)."""

    component_type: ClassVar[str] = ""

    def __init__(
        self,
        spawn_payload: dict[str, Any],
        instance_id: str | None = None,
        parent: ParentLike = None,
        on_error: Callable[[ErrorEvent], Any] | None = None,
    ) -> None:
        if instance_id is not None:
            if not isinstance(instance_id, str) or not instance_id:
                raise TypeError("instance_id must be a non-empty str or None")
            if instance_id == ROOT_ID:
                raise ValueError(f"instance_id {ROOT_ID!r} is reserved for the UI's root")
        check_callback(on_error, "on_error")
        parent_obj, parent_id = _resolve_parent(parent)
        self._removed = False
        self._capped = False
        self._error_callback: Callable[[ErrorEvent], Any] | None = on_error
        self._children: list[Component] = []
        self._parent: Component | None = parent_obj
        self._parent_id = parent_id
        self._service: ConnectionService = get_service()
        self.instance_id: str = instance_id or _next_id(self.component_type)
        if instance_id is not None and instance_id in self._service.components:
            warnings.warn(
                f"sidekick: a component with instance_id {instance_id!r} already exists; "
                "the new one replaces it in the UI.",
                UserWarning,
                stacklevel=3,
            )
        # The spawn payload without parent, for _describe(); subclasses whose
        # shown state lives in the spawn payload override _spawn_payload().
        self._spawned = spawn_payload

        def added() -> None:
            if parent_obj is not None:
                parent_obj._children.append(self)
            self._service.components.add(self)

        self._send(self._spawn_message(spawn_payload), added)

    def __repr__(self) -> str:
        state = " removed" if self._removed else ""
        return f"<{type(self).__name__} {self.instance_id!r}{state}>"

    # -- common API ------------------------------------------------------------

    def remove(self) -> None:
        """Remove this component (and, for a Row/Column, its children) from the UI."""
        if self._removed:
            warnings.warn(
                f"sidekick: {self.instance_id!r} was already removed; remove() ignored.",
                UserWarning,
                stacklevel=2,
            )
            return
        def removed() -> None:
            if self._parent is not None and self in self._parent._children:
                self._parent._children.remove(self)
            for component in self._subtree():
                component._mark_removed()

        self._send(messages.remove(self.component_type, self.instance_id), removed)

    def on_error(self, callback: Callable[[ErrorEvent], Any] | None) -> None:
        """Call ``callback(ErrorEvent)`` when the UI cannot apply a command."""
        check_callback(callback, "callback")
        self._error_callback = callback

    def error(self, func: F) -> F:
        """Decorator form of on_error()."""
        self.on_error(func)
        return func

    # -- helpers for subclasses ------------------------------------------------

    def _new_callback(self, callback: C, setter: str) -> C:
        """``callback`` checked for ``setter`` (on_click, on_submit) on a live component."""
        check_callback(callback, "callback")
        self._check_alive(f"set {setter} on")
        return callback

    def _check_alive(self, action: str) -> None:
        if self._removed:
            raise ComponentRemovedError(self.instance_id, action)

    def _update(
        self, action: str, options: dict[str, Any] | None = None,
        keep: Callable[[], None] | None = None,
    ) -> None:
        """Send one update; ``keep`` records the state it shows (see _send).

        Two ways to keep the state a late UI is shown, so that it gets each
        change exactly once (registry.py):

        - a *setting* (a cell's colour, a text: applying the message twice
          shows the same) is recorded in the component first, then sent with
          no ``keep`` and no lock: a snapshot may show it before its message
          arrives again, which changes nothing;
        - anything else (console text, a drawing, a viz element, a spawn, a
          move) passes ``keep``, which runs with the queueing under the
          registry lock: a snapshot sees both or neither.
        """
        if self._removed:
            raise ComponentRemovedError(self.instance_id, action)
        self._send(messages.update(self.component_type, self.instance_id, action, options), keep)

    def _send(self, message: Message, keep: Callable[[], None] | None = None) -> None:
        """Queue ``message``; ``keep()`` changes the state this component shows.

        Both happen under the registry lock, so a snapshot for a late UI
        sees the change together with its message, or neither.
        """
        self._service.send(message, keep)

    # -- the snapshot for a late UI (registry.py) --------------------------------

    def _spawn_message(self, payload: dict[str, Any]) -> Message:
        if self._parent_id != ROOT_ID:
            payload = {**payload, "parent": self._parent_id}
        return messages.spawn(self.component_type, self.instance_id, payload)

    def _spawn_payload(self) -> dict[str, Any]:
        """The spawn payload that shows the current state (no parent)."""
        return self._spawned

    def _state_messages(self) -> list[Message]:
        """The updates that bring a fresh spawn to the state shown now."""
        return []

    def _describe(self) -> list[Message]:
        """Spawn and state of this component, then of its children (parent first).

        Called on the loop thread with the registry lock held.
        """
        out = [self._spawn_message(self._spawn_payload()), *self._state_messages()]
        for child in self._children:
            if not child._removed:
                out.extend(child._describe())
        return out

    def _note_cap(self, what: str) -> None:
        """A replay cap was hit: say so once per component."""
        if not self._capped:
            self._capped = True
            logger.warning("%s %r: a reloaded UI will be shown %s only (replay cap).",
                           self.component_type, self.instance_id, what)

    def _subtree(self) -> Iterator[Component]:
        stack: list[Component] = [self]
        while stack:
            component = stack.pop()
            yield component
            stack.extend(component._children)

    def _mark_removed(self) -> None:
        self._removed = True
        self._service.components.discard(self)

    def _handle_message(self, message: Message) -> None:
        """Route a UI message for this component (called on the loop thread).

        ``message`` is a validated event or error of this component's type
        (inbound.py, ConnectionService._dispatch).
        """
        payload: dict[str, Any] = message["payload"]
        if message["type"] == "error":
            text: str = payload["message"]
            callback = self._error_callback
            if callback is None:
                logger.warning("sidekick: the UI reported an error for %r: %s",
                               self.instance_id, text)
            else:
                event = ErrorEvent(self.instance_id, "error", text)
                self._service.run_callback(callback, event, f"on_error of {self.instance_id!r}")
        else:
            self._handle_event(payload)

    def _handle_event(self, payload: dict[str, Any]) -> None:
        logger.debug("sidekick: %r ignored event %r", self.instance_id, payload)

    def _run(self, callback: Callable[..., Any] | None, event: Any, what: str) -> None:
        if callback is not None:
            self._service.run_callback(callback, event, f"{what} of {self.instance_id!r}")


def _resolve_parent(parent: ParentLike) -> tuple[Component | None, str]:
    if parent is None:
        return None, ROOT_ID
    if isinstance(parent, Component):
        if parent.component_type not in ("row", "column"):
            raise TypeError(f"parent must be a Row or Column, not a {type(parent).__name__}")
        parent._check_alive("add a child to")
        return parent, parent.instance_id
    if isinstance(parent, str):
        if not parent:
            raise ValueError("parent id must not be empty")
        found = get_service().components.get(parent)
        return (found if isinstance(found, Component) else None), parent
    raise TypeError(
        f"parent must be a Row, a Column, an id string or None, not {type(parent).__name__}"
    )
