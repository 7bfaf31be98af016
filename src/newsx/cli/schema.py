"""`newsx schema`: the JSON Schema of what entities, quotes and analyze write with --json."""
from __future__ import annotations

import typer

from ._util import app


@app.command("schema")
def schema_cli(
    compact: bool = typer.Option(False, "--compact", help="On one line rather than indented."),
    sources: bool = typer.Option(False, "--sources",
                                 help="The schema of newsx sources --json instead (newsx-sources/1: one object for "
                                 "the whole run, not one per article)."),
) -> None:
    """Print the JSON Schema (draft 2020-12) of the objects that entities, quotes and analyze
    write with --json (one per article), or with --sources of the one object sources writes, for
    validators and code generators.

    Example:

    \b
        newsx schema > newsx-2.schema.json
        newsx schema --sources > newsx-sources-1.schema.json
    """
    import json

    from ..schema import json_schema, sources_json_schema

    schema = sources_json_schema() if sources else json_schema()
    typer.echo(json.dumps(schema, ensure_ascii=False, indent=None if compact else 2))
