"""Environment detection."""

from __future__ import annotations

import sys

__all__ = ["is_pyodide"]


def is_pyodide() -> bool:
    """True when running inside Pyodide (Python compiled to WebAssembly)."""
    return sys.platform == "emscripten" or "pyodide" in sys.modules
