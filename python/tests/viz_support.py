"""Helpers the nested-Viz tests share: representations without node ids, a plain object."""

from __future__ import annotations

import json
from typing import Any


def bare(value: Any) -> Any:
    """A representation (or message) without node ids, set items in a fixed order."""
    if isinstance(value, dict):
        out = {k: bare(v) for k, v in value.items() if k != "id" or "type" not in value}
        if out.get("type") in ("set", "frozenset") and isinstance(out.get("value"), list):
            out["value"] = sorted(out["value"], key=lambda n: json.dumps(n, sort_keys=True))
        return out
    if isinstance(value, list):
        return [bare(v) for v in value]
    return value


class Point:
    def __init__(self, **attributes: Any) -> None:
        self.__dict__.update(attributes)
