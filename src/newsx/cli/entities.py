"""`newsx entities`: the people, countries, organisations and other names of each article."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

from ._util import (
    FilesArgument, JobsOption, JsonlOption, JsonOption, MaxCharsOption, ModelOption, OutputOption, app,
    run_command,
)


@app.command("entities")
def entities_cli(
    files: List[str] = FilesArgument, json: bool = JsonOption, model: Optional[str] = ModelOption,
    jsonl: bool = JsonlOption, jobs: int = JobsOption, output: Optional[Path] = OutputOption,
    max_chars: int = MaxCharsOption,
) -> None:
    """List the people, countries (with ISO codes), organisations and other names of each article.

    Example:

    \b
        newsx entities seeds/000_74118320347f371e.txt --json | jq -r '.people[].name'
    """
    run_command(("entities",), files, json, model, jsonl, jobs, output, max_chars)
