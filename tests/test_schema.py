"""`newsx schema` and newsx.schema: a valid draft 2020-12 JSON Schema that the real output of entities,
quotes and analyze meets, and that refuses objects missing what newsx/2 promises.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

import orjson
import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

import newsx.cli  # noqa: F401  (registers the commands)
from newsx.cli._util import app
from newsx.output import SCHEMA, article_to_dict
from newsx.schema import json_schema

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_74118320347f371e.txt"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def analyzed() -> dict:
    """The real output of ``newsx analyze SEED --json``."""
    return _run("analyze")[0]


def _run(command: str) -> list[dict]:
    result = CliRunner().invoke(app, [command, str(SEED), "--json"])
    assert result.exit_code == 0, result.output
    return [orjson.loads(line) for line in result.stdout_bytes.splitlines()]


def _errors(validator, data) -> list[str]:
    return [error.message for error in validator.iter_errors(data)]


def test_schema_is_draft_2020_12_with_the_output_version():
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["schema"]["const"] == SCHEMA
    Draft202012Validator.check_schema(schema)


def test_schema_accepts_real_analyze_output(validator, analyzed):
    assert analyzed["quotes"] and analyzed["people"]
    assert _errors(validator, analyzed) == []


@pytest.mark.model
@pytest.mark.parametrize("command, keys", [("entities", {"people", "countries", "places", "organisations", "other"}),
                                           ("quotes", {"quotes"})])
def test_schema_accepts_real_entities_and_quotes_output(validator, command, keys):
    (data,) = _run(command)
    assert keys <= set(data)
    assert _errors(validator, data) == []


def test_schema_accepts_the_library_output_with_text(validator, extractor, seed_text):
    data = article_to_dict(extractor(seed_text, source="seed.txt"), include_text=True)
    assert _errors(validator, data) == []


def test_schema_allows_new_keys_within_a_version(validator, analyzed):
    data = copy.deepcopy(analyzed)
    data["sentiment"] = 0.5
    data["quotes"][0]["confidence"] = 0.9
    data["people"][0]["wikidata"] = "Q1"
    assert _errors(validator, data) == []


@pytest.mark.parametrize("break_it, expected", [
    (lambda d: d.pop("schema"), "'schema' is a required property"),
    (lambda d: d.pop("source"), "'source' is a required property"),
    (lambda d: d["quotes"][0].pop("speaker"), "'speaker' is a required property"),
    (lambda d: d["people"][0].pop("mentions"), "'mentions' is a required property"),
    (lambda d: d["people"][0]["mentions"][0].pop("start"), "'start' is a required property"),
    (lambda d: d.pop("countries"), "'countries' is a dependency of 'people'"),
    (lambda d: d.update(schema="newsx/1"), "'newsx/2' was expected"),
    (lambda d: d["quotes"][0].pop("parts"), "'parts' is a required property"),
    (lambda d: d["quotes"][0].update(parts=[]), "[] should be non-empty"),
    (lambda d: d["quotes"][0]["parts"][0].pop("end"), "'end' is a required property"),
    (lambda d: d["quotes"][0].update(kind="gossip"),
     "'gossip' is not one of ['speech', 'writing', 'thought', 'stance', 'evidence']"),
    (lambda d: d["quotes"][0].update(type="quoted"), "'quoted' is not one of ['direct', 'indirect', 'mixed']"),
    (lambda d: d["countries"][0].update(code="iran"), "'iran' does not match '^[A-Z]{2}$'"),
    (lambda d: d["quotes"][0].update(start=-1), "-1 is less than the minimum of 0"),
    (lambda d: d["quotes"][0].update(speaker=3), "3 is not of type 'string', 'null'"),
])
def test_schema_rejects_broken_objects(validator, analyzed, break_it, expected):
    data = copy.deepcopy(analyzed)
    break_it(data)
    assert expected in _errors(validator, data)


def test_schema_cli_prints_the_schema():
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()
    assert result.stdout.startswith("{\n  ")
    compact = CliRunner().invoke(app, ["schema", "--compact"])
    assert compact.stdout.count("\n") == 1 and json.loads(compact.stdout) == json_schema()


def test_schema_cli_help_shows_an_example():
    result = CliRunner().invoke(app, ["schema", "--help"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    example = lines.index("  Example:")
    assert [line for line in lines[example + 1:] if line.strip()][0].strip().startswith("newsx schema ")
