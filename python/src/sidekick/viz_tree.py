"""Viz representation trees as the UI holds them (protocol.md, viz).

One module for the UI's rules about a shown tree, which the hero must
follow exactly: how a path step finds a dict entry (``same_key``, as
ui/src/models/vizTree.ts ``sameKey`` does), which Python keys a path can
reach (``addressable_keys``, ``key_reachable``), and how a fine-grained
update changes a tree (``apply``), so Viz keeps the tree it shows.
"""

from __future__ import annotations

import copy
import math
from itertools import islice
from typing import Any

from .viz_repr import MAX_ITEMS

__all__ = ["addressable_keys", "apply", "key_reachable", "same_key"]


# -- dict keys as the UI finds them ------------------------------------------------
# The UI (ui/src/models/vizTree.ts, sameKey) takes the first entry whose key
# node's scalar value is strictly equal to the path element, and a null path
# element for a None key. A key is addressable when its path element is itself
# (a JSON scalar) and no earlier key would be found first.

def _path_identity(key: Any) -> tuple[Any, ...] | None:
    if key is None:
        return ("null",)
    if isinstance(key, bool):
        return ("bool", key)
    if isinstance(key, int) or (isinstance(key, float) and math.isfinite(key)):
        return ("number", key)
    if isinstance(key, str):
        return ("str", key)
    return None


def _key_matches(key: Any) -> tuple[set[tuple[Any, ...]], bool]:
    """The path elements a key's node answers to, and whether it may answer any string."""
    identity = _path_identity(key)
    if identity is None:
        return set(), True  # shown as repr text, "...", an error: could equal any string
    if key is None:
        return {identity, ("str", "None")}, False
    return {identity}, False


def addressable_keys(keys: list[Any]) -> list[bool]:
    claimed: set[tuple[Any, ...]] = set()
    any_string = False
    result = []
    for key in keys:
        identity = _path_identity(key)
        result.append(identity is not None and identity not in claimed
                      and not (any_string and identity[0] == "str"))
        matches, wild = _key_matches(key)
        claimed |= matches
        any_string = any_string or wild
    return result


def key_reachable(container: dict[Any, Any], key: Any, present: bool) -> bool:
    """Whether a path ending in ``key`` reaches this entry (present) or no entry (removed)."""
    identity = _path_identity(key)
    if identity is None:
        return False
    keys = list(islice(container, MAX_ITEMS))
    if present:
        for index, other in enumerate(keys):
            if other == key and type(other) is type(key):
                return addressable_keys(keys)[index]
        return False
    for other in keys:
        matches, wild = _key_matches(other)
        if identity in matches or (wild and identity[0] == "str"):
            return False
    return True


def _child(node: dict[str, Any], key: Any) -> dict[str, Any]:
    """The child of a representation node at one path step."""
    kind = node.get("type")
    value: Any = node.get("value")
    if kind == "dict":
        index = _dict_index(node, key)
        if index < 0:
            raise KeyError(key)
        return value[index]["value"]  # type: ignore[no-any-return]
    if isinstance(value, list):
        return value[int(key)]  # type: ignore[no-any-return]
    if isinstance(value, dict):
        return value[str(key)]  # type: ignore[no-any-return]
    raise KeyError(key)


def _walk(root: dict[str, Any], path: list[Any]) -> dict[str, Any]:
    node = root
    for key in path:
        node = _child(node, key)
    return node


def same_key(node: dict[str, Any], key: Any) -> bool:
    """Whether a dict key node is the one a path element names, as the UI decides.

    ui/src/models/vizTree.ts (sameKey): the node's scalar value strictly equal
    to the element (so ``1`` is not ``True``), or a null element for ``None``.
    """
    if key is None:
        return node.get("type") == "NoneType"
    value = node.get("value")
    if isinstance(value, (list, dict)):
        return False
    if isinstance(key, bool) or isinstance(value, bool):
        return value is key
    if isinstance(key, str) or isinstance(value, str):
        return isinstance(key, str) and isinstance(value, str) and key == value
    return bool(value == key)


def _dict_index(node: dict[str, Any], key: Any) -> int:
    for index, entry in enumerate(node["value"]):
        if same_key(entry["key"], key):
            return index
    return -1


def apply(root: dict[str, Any], action: str, path: list[Any], options: dict[str, Any]) -> None:
    """Fold one fine-grained viz update into a representation tree.

    Path convention (as in protocol/vectors/viz.json): ``add_set``,
    ``discard_set`` and ``clear`` name the container; ``set``, ``setitem``,
    ``insert``, ``pop``, ``remove``, ``delitem`` and ``append`` name the
    element (for append the new one), so the container is ``path[:-1]``.
    """
    rep = copy.deepcopy(options.get("valueRepresentation"))
    length = options.get("length")
    if action == "append":
        container = _walk(root, path[:-1])
        container["value"].append(rep)
    elif action in ("add_set", "discard_set", "clear"):
        container = _walk(root, path)
        items = container["value"]
        if action == "clear":
            items.clear()
        elif action == "discard_set":
            wanted = (rep or {}).get("value")
            for index, item in enumerate(items):
                if item.get("value") == wanted:
                    del items[index]
                    break
        else:
            items.append(rep)
    else:
        if not path:
            raise ValueError("empty path")
        container = _walk(root, path[:-1])
        key = path[-1]
        items = container["value"]
        if container.get("type") == "dict":
            index = _dict_index(container, key)
            if action in ("set", "setitem"):
                if index >= 0:
                    items[index]["value"] = rep
                else:
                    key_rep = copy.deepcopy(options.get("keyRepresentation")) or {
                        "type": type(key).__name__, "value": key, "id": f"key-{key}"}
                    items.append({"key": key_rep, "value": rep})
            elif index >= 0:
                del items[index]
            else:
                raise KeyError(key)
        elif isinstance(items, list):
            if action in ("set", "setitem"):
                items[int(key)] = rep
            elif action == "insert":
                items.insert(int(key), rep)
            else:  # pop, remove, delitem
                del items[int(key)]
        elif isinstance(items, dict):
            if action in ("set", "setitem"):
                items[str(key)] = rep
            else:
                del items[str(key)]
        else:
            raise TypeError(action)
    if length is not None:
        container["length"] = length
