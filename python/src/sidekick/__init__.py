"""Sidekick: make a Python program's behaviour visible while it runs."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
