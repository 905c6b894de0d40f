"""Row and Column: containers that lay out their children."""

from __future__ import annotations

from typing import Any, Callable

from .. import messages
from ..events import ErrorEvent
from .base import Component, ParentLike

__all__ = ["Column", "Row"]


class _Container(Component):
    """Row and Column differ only in their component type (how the UI lays them out)."""

    def __init__(
        self,
        *children: Component,
        instance_id: str | None = None,
        parent: ParentLike = None,
        on_error: Callable[[ErrorEvent], Any] | None = None,
    ) -> None:
        for child in children:
            self._check_child(child)
        super().__init__({}, instance_id, parent, on_error)
        for child in children:
            self.add_child(child)

    @staticmethod
    def _check_child(child: Any) -> None:
        if not isinstance(child, Component):
            raise TypeError(f"a child must be a component, not {type(child).__name__}")
        child._check_alive("move")

    def add_child(self, component: Component) -> None:
        """Move ``component`` to the end of this container."""
        self._check_child(component)
        self._check_alive("add a child to")
        if any(node is self for node in component._subtree()):
            raise ValueError(f"cannot put {component.instance_id!r} inside itself")

        def moved() -> None:
            old = component._parent
            if old is not None and component in old._children:
                old._children.remove(component)
            component._parent = self
            component._parent_id = self.instance_id
            self._children.append(component)

        self._send(messages.update(component.component_type, component.instance_id,
                                   "changeParent", {"parent": self.instance_id}), moved)


class Row(_Container):
    """Lays out its children side by side."""

    component_type = "row"


class Column(_Container):
    """Lays out its children top to bottom."""

    component_type = "column"
