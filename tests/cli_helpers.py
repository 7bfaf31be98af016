"""Helpers shared by the CLI tests: run newsx in-process and read the JSON it prints."""
from __future__ import annotations

import orjson
from typer.testing import CliRunner

import newsx.cli  # noqa: F401  (registers the commands)
from newsx.cli._util import app


def invoke(*args, input=None, env=None):
    """Run ``newsx ARGS`` in-process; check it never ends in a traceback."""
    result = CliRunner().invoke(app, [str(a) for a in args], input=input, env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    return result


def objects(result) -> list[dict]:
    """The JSON objects on stdout: one per line, nothing else."""
    return [orjson.loads(line) for line in result.stdout_bytes.splitlines()]
