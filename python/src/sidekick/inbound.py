"""What the hero accepts from the UI: one check per inbound message, at the edge.

A relay forwards whatever a peer sends (protocol.md, Errors and robustness),
so anything may arrive. ``validated()`` returns a message only once it has
the shape the core and the components read, or raises ``MalformedMessage``
saying what is wrong, naming the field as the protocol vectors do
(``payload.x must be an integer >= 0, not string '3'``). The core logs that
as a warning and drops the message (protocol.md, Envelope); nothing after
this check needs to defend itself.

Checked:

- every message: a JSON object; ``id`` a number; ``component`` and ``type``
  strings, ``type`` one of the seven; ``payload`` an object, null or absent;
- ``system/announce``: the whole payload (peerId, role, status, version,
  timestamp);
- ``event``: ``src`` a non-empty string and the payload of that component's
  event (``_EVENTS``);
- ``error``: ``src`` a string (empty when the failed command had no target)
  and ``payload.message`` a string.

Hero→UI commands (``spawn``, ``update``, ``remove``, ``clearAll``) may come
from another hero in the same session; a hero never acts on them, so past the
envelope their bodies are not read.
"""

from __future__ import annotations

import json
import math
import reprlib
from typing import Any, Callable, NamedTuple

from .messages import OFFLINE, ONLINE, ROLE_HERO, ROLE_SIDEKICK, Message

__all__ = ["COMMANDS", "MalformedMessage", "decode", "summary", "validated"]

# Hero→UI messages (a batch carries only those): a hero never reads them.
COMMANDS = frozenset({"spawn", "update", "remove", "clearAll", "batch"})
_TYPES = COMMANDS | {"announce", "event", "error"}


def _not_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not JSON")


# Text frame -> JSON value. NaN and Infinity are not JSON (Python's parser
# accepts them by default); raises ValueError or RecursionError.
decode = json.JSONDecoder(parse_constant=_not_json).decode


class MalformedMessage(ValueError):
    """An inbound message the hero must drop; ``str()`` says what is wrong."""


class _Kind(NamedTuple):
    """What a field must be: words for the warning, and the test."""

    name: str
    test: Callable[[Any], bool]


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    # Integers of any size are finite (and math.isfinite would overflow on huge ones).
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


def _is_index(value: Any) -> bool:
    # JSON has one number type: 3.0 is the integer 3 (as in the schema's "integer").
    return _is_number(value) and value >= 0 and (isinstance(value, int) or value.is_integer())


_NUMBER = _Kind("a finite number", _is_number)
_INDEX = _Kind("an integer >= 0", _is_index)
_TIMESTAMP = _Kind("a number >= 0", lambda v: _is_number(v) and v >= 0)
_STRING = _Kind("a string", lambda v: isinstance(v, str))
_ID = _Kind("a non-empty string", lambda v: isinstance(v, str) and v != "")
_OBJECT = _Kind("an object", lambda v: isinstance(v, dict))
_BOOLEAN = _Kind("a boolean", lambda v: isinstance(v, bool))
_ROLE = _Kind(f"{ROLE_HERO!r} or {ROLE_SIDEKICK!r}", lambda v: v in (ROLE_HERO, ROLE_SIDEKICK))
_STATUS = _Kind(f"{ONLINE!r} or {OFFLINE!r}", lambda v: v in (ONLINE, OFFLINE))

# The event each interactive component reports, and its fields (protocol.md,
# Per component). Any other component sends no events.
_EVENTS: dict[str, tuple[str, dict[str, _Kind]]] = {
    "button": ("click", {}),
    "grid": ("click", {"x": _INDEX, "y": _INDEX}),
    "canvas": ("click", {"x": _NUMBER, "y": _NUMBER}),
    "textbox": ("submit", {"value": _STRING}),
    "console": ("submit", {"value": _STRING}),
}

_short = reprlib.Repr()
_short.maxlevel = 3
_short.maxstring = 80
_short.maxother = 80
_short.maxlist = _short.maxdict = 6


def summary(value: Any) -> str:
    """A bounded repr for log lines, whatever the size or depth of ``value``."""
    return _short.repr(value)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _field(container: dict[str, Any], key: str, where: str, kind: _Kind) -> Any:
    """``container[key]`` if present and of ``kind``; else say what is wrong."""
    if key not in container:
        raise MalformedMessage(f"{where}{key} is required")
    value = container[key]
    if not kind.test(value):
        shown = "" if value is None else " " + summary(value)
        raise MalformedMessage(f"{where}{key} must be {kind.name}, not {_json_type(value)}{shown}")
    return value


def validated(message: object) -> Message:
    """``message`` if the hero can act on it; else raise ``MalformedMessage``."""
    if not isinstance(message, dict):
        raise MalformedMessage(f"a message must be a JSON object, not {_json_type(message)}")
    _field(message, "id", "", _NUMBER)
    component = _field(message, "component", "", _STRING)
    kind = _field(message, "type", "", _STRING)
    if kind not in _TYPES:
        raise MalformedMessage(f"type: {summary(kind)} is not a message type")
    payload = message.get("payload")
    if payload is not None and not isinstance(payload, dict):
        raise MalformedMessage(
            f"payload must be an object or null, not {_json_type(payload)} {summary(payload)}")
    if kind == "announce":
        _check_announce(component, message)
    elif kind == "event":
        _check_event(component, message)
    elif kind == "error":
        _field(message, "src", "", _STRING)
        _field(_field(message, "payload", "", _OBJECT), "message", "payload.", _STRING)
    return message


def _check_announce(component: str, message: Message) -> None:
    if component != "system":
        raise MalformedMessage(f"component: an announce comes from 'system', not {component!r}")
    payload = _field(message, "payload", "", _OBJECT)
    _field(payload, "peerId", "payload.", _ID)
    _field(payload, "role", "payload.", _ROLE)
    _field(payload, "status", "payload.", _STATUS)
    _field(payload, "version", "payload.", _STRING)
    _field(payload, "timestamp", "payload.", _TIMESTAMP)
    if "acceptsBatch" in payload:  # optional (protocol.md system/batch)
        _field(payload, "acceptsBatch", "payload.", _BOOLEAN)


def _check_event(component: str, message: Message) -> None:
    _field(message, "src", "", _ID)
    shape = _EVENTS.get(component)
    if shape is None:
        raise MalformedMessage(
            f"type: a {summary(component)} component sends no events "
            f"(only {', '.join(sorted(_EVENTS))} do)")
    name, fields = shape
    payload = _field(message, "payload", "", _OBJECT)
    if _field(payload, "event", "payload.", _STRING) != name:
        raise MalformedMessage(
            f"payload.event: a {component} only reports {name!r}, not {summary(payload['event'])}")
    for key, kind in fields.items():
        _field(payload, key, "payload.", kind)
