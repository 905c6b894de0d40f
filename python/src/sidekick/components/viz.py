"""Viz: a live variable inspector."""

from __future__ import annotations

import copy
import logging
from itertools import islice
from typing import Any, Callable

from .. import messages, viz_tree
from ..events import ErrorEvent
from ..observable_value import ObservableValue, ValueChange
from ..viz_repr import MAX_DEPTH, MAX_ITEMS, path_key, represent
from .base import Component, ParentLike, as_text

__all__ = ["Viz"]

_WITH_VALUE = ("set", "setitem", "append", "insert", "add_set", "discard_set", "remove")

# A nested change walks the shown value to find where the changed value is
# now; past this many representation nodes it re-sends the whole variable.
SCAN_LIMIT = 10_000

_log = logging.getLogger("sidekick")


class Viz(Component):
    """Shows named values; ObservableValues update live, change by change."""

    component_type = "viz"

    def __init__(
        self,
        instance_id: str | None = None,
        parent: ParentLike = None,
        on_error: Callable[[ErrorEvent], Any] | None = None,
    ) -> None:
        self._watches: dict[str, _Watch] = {}
        # What the UI shows, for a late UI: each variable's representation
        # tree with every change folded in, and changes that would not fold
        # (none of ours should), replayed as sent.
        self._shown: dict[str, dict[str, Any]] = {}
        self._unfolded: dict[str, list[messages.Message]] = {}
        super().__init__({}, instance_id, parent, on_error)

    def _send_change(self, action: str, name: str, options: dict[str, Any]) -> None:
        self._check_alive("update")
        message = messages.viz_update(self.instance_id, action, name, options)
        self._send(message, lambda: self._keep(action, name, options, message))

    def _keep(self, action: str, name: str, options: dict[str, Any],
              message: messages.Message) -> None:
        path = options.get("path") or []
        if action == "removeVariable" or (action == "set" and not path):
            self._unfolded.pop(name, None)
            self._shown.pop(name, None)
            if action == "set":
                # A copy: later changes are folded into it in place, while the
                # message itself may still be waiting to be encoded.
                self._shown[name] = copy.deepcopy(options["valueRepresentation"])
            return
        try:
            viz_tree.apply(self._shown[name], action, list(path), options)
        except (LookupError, TypeError, ValueError):
            _log.debug("viz %s: could not fold %s at %r; replaying it as sent", name, action, path)
            self._unfolded.setdefault(name, []).append(message)

    def _state_messages(self) -> list[messages.Message]:
        out = []
        for name, tree in self._shown.items():
            options = {"path": [], "valueRepresentation": copy.deepcopy(tree)}
            out.append(messages.viz_update(self.instance_id, "set", name, options))
            out.extend(self._unfolded.get(name, ()))
        return out

    def show(self, name: str, value: Any) -> None:
        """Show (or replace) the variable ``name``."""
        name = as_text(name, "name")
        self._check_alive("show a variable on")
        self._forget(name)
        self._send_whole(name, value)
        watch = _Watch(self, name, value)
        watch.follow(_scan(value, None, None, None).observables)
        self._watches[name] = watch

    def _send_whole(self, name: str, value: Any) -> None:
        self._send_change("set", name, _whole(value))

    def remove_variable(self, name: str) -> None:
        name = as_text(name, "name")
        self._check_alive("remove a variable from")
        self._forget(name)
        self._send_change("removeVariable", name, {})

    def _forget(self, name: str) -> None:
        watch = self._watches.pop(name, None)
        if watch is not None:
            watch.stop()

    def _mark_removed(self) -> None:
        for name in list(self._watches):
            self._forget(name)
        super()._mark_removed()


def _whole(value: Any) -> dict[str, Any]:
    """Options of a ``set`` that shows the whole of ``value`` at the root."""
    options: dict[str, Any] = {"path": [], "valueRepresentation": represent(value)}
    inner = value.get() if isinstance(value, ObservableValue) else value
    if isinstance(inner, (list, tuple, dict, set, frozenset)):
        options["length"] = len(inner)
    return options


class _Watch:
    """One shown variable and the ObservableValues in it that it listens to.

    The root and every ObservableValue the representation shows (at any
    path, also nested in plain containers, objects or other observables) are
    subscribed; after every change the subscriptions follow the structure.
    """

    def __init__(self, viz: Viz, name: str, value: Any) -> None:
        self.viz = viz
        self.name = name
        self.value = value
        self.active = True
        self.subscriptions: dict[int, tuple[ObservableValue, Callable[[], None]]] = {}

    def follow(self, observables: dict[int, ObservableValue]) -> None:
        if not self.active:
            return
        for key in [k for k in self.subscriptions if k not in observables]:
            self.subscriptions.pop(key)[1]()
        for key, observable in observables.items():
            if key not in self.subscriptions:
                unsubscribe = observable.subscribe(self._listener(observable))
                self.subscriptions[key] = (observable, unsubscribe)

    def _listener(self, observable: ObservableValue) -> Callable[[ValueChange], None]:
        return lambda change: self.changed(observable, change)

    def stop(self) -> None:
        self.active = False
        for _, unsubscribe in self.subscriptions.values():
            unsubscribe()
        self.subscriptions.clear()

    def changed(self, observable: ObservableValue, change: ValueChange) -> None:
        if not self.active or self.viz._removed:
            return
        root = observable is self.value
        # The root's location is known; a nested value is looked for: itself
        # for "set", its (mutated) container everywhere it is shown otherwise.
        target = None if root else observable
        mutated = None if root or change.action == "set" else observable.get()
        try:
            scan: _Scan | None = _scan(self.value, target, mutated, SCAN_LIMIT)
        except Exception:  # too big to walk, or a hostile __eq__/__repr__/__dict__
            scan = None
        if root:
            places = [_Place([], 0, frozenset(), observable)]
        elif scan is None or scan.fallback:
            places = []  # not found, or shown where no path leads: the whole variable
        else:
            places = scan.places
        try:
            messages = _messages(observable, change, places) if places else []
        except Exception:  # a key with a broken __eq__: the whole value is always right
            messages = []
        if not messages:
            self.viz._send_whole(self.name, self.value)
        for action, options in messages:
            self.viz._send_change(action, self.name, options)
        if scan is None:
            try:
                scan = _scan(self.value, None, None, None)
            except Exception:
                return  # keep the subscriptions we have
        self.follow(scan.observables)


class _TooBig(Exception):
    """The walk passed SCAN_LIMIT nodes."""


class _Place:
    """Where the changed value is shown: path from the root, depth, ancestors."""

    __slots__ = ("depth", "path", "seen", "shown")

    def __init__(self, path: list[Any], depth: int, seen: frozenset[int], shown: Any) -> None:
        self.path = path
        self.depth = depth
        self.seen = seen  # ids of the containers above (represent()'s cycle check)
        self.shown = shown  # what is represented at path (the observable, or the plain container)


class _Scan:
    """One walk over what represent() shows, mirroring it node for node."""

    def __init__(self, target: ObservableValue | None, mutated: Any, limit: int | None) -> None:
        self.target = target
        self.mutated = mutated
        self.limit = limit
        self.visited = 0
        self.observables: dict[int, ObservableValue] = {}
        self.places: list[_Place] = []
        self.fallback = False

    def visit(self, value: Any, depth: int, seen: frozenset[int], path: list[Any] | None) -> None:
        self.visited += 1
        if self.limit is not None and self.visited > self.limit:
            raise _TooBig
        shown = value
        if isinstance(value, ObservableValue):
            self.observables.setdefault(id(value), value)
            if value is self.target and self.mutated is None:
                self._found(path, depth, seen, shown)
            value = value.get()
        if value is None or isinstance(value, (bool, int, str, float)) or id(value) in seen:
            return
        if depth >= MAX_DEPTH:
            # Shown as a truncated "...", which a mutation leaves as it is; if
            # that is the only place, the whole variable is re-sent (no places).
            return
        if self.mutated is not None and value is self.mutated:
            self._found(path, depth, seen, shown)
        seen = seen | {id(value)}
        below = depth + 1

        found = len(self.places)
        try:
            self._children(value, below, seen, path)
        except _TooBig:
            raise
        except Exception:  # represent() shows an error node here, nothing below it
            del self.places[found:]

    def _children(
        self, value: Any, below: int, seen: frozenset[int], path: list[Any] | None
    ) -> None:
        def step(key: Any) -> list[Any] | None:
            return None if path is None else [*path, key]

        if isinstance(value, (list, tuple)):
            for index, item in enumerate(islice(value, MAX_ITEMS)):
                self.visit(item, below, seen, step(index))
        elif isinstance(value, (set, frozenset)):
            for item in sorted(value, key=repr)[:MAX_ITEMS]:
                self.visit(item, below, seen, None)  # a set element has no path
        elif isinstance(value, dict):
            entries = list(islice(value.items(), MAX_ITEMS))
            addressable = viz_tree.addressable_keys([key for key, _ in entries])
            for (key, item), reachable in zip(entries, addressable):
                self.visit(key, below, seen, None)
                self.visit(item, below, seen, step(path_key(key)) if reachable else None)
        else:
            attributes = getattr(value, "__dict__", None)
            if isinstance(attributes, dict):
                for name, item in list(attributes.items())[:MAX_ITEMS]:
                    if not str(name).startswith("_"):
                        self.visit(item, below, seen, step(str(name)))

    def _found(self, path: list[Any] | None, depth: int, seen: frozenset[int], shown: Any) -> None:
        if path is None:
            self.fallback = True  # inside a dict key or a set element: no path to it
        else:
            self.places.append(_Place(path, depth, seen, shown))


def _scan(value: Any, target: ObservableValue | None, mutated: Any, limit: int | None) -> _Scan:
    scan = _Scan(target, mutated, limit)
    scan.visit(value, 0, frozenset(), [])
    return scan


# -- the messages of one change at each place ----------------------------------------

def _messages(observable: ObservableValue, change: ValueChange,
              places: list[_Place]) -> list[tuple[str, dict[str, Any]]]:
    """The updates for ``change`` at every place it is shown."""
    out: list[tuple[str, dict[str, Any]]] = []
    for place in places:
        if change.action == "set":
            out.append(_replace(place, observable))
            continue
        container = observable.get()
        if not _fine_grained_fits(container, change):
            out.append(_replace(place, place.shown))
            continue
        options: dict[str, Any] = {"path": [*place.path, *change.path]}
        below, seen = place.depth + 1, place.seen | {id(container)}
        if change.action in _WITH_VALUE:
            options["valueRepresentation"] = represent(change.value, below, seen)
        if change.action in ("setitem", "delitem", "pop") and isinstance(container, dict):
            options["keyRepresentation"] = represent(change.key, below, seen)  # also for None
        if change.length is not None:
            options["length"] = change.length
        out.append((change.action, options))
    return out


def _replace(place: _Place, shown: Any) -> tuple[str, dict[str, Any]]:
    """A ``set`` of the node at the place, as a whole re-send would show it."""
    if not place.path:
        return "set", _whole(shown)
    return "set", {"path": list(place.path),
                   "valueRepresentation": represent(shown, place.depth, place.seen)}


def _fine_grained_fits(container: Any, change: ValueChange) -> bool:
    """Whether the UI, applying the change's own action, ends up as represent() would."""
    try:
        size = len(container)
    except TypeError:
        return False
    if size >= MAX_ITEMS:
        return False  # at or past the size limit the shown part and "N more" move
    if isinstance(container, dict) and change.action in ("setitem", "delitem", "pop"):
        return viz_tree.key_reachable(container, change.key, change.action == "setitem")
    if change.action == "discard_set":
        node = represent(change.value)
        return not isinstance(node.get("value"), (list, dict))  # the UI matches scalars only
    return True
