"""Loader for the shared protocol test vectors and schema (protocol/vectors, protocol/schema).

The vectors are plain JSON files, one per component plus ``system``, ``global``
and ``general-error`` (format: protocol/vectors/README.md). Tests of the hero
library import this module to check that an API call produces exactly a
vector's message::

    from protocol_vectors import valid_message
    assert sent == valid_message("grid", "spawn 3x2")
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PROTOCOL_DIR = Path(__file__).resolve().parents[2] / "protocol"
VECTORS_DIR = PROTOCOL_DIR / "vectors"
SCHEMA_PATH = PROTOCOL_DIR / "schema" / "sidekick.schema.json"

__all__ = [
    "PROTOCOL_DIR",
    "SCHEMA_PATH",
    "VECTORS_DIR",
    "invalid_message",
    "load_schema",
    "load_vectors",
    "schema_path",
    "valid_message",
]


def schema_path() -> Path:
    """Path of the protocol's JSON Schema (draft 2020-12)."""
    return SCHEMA_PATH


def load_schema() -> dict[str, Any]:
    """The protocol's JSON Schema as a fresh dict (safe to modify)."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def load_vectors() -> dict[str, dict[str, Any]]:
    """Every vector file, keyed by its stem (``"grid"``, ``"system"``, ...).

    Each value is ``{"description": str, "valid": [{"name", "message"}],
    "invalid": [{"name", "reason", "message"}]}``, freshly parsed (safe to modify).
    """
    vectors: dict[str, dict[str, Any]] = {}
    for path in sorted(VECTORS_DIR.glob("*.json")):
        vectors[path.stem] = json.loads(path.read_text(encoding="utf-8"))
    return vectors


def _find(file: str, kind: str, name: str) -> dict[str, Any]:
    entries = load_vectors()[file][kind]
    for entry in entries:
        if entry["name"] == name:
            message: dict[str, Any] = entry["message"]
            return message
    names = ", ".join(repr(e["name"]) for e in entries)
    raise KeyError(f"no {kind} vector {name!r} in {file}.json (have: {names})")


def valid_message(file: str, name: str) -> dict[str, Any]:
    """The message of the valid vector called ``name`` in ``<file>.json``."""
    return _find(file, "valid", name)


def invalid_message(file: str, name: str) -> dict[str, Any]:
    """The message of the invalid vector called ``name`` in ``<file>.json``."""
    return _find(file, "invalid", name)
