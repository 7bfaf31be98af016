"""`newsx quotes`: who said what in each article."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

from ._util import (
    FilesArgument, JobsOption, JsonlOption, JsonOption, MaxCharsOption, ModelOption, OutputOption, app,
    run_command,
)


@app.command("quotes")
def quotes_cli(
    files: List[str] = FilesArgument, json: bool = JsonOption, model: Optional[str] = ModelOption,
    jsonl: bool = JsonlOption, jobs: int = JobsOption, output: Optional[Path] = OutputOption,
    max_chars: int = MaxCharsOption,
) -> None:
    """List every quote, direct and reported, with its speaker, organisation and cue.

    Example:

    \b
        newsx quotes seeds/000_74118320347f371e.txt --json | jq -r '.quotes[] | "\\(.speaker): \\(.text)"'
    """
    run_command(("quotes",), files, json, model, jsonl, jobs, output, max_chars)
