"""Viz: a live variable inspector."""

from __future__ import annotations

from typing import Any, Callable

from ..events import ErrorEvent
from ..observable_value import ObservableValue, ValueChange
from ..viz_repr import path_key, represent
from .base import Component, ParentLike, as_text

__all__ = ["Viz"]

_WITH_VALUE = ("set", "setitem", "append", "insert", "add_set", "discard_set", "remove")


class Viz(Component):
    """Shows named values; ObservableValues update live, change by change."""

    component_type = "viz"

    def __init__(
        self,
        instance_id: str | None = None,
        parent: ParentLike = None,
        on_error: Callable[[ErrorEvent], Any] | None = None,
    ) -> None:
        self._unsubscribers: dict[str, Callable[[], None]] = {}
        super().__init__({}, instance_id, parent, on_error)

    def _send(self, action: str, name: str, options: dict[str, Any]) -> None:
        self._check_alive("update")
        self._service.send({
            "id": 0, "component": "viz", "type": "update", "target": self.instance_id,
            "payload": {"action": action, "variableName": name, "options": options},
        })

    def show(self, name: str, value: Any) -> None:
        """Show (or replace) the variable ``name``."""
        name = as_text(name, "name")
        self._check_alive("show a variable on")
        self._forget(name)
        self._send("set", name, {"path": [], "valueRepresentation": represent(value)})
        if isinstance(value, ObservableValue):
            def on_change(change: ValueChange) -> None:
                if not self._removed:
                    self._on_change(name, change)
            self._unsubscribers[name] = value.subscribe(on_change)

    def remove_variable(self, name: str) -> None:
        name = as_text(name, "name")
        self._check_alive("remove a variable from")
        self._forget(name)
        self._send("removeVariable", name, {})

    def _forget(self, name: str) -> None:
        unsubscribe = self._unsubscribers.pop(name, None)
        if unsubscribe is not None:
            unsubscribe()

    def _on_change(self, name: str, change: ValueChange) -> None:
        options: dict[str, Any] = {"path": list(change.path)}
        if change.action in _WITH_VALUE:
            options["valueRepresentation"] = represent(change.value)
        if change.action == "setitem" and change.key is not None:
            options["keyRepresentation"] = represent(path_key(change.key))
        if change.length is not None:
            options["length"] = change.length
        self._send(change.action, name, options)

    def _mark_removed(self) -> None:
        for name in list(self._unsubscribers):
            self._forget(name)
        super()._mark_removed()
