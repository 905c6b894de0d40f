"""Replay the shared protocol vectors against the JSON Schema with ``jsonschema``.

The TypeScript tests (protocol/test) replay the same files with Ajv, so both
languages agree on what a valid message is.
"""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator
from protocol_vectors import load_schema, load_vectors, valid_message

VECTORS = load_vectors()
VALIDATOR = Draft202012Validator(load_schema())

VALID = [
    pytest.param(entry["message"], id=f"{file}: {entry['name']}")
    for file, data in VECTORS.items()
    for entry in data["valid"]
]
INVALID = [
    pytest.param(entry["message"], id=f"{file}: {entry['name']}")
    for file, data in VECTORS.items()
    for entry in data["invalid"]
]


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(load_schema())


def test_every_file_has_named_valid_and_invalid_vectors() -> None:
    assert VECTORS, "no vector files found"
    for file, data in VECTORS.items():
        assert isinstance(data["description"], str) and data["description"], file
        assert data["valid"] and data["invalid"], file
        for entry in data["valid"] + data["invalid"]:
            assert isinstance(entry["name"], str) and entry["name"], file
            assert isinstance(entry["message"], (dict, list, str, int, float, type(None)))
        for entry in data["invalid"]:
            assert isinstance(entry["reason"], str) and entry["reason"], (file, entry["name"])
        names = [entry["name"] for entry in data["valid"] + data["invalid"]]
        assert len(names) == len(set(names)), f"{file}.json has duplicate vector names"


@pytest.mark.parametrize("message", VALID)
def test_valid_vector_passes(message: Any) -> None:
    errors = sorted(VALIDATOR.iter_errors(message), key=lambda e: list(e.path))
    assert not errors, errors[0].message


@pytest.mark.parametrize("message", INVALID)
def test_invalid_vector_fails(message: Any) -> None:
    assert not VALIDATOR.is_valid(message)


@pytest.mark.parametrize("message", VALID)
def test_valid_vector_without_an_envelope_field_fails(message: Any) -> None:
    # A broken copy must fail, so the replay above cannot pass vacuously.
    # id, component and type are always required; target on hero->UI
    # commands and src on UI->hero reports.
    for key in ("id", "component", "type", "target", "src"):
        if key in message:
            broken = {k: v for k, v in message.items() if k != key}
            assert not VALIDATOR.is_valid(broken), f"still valid without {key}"


def test_valid_messages_use_the_reserved_id_zero() -> None:
    for entry in VALID:
        message = entry.values[0]
        assert message["id"] == 0


def test_loader_finds_a_vector_by_name() -> None:
    message = valid_message("system", "hero online")
    assert message["component"] == "system"
    with pytest.raises(KeyError, match="no valid vector"):
        valid_message("system", "no such vector")
