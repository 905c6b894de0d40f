"""ObservableValue: a value that tells its subscribers how it changes."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Callable

__all__ = ["ObservableValue", "ValueChange"]


@dataclass(frozen=True)
class ValueChange:
    """One change: ``action`` is a viz action name (protocol.md, viz).

    ``path`` follows the convention in replay.py: the container for add_set,
    discard_set and clear; the element (for append: the new element) otherwise.
    """

    action: str
    path: list[Any] = field(default_factory=list)
    # value: the new element (or whole value for "set"); key: the dict key
    # changed (None for other containers); length: the container's new length.
    value: Any = None
    key: Any = None
    length: int | None = None


Subscriber = Callable[[ValueChange], Any]


class ObservableValue:
    """Wraps a list, dict, set or any value; mutations notify subscribers."""

    def __init__(self, initial: Any = None) -> None:
        self._value = initial
        self._subscribers: list[Subscriber] = []
        self._lock = threading.Lock()

    # -- subscription ------------------------------------------------------------

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        if not callable(callback):
            raise TypeError("callback must be callable")
        with self._lock:
            self._subscribers.append(callback)
        return lambda: self.unsubscribe(callback)

    def unsubscribe(self, callback: Subscriber) -> None:
        with self._lock:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

    def _notify(self, change: ValueChange) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        for callback in subscribers:
            callback(change)

    def _len(self) -> int | None:
        try:
            return len(self._value)
        except TypeError:
            return None

    # -- whole value ---------------------------------------------------------------

    def get(self) -> Any:
        return self._value

    def set(self, value: Any) -> None:
        self._value = value
        self._notify(ValueChange("set", [], value, length=self._len()))

    # -- list ---------------------------------------------------------------------

    def append(self, item: Any) -> None:
        self._value.append(item)
        size = len(self._value)
        self._notify(ValueChange("append", [size - 1], item, length=size))

    def insert(self, index: int, item: Any) -> None:
        self._value.insert(index, item)
        size = len(self._value)
        position = max(0, min(size - 1, index if index >= 0 else size - 1 + index))
        self._notify(ValueChange("insert", [position], item, length=self._len()))

    def pop(self, *args: Any) -> Any:
        if isinstance(self._value, dict):
            if not args:
                raise TypeError("pop expected at least 1 argument, got 0")
            key = args[0]
            present = key in self._value
            result = self._value.pop(*args)
            if present:
                self._notify(ValueChange("pop", [_key(key)], key=key, length=self._len()))
            return result
        index = args[0] if args else -1
        size = len(self._value)
        result = self._value.pop(*args)
        position = index if index >= 0 else size + index
        self._notify(ValueChange("pop", [position], length=self._len()))
        return result

    def remove(self, item: Any) -> None:
        position = self._value.index(item)
        del self._value[position]
        self._notify(ValueChange("remove", [position], item, length=self._len()))

    def clear(self) -> None:
        self._value.clear()
        self._notify(ValueChange("clear", [], length=0))

    # -- dict / list item access -------------------------------------------------

    def __setitem__(self, key: Any, item: Any) -> None:
        if isinstance(self._value, list) and isinstance(key, int) and key < 0:
            key = len(self._value) + key
        self._value[key] = item
        self._notify(ValueChange("setitem", [_key(key)], item, key=self._dict_key(key),
                                 length=self._len()))

    def __delitem__(self, key: Any) -> None:
        if isinstance(self._value, list) and isinstance(key, int) and key < 0:
            key = len(self._value) + key
        del self._value[key]
        self._notify(ValueChange("delitem", [_key(key)], key=self._dict_key(key),
                                 length=self._len()))

    def _dict_key(self, key: Any) -> Any:
        # Only dict changes carry a key (it becomes the keyRepresentation).
        return key if isinstance(self._value, dict) else None

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, item in dict(*args, **kwargs).items():
            self[key] = item

    # -- set -----------------------------------------------------------------------

    def add(self, item: Any) -> None:
        if item in self._value:
            return
        self._value.add(item)
        self._notify(ValueChange("add_set", [], item, length=self._len()))

    def discard(self, item: Any) -> None:
        if item not in self._value:
            return
        self._value.discard(item)
        self._notify(ValueChange("discard_set", [], item, length=self._len()))

    # -- reading behaves like the wrapped value --------------------------------------

    def __getitem__(self, key: Any) -> Any:
        return self._value[key]

    def __len__(self) -> int:
        return len(self._value)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._value)

    def __contains__(self, item: Any) -> bool:
        return item in self._value

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ObservableValue):
            return bool(self._value == other._value)
        return bool(self._value == other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"ObservableValue({self._value!r})"

    def __str__(self) -> str:
        return str(self._value)

    def __bool__(self) -> bool:
        return bool(self._value)

    def __getattr__(self, name: str) -> Any:
        # Other reading methods (count, index, keys, items, get, copy, ...).
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._value, name)


def _key(key: Any) -> Any:
    from .viz_repr import path_key

    return path_key(key)


