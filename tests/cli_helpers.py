"""Helpers shared by the CLI tests: run newsx in-process and read the JSON it prints, each object
checked against the JSON Schema that ``newsx schema`` prints."""
from __future__ import annotations

from functools import lru_cache

import orjson
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

import newsx.cli  # noqa: F401  (registers the commands)
from newsx.cli._util import app
from newsx.schema import json_schema, sources_json_schema


@lru_cache(maxsize=2)
def _validator(sources: bool) -> Draft202012Validator:
    return Draft202012Validator(sources_json_schema() if sources else json_schema())


def valid(data: dict) -> dict:
    """``data`` (one object newsx wrote), after checking that its JSON Schema accepts it: the
    sources schema for ``newsx sources``' object, the article schema for any other."""
    sources = str(data.get("schema", "")).startswith("newsx-sources/")
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _validator(sources).iter_errors(data)]
    assert not errors, errors
    return data


def invoke(*args, input=None, env=None):
    """Run ``newsx ARGS`` in-process; check it never ends in a traceback."""
    result = CliRunner().invoke(app, [str(a) for a in args], input=input, env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    return result


def objects(result) -> list[dict]:
    """The JSON objects on stdout: one per line, nothing else, each valid by the JSON Schema."""
    return [valid(orjson.loads(line)) for line in result.stdout_bytes.splitlines()]
