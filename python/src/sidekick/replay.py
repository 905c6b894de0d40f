"""The state a late or reloaded UI needs, kept from the messages the hero sends.

The store reads every hero→UI message (and the UI events that change a
component's value) and keeps, per live component, just enough to rebuild
it: the latest spawn payload, grid cells (one colour and one text per cell),
console text, texts and values, layout parents and child order, viz
variables, and canvas drawing since the last clear of each buffer.
``snapshot()`` turns that back into standard protocol messages:
``global/clearAll``, then spawns in parent-before-child order, each followed
by the updates that restore its state. The UI needs nothing new to use them.

Caps (documented in docs/python-library.md): canvas drawing keeps the last
``CANVAS_COMMAND_CAP`` commands per buffer, console text the last
``CONSOLE_TEXT_CAP`` characters; hitting a cap is logged once per component.
"""

from __future__ import annotations

import copy
import logging
from collections import deque
from typing import Any, Callable

from . import protocol
from .protocol import ROOT_ID, Message

__all__ = ["CANVAS_COMMAND_CAP", "CONSOLE_TEXT_CAP", "ReplayStore"]

CANVAS_COMMAND_CAP = 20_000
CONSOLE_TEXT_CAP = 1_000_000

_log = logging.getLogger("sidekick")


class _Component:
    """What the store remembers of one live component."""

    __slots__ = ("capped", "component", "extra", "instance_id", "parent", "payload", "state")

    def __init__(self, component: str, instance_id: str, payload: dict[str, Any], parent: str):
        self.component = component
        self.instance_id = instance_id
        self.payload = payload  # spawn payload without "parent", kept current
        self.parent = parent
        self.state: Any = None  # per-type state, see _init_state
        self.extra: list[dict[str, Any]] = []  # updates we do not model: replayed as sent
        self.capped = False


class ReplayStore:
    """Per-component state rebuilt from the outgoing message stream."""

    def __init__(self) -> None:
        self._components: dict[str, _Component] = {}
        self._children: dict[str, list[str]] = {ROOT_ID: []}
        self._updaters: dict[str, Callable[[_Component, str, dict[str, Any], Message], None]] = {
            "grid": self._update_grid,
            "console": self._update_console,
            "canvas": self._update_canvas,
            "viz": self._update_viz,
            "label": self._update_text,
            "button": self._update_text,
            "markdown": self._update_text,
            "textbox": self._update_textbox,
        }

    def __len__(self) -> int:
        return len(self._components)

    # -- input ---------------------------------------------------------------

    def record(self, message: Message) -> None:
        """Take note of one hero→UI message (called in send order)."""
        kind = message.get("type")
        if kind == "update":
            node = self._components.get(message.get("target", ""))
            if node is None:
                return
            payload = message.get("payload") or {}
            action = payload.get("action", "")
            if action == "changeParent":
                options = payload.get("options") or {}
                self._move(node, options.get("parent") or ROOT_ID, options.get("insertBefore"))
                return
            updater = self._updaters.get(node.component)
            if updater is None:
                self._keep_extra(node, message)
            else:
                updater(node, action, payload.get("options") or {}, message)
        elif kind == "spawn":
            self._spawn(message)
        elif kind == "remove":
            node = self._components.get(message.get("target", ""))
            if node is not None:
                self._drop(node)
        elif kind == "clearAll":
            self._components.clear()
            self._children = {ROOT_ID: []}

    def record_event(self, message: Message) -> None:
        """Take note of a UI event that changes state the hero replays.

        ``message`` has passed ``inbound.validated``: a textbox event is a
        submit whose value is a string.
        """
        if message["type"] != "event" or message["component"] != "textbox":
            return
        node = self._components.get(message["src"])
        if node is not None and node.component == "textbox":
            node.payload["value"] = message["payload"]["value"]

    # -- output --------------------------------------------------------------

    def snapshot(self) -> list[Message]:
        """clearAll, then every live component parent-first, with its state."""
        out: list[Message] = [protocol.clear_all()]
        stack = list(reversed(self._children[ROOT_ID]))
        while stack:
            node = self._components[stack.pop()]
            payload = dict(node.payload)
            if node.parent != ROOT_ID:
                payload["parent"] = node.parent
            out.append(protocol.spawn(node.component, node.instance_id, payload))
            out.extend(self._state_messages(node))
            out.extend(node.extra)
            stack.extend(reversed(self._children.get(node.instance_id, ())))
        return out

    # -- structure -----------------------------------------------------------

    def _spawn(self, message: Message) -> None:
        target = message.get("target")
        component = message.get("component")
        if not isinstance(target, str) or not isinstance(component, str):
            return
        old = self._components.get(target)
        if old is not None:
            self._drop(old)
        payload = dict(message.get("payload") or {})
        parent = payload.pop("parent", None) or ROOT_ID
        node = _Component(component, target, payload, parent)
        self._init_state(node)
        self._components[target] = node
        self._children.setdefault(parent, []).append(target)

    def _move(self, node: _Component, parent: str, before: str | None) -> None:
        siblings = self._children.get(node.parent)
        if siblings is not None and node.instance_id in siblings:
            siblings.remove(node.instance_id)
        node.parent = parent
        siblings = self._children.setdefault(parent, [])
        if before is not None and before in siblings:
            siblings.insert(siblings.index(before), node.instance_id)
        else:
            siblings.append(node.instance_id)

    def _drop(self, node: _Component) -> None:
        siblings = self._children.get(node.parent)
        if siblings is not None and node.instance_id in siblings:
            siblings.remove(node.instance_id)
        stack = [node.instance_id]
        while stack:
            instance_id = stack.pop()
            self._components.pop(instance_id, None)
            stack.extend(self._children.pop(instance_id, ()))

    def _keep_extra(self, node: _Component, message: Message) -> None:
        node.extra.append(message)

    # -- per-type state --------------------------------------------------------

    def _init_state(self, node: _Component) -> None:
        if node.component == "grid":
            node.state = ({}, {})  # (x, y) -> colour, (x, y) -> text
        elif node.component == "console":
            node.state = [node.payload.pop("text", None) or ""]
        elif node.component == "canvas":
            node.state = {0: deque(maxlen=CANVAS_COMMAND_CAP)}
        elif node.component == "viz":
            node.state = {}  # variable name -> representation node

    def _state_messages(self, node: _Component) -> list[Message]:
        c, t = node.component, node.instance_id
        out: list[Message] = []
        if c == "grid":
            colors, texts = node.state
            for (x, y), color in colors.items():
                out.append(protocol.update(c, t, "setColor", {"x": x, "y": y, "color": color}))
            for (x, y), text in texts.items():
                out.append(protocol.update(c, t, "setText", {"x": x, "y": y, "text": text}))
        elif c == "console":
            if node.state[0]:
                out.append(protocol.update(c, t, "append", {"text": node.state[0]}))
        elif c == "canvas":
            for buffer_id in sorted(node.state):
                if buffer_id > 0:
                    out.append(protocol.update(c, t, "createBuffer", {"bufferId": buffer_id}))
            for buffer_id in sorted(node.state, reverse=True):
                for payload in node.state[buffer_id]:
                    out.append({"id": 0, "component": c, "type": "update", "target": t,
                                "payload": payload})
        elif c == "viz":
            for name, tree in node.state.items():
                rep = copy.deepcopy(tree)
                out.append({"id": 0, "component": c, "type": "update", "target": t,
                            "payload": {"action": "set", "variableName": name,
                                        "options": {"path": [], "valueRepresentation": rep}}})
        return out

    def _update_grid(
        self, node: _Component, action: str, options: dict[str, Any], message: Message
    ) -> None:
        colors, texts = node.state
        if action == "setColor":
            key = (options.get("x"), options.get("y"))
            color = options.get("color")
            if color is None:
                colors.pop(key, None)
            else:
                colors[key] = color
        elif action == "setText":
            key = (options.get("x"), options.get("y"))
            text = options.get("text")
            if text is None or text == "":
                texts.pop(key, None)
            else:
                texts[key] = text
        elif action == "clearCell":
            key = (options.get("x"), options.get("y"))
            colors.pop(key, None)
            texts.pop(key, None)
        elif action == "clear":
            colors.clear()
            texts.clear()
        else:
            self._keep_extra(node, message)

    def _update_console(
        self, node: _Component, action: str, options: dict[str, Any], message: Message
    ) -> None:
        if action == "append":
            text = node.state[0] + str(options.get("text", ""))
            if len(text) > CONSOLE_TEXT_CAP:
                text = text[-CONSOLE_TEXT_CAP:]
                self._note_cap(node, f"the last {CONSOLE_TEXT_CAP} characters of console text")
            node.state[0] = text
        elif action == "clear":
            node.state[0] = ""
        else:
            self._keep_extra(node, message)

    def _update_text(
        self, node: _Component, action: str, options: dict[str, Any], message: Message
    ) -> None:
        if action == "setText":
            node.payload["text"] = options.get("text", "")
        else:
            self._keep_extra(node, message)

    def _update_textbox(
        self, node: _Component, action: str, options: dict[str, Any], message: Message
    ) -> None:
        if action == "setValue":
            node.payload["value"] = options.get("value", "")
        elif action == "setPlaceholder":
            node.payload["placeholder"] = options.get("placeholder", "")
        else:
            self._keep_extra(node, message)

    def _update_canvas(
        self, node: _Component, action: str, options: dict[str, Any], message: Message
    ) -> None:
        buffers: dict[int, deque[dict[str, Any]]] = node.state
        if action == "createBuffer":
            buffers[int(options.get("bufferId", 0))] = deque(maxlen=CANVAS_COMMAND_CAP)
        elif action == "destroyBuffer":
            buffer_id = int(options.get("bufferId", 0))
            if buffer_id > 0:
                buffers.pop(buffer_id, None)
        elif action == "clear":
            log = buffers.get(int(options.get("bufferId") or 0))
            if log is not None:
                log.clear()
        elif action == "drawBuffer":
            # Copy the source's commands onto the target: drawing them there
            # gives the same pixels as compositing the buffer ("over" is
            # associative), and the source may change before a replay.
            source = buffers.get(int(options.get("sourceBufferId") or 0))
            target_id = int(options.get("targetBufferId") or 0)
            target = buffers.get(target_id)
            if source is None or target is None or source is target:
                return
            for payload in list(source):
                moved = dict(payload)
                moved["options"] = dict(payload.get("options") or {}, bufferId=target_id)
                self._append_drawing(node, target, moved)
        else:
            log = buffers.get(int(options.get("bufferId") or 0))
            if log is not None:
                self._append_drawing(node, log, message["payload"])

    def _append_drawing(
        self, node: _Component, log: deque[dict[str, Any]], payload: dict[str, Any]
    ) -> None:
        if len(log) == log.maxlen:
            self._note_cap(node, f"the last {CANVAS_COMMAND_CAP} drawing commands per buffer")
        log.append(payload)

    def _update_viz(
        self, node: _Component, action: str, options: dict[str, Any], message: Message
    ) -> None:
        payload = message.get("payload") or {}
        name = payload.get("variableName")
        variables: dict[str, Any] = node.state
        if not isinstance(name, str):
            return
        if action == "removeVariable":
            variables.pop(name, None)
            return
        path = list(options.get("path") or [])
        rep = options.get("valueRepresentation")
        if action == "set" and not path:
            # A copy: later updates are folded into it in place, while the
            # message itself may still be waiting to be encoded.
            variables[name] = copy.deepcopy(rep)
            return
        root = variables.get(name)
        try:
            if root is None:
                raise LookupError(name)
            _apply_viz(root, action, path, options)
        except (LookupError, TypeError, ValueError):
            # Our own updates always apply; anything else is kept verbatim.
            _log.debug("viz %s: could not fold %s at %r; replaying it as sent", name, action, path)
            self._keep_extra(node, message)

    def _note_cap(self, node: _Component, what: str) -> None:
        if not node.capped:
            node.capped = True
            _log.warning(
                "%s %r: a reloaded UI will be shown %s only (replay cap).",
                node.component, node.instance_id, what,
            )


# -- viz representation trees (protocol.md, viz) -------------------------------

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


def _same_key(node: dict[str, Any], key: Any) -> bool:
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
        if _same_key(entry["key"], key):
            return index
    return -1


def _apply_viz(root: dict[str, Any], action: str, path: list[Any], options: dict[str, Any]) -> None:
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
