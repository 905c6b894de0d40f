"""The shared protocol vectors are plain JSON that Python can load."""

from __future__ import annotations

import json
from pathlib import Path

VECTORS = Path(__file__).resolve().parents[2] / "protocol" / "vectors"


def test_vectors_load() -> None:
    files = sorted(VECTORS.glob("*.json"))
    assert files
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["valid"] and data["invalid"]
