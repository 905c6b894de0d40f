"""The library inside real Pyodide (Node + the pyodide npm package), over the
JavaScript bridge the UI's Web Worker provides."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from conftest import REPO, assert_valid
from jsonschema import Draft202012Validator

SCRIPT = Path(__file__).parent / "pyodide" / "run_in_pyodide.mjs"


def test_library_runs_in_pyodide_over_the_js_bridge(validator: Draft202012Validator) -> None:
    node = shutil.which("node")
    assert node, "node is needed to run Pyodide"
    result = subprocess.run([node, str(SCRIPT)], cwd=REPO, capture_output=True, text=True,
                            timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["platform"] == "emscripten"
    sent = report["sent"]
    # Before a UI announced itself only the hero's own announce went out.
    assert [m["component"] for m in sent[: report["beforeUi"]]] == ["system"]
    assert sent[0]["payload"]["role"] == "hero" and sent[0]["payload"]["status"] == "online"
    kinds = [(m["component"], m["type"]) for m in sent]
    first_clear = kinds.index(("global", "clearAll"))
    assert kinds[first_clear + 1: first_clear + 5] == [
        ("grid", "spawn"), ("grid", "update"), ("label", "spawn"), ("button", "spawn")]
    assert {"action": "setText", "options": {"text": "clicked"}} in [m.get("payload") for m in sent]
    replay = report["replay"]
    assert replay[0] == {"id": 0, "component": "global", "type": "clearAll"}
    spawns = [m for m in replay if m["type"] == "spawn"]
    assert [m["target"] for m in spawns] == ["grid-1", "label-1", "button-1"]
    assert spawns[1]["payload"] == {"text": "clicked"}
    assert sent[-1]["payload"]["status"] == "offline"
    assert report["handlerReleased"], "close_async must unregister and release its proxy"
    # sys.exit(3) in a callback of a second connection: orderly shutdown, and
    # the awaiting run_forever_async() raised SystemExit(3).
    assert report["exitCodes"] == [3]
    after_exit = report["afterExit"]
    assert after_exit[-1]["payload"]["status"] == "offline"
    assert ("label", "spawn") in [(m["component"], m["type"]) for m in after_exit]
    for message in sent:
        assert_valid(validator, message)
