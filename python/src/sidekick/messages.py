"""The hero's messages (protocol.md), as plain dicts: the one place envelopes are built.

Every message the library sends is made by a builder here (components,
the snapshot for a late UI, the connection's announces), so the envelope
(``{"id": 0, "component": ..., "type": ...}``) is written once. Only
builders and constants live here; nothing in this module does I/O.
"""

from __future__ import annotations

import json
import time
from typing import Any, Union

__all__ = [
    "CLEAR_ALL_FRAME",
    "ROOT_ID",
    "Message",
    "Outgoing",
    "announce",
    "clear_all",
    "encode",
    "remove",
    "spawn",
    "update",
    "viz_update",
]

# A message is a JSON object; payload keys are camelCase (protocol.md, Envelope).
Message = dict[str, Any]
# What goes out: a message, or one the sending thread already encoded (its frame).
Outgoing = Union[Message, str]

# Compact and UTF-8: the one encoding of every frame the hero sends.
encode = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode

# The implicit top-level column of the UI (protocol.md, Component messages).
ROOT_ID = "root"

ROLE_HERO = "hero"
ROLE_SIDEKICK = "sidekick"
ONLINE = "online"
OFFLINE = "offline"
# How a system message (an announce or a batch) begins once JSON-encoded with
# compact separators, as the writer encodes it: frames are told apart by it
# without being parsed again.
SYSTEM_FRAME_PREFIX = '{"id":0,"component":"system",'


def announce(peer_id: str, status: str, version: str, role: str = ROLE_HERO) -> Message:
    """A system/announce message (protocol.md, system/announce)."""
    return {
        "id": 0,
        "component": "system",
        "type": "announce",
        "payload": {
            "peerId": peer_id,
            "role": role,
            "status": status,
            "version": version,
            "timestamp": int(time.time() * 1000),
        },
    }


def clear_all() -> Message:
    """global/clearAll: the UI removes every component."""
    return {"id": 0, "component": "global", "type": "clearAll"}


# global/clearAll as a frame: how the writer spots every clearAll among frames.
CLEAR_ALL_FRAME = encode(clear_all())


def spawn(component: str, target: str, payload: dict[str, Any]) -> Message:
    return {"id": 0, "component": component, "type": "spawn", "target": target, "payload": payload}


def update(
    component: str, target: str, action: str, options: dict[str, Any] | None = None
) -> Message:
    # One literal per case: this is on the path of every grid cell a script sets.
    if options is None:
        return {"id": 0, "component": component, "type": "update", "target": target,
                "payload": {"action": action}}
    return {"id": 0, "component": component, "type": "update", "target": target,
            "payload": {"action": action, "options": options}}


def viz_update(target: str, action: str, name: str, options: dict[str, Any]) -> Message:
    """A viz update: viz names its variable beside the action (protocol.md, viz)."""
    return {"id": 0, "component": "viz", "type": "update", "target": target,
            "payload": {"action": action, "variableName": name, "options": options}}


def remove(component: str, target: str) -> Message:
    return {"id": 0, "component": component, "type": "remove", "target": target}
