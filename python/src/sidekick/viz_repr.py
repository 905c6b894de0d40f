"""Python values as viz representation nodes (protocol.md, viz)."""

from __future__ import annotations

import itertools
from typing import Any

__all__ = ["MAX_DEPTH", "MAX_ITEMS", "path_key", "represent"]

MAX_DEPTH = 5
MAX_ITEMS = 100

_ids = itertools.count(1)


def _node(
    kind: str, value: Any, length: int | None = None, tracked: bool = False
) -> dict[str, Any]:
    node: dict[str, Any] = {"type": kind, "value": value, "id": f"n{next(_ids)}"}
    if length is not None:
        node["length"] = length
    if tracked:
        node["observableTracked"] = True
    return node


def path_key(key: Any) -> Any:
    """How a dict key or index appears in a viz ``path``: JSON scalars as is."""
    if key is None or isinstance(key, (str, int, float, bool)):
        return key
    return repr(key)


def represent(value: Any, _depth: int = 0, _seen: frozenset[int] = frozenset()) -> dict[str, Any]:
    """The representation tree of ``value`` (depth and size limited, cycle safe)."""
    from .observable_value import ObservableValue

    tracked = isinstance(value, ObservableValue)
    if tracked:
        value = value.get()
    if value is None:
        return _node("NoneType", "None", tracked=tracked)
    if isinstance(value, (bool, int, str)):
        return _node(type(value).__name__, value, tracked=tracked)
    if isinstance(value, float):
        text: Any = value if value == value and abs(value) != float("inf") else repr(value)
        return _node("float", text, tracked=tracked)
    if id(value) in _seen:
        return _node("recursive_ref", "...", tracked=tracked)
    if _depth >= MAX_DEPTH:
        return _node("truncated", "...", tracked=tracked)
    seen = _seen | {id(value)}
    try:
        if isinstance(value, (list, tuple, set, frozenset)):
            items = list(value)
            if isinstance(value, (set, frozenset)):
                items.sort(key=repr)
            nodes = [represent(v, _depth + 1, seen) for v in items[:MAX_ITEMS]]
            if len(items) > MAX_ITEMS:
                nodes.append(_node("truncated", f"{len(items) - MAX_ITEMS} more"))
            return _node(type(value).__name__, nodes, len(items), tracked)
        if isinstance(value, dict):
            entries = []
            for count, (k, v) in enumerate(value.items()):
                if count >= MAX_ITEMS:
                    entries.append({"key": _node("truncated", "..."),
                                    "value": _node("truncated", f"{len(value) - MAX_ITEMS} more")})
                    break
                entries.append({"key": represent(k, _depth + 1, seen),
                                "value": represent(v, _depth + 1, seen)})
            return _node("dict", entries, len(value), tracked)
        attributes = getattr(value, "__dict__", None)
        if isinstance(attributes, dict):
            fields = {
                str(name): represent(v, _depth + 1, seen)
                for name, v in list(attributes.items())[:MAX_ITEMS]
                if not str(name).startswith("_")
            }
            return _node(f"object ({type(value).__name__})", fields, tracked=tracked)
        return _node(type(value).__name__, repr(value), tracked=tracked)
    except Exception as error:  # a broken __repr__ or iteration must not break the viz
        return _node("error", f"cannot show this value: {error}")
