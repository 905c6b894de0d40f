"""Viz: a live variable inspector."""

from __future__ import annotations

from typing import Any, Callable

from ..events import ErrorEvent
from ..observable_value import ObservableValue, ValueChange
from ..viz_repr import MAX_DEPTH, path_key, represent
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
        options: dict[str, Any] = {"path": [], "valueRepresentation": represent(value)}
        inner = value.get() if isinstance(value, ObservableValue) else value
        if isinstance(inner, (list, tuple, dict, set, frozenset)):
            options["length"] = len(inner)
        self._send("set", name, options)
        self._watch(name, value)

    def _watch(self, name: str, value: Any) -> None:
        """Subscribe to the value and to ObservableValues nested inside it.

        Root changes go out fine-grained; a change of a nested ObservableValue
        re-sends the whole variable (its path may have moved meanwhile).
        """
        unsubscribers: list[Callable[[], None]] = []
        if isinstance(value, ObservableValue):
            def on_root(change: ValueChange) -> None:
                if not self._removed:
                    self._on_change(name, change)
                    if _nested_observables(value.get()) or _has_observable(change.value):
                        self._forget(name)
                        self._watch(name, value)
            unsubscribers.append(value.subscribe(on_root))
            inner = value.get()
        else:
            inner = value

        def on_nested(change: ValueChange) -> None:
            if not self._removed:
                self._send("set", name, {"path": [], "valueRepresentation": represent(value)})
                self._forget(name)
                self._watch(name, value)

        for nested in _nested_observables(inner):
            unsubscribers.append(nested.subscribe(on_nested))
        if unsubscribers:
            def unsubscribe_all() -> None:
                for unsubscribe in unsubscribers:
                    unsubscribe()

            self._unsubscribers[name] = unsubscribe_all

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
        if change.action in ("setitem", "delitem", "pop") and change.key is not None:
            options["keyRepresentation"] = represent(path_key(change.key))
        if change.length is not None:
            options["length"] = change.length
        self._send(change.action, name, options)

    def _mark_removed(self) -> None:
        for name in list(self._unsubscribers):
            self._forget(name)
        super()._mark_removed()


def _has_observable(value: Any) -> bool:
    return isinstance(value, ObservableValue) or bool(_nested_observables(value))


def _nested_observables(value: Any, depth: int = 0) -> list[ObservableValue]:
    """ObservableValues inside plain containers (same depth limit as the viz)."""
    if depth >= MAX_DEPTH:
        return []
    if isinstance(value, dict):
        children: list[Any] = list(value.values())
    elif isinstance(value, (list, tuple, set, frozenset)):
        children = list(value)
    else:
        return []
    found: list[ObservableValue] = []
    for child in children:
        if isinstance(child, ObservableValue):
            found.append(child)
            found.extend(_nested_observables(child.get(), depth + 1))
        else:
            found.extend(_nested_observables(child, depth + 1))
    return found
