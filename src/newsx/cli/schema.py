"""`newsx schema`: the JSON Schema of what entities, quotes and analyze write with --json."""
from __future__ import annotations

import typer

from ._util import app


@app.command("schema")
def schema_cli(
    compact: bool = typer.Option(False, "--compact", help="On one line rather than indented."),
) -> None:
    """Print the JSON Schema (draft 2020-12) of the objects that entities, quotes and analyze
    write with --json, for validators and code generators.

    Example:

    \b
        newsx schema > newsx-2.schema.json
    """
    import json

    from ..schema import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=None if compact else 2))
