"""`newsx analyze`: entities and quotes in one pass."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

from ._util import (
    FilesArgument, JobsOption, JsonlOption, JsonOption, MaxCharsOption, ModelOption, OutputOption, app,
    run_command,
)


@app.command("analyze")
def analyze_cli(
    files: List[str] = FilesArgument, json: bool = JsonOption, model: Optional[str] = ModelOption,
    jsonl: bool = JsonlOption, jobs: int = JobsOption, output: Optional[Path] = OutputOption,
    max_chars: int = MaxCharsOption,
) -> None:
    """Entities and quotes of each article in one pass: one object per article with both.

    Example:

    \b
        newsx analyze articles/ --json -j 2 -o results.jsonl
    """
    run_command(("entities", "quotes"), files, json, model, jsonl, jobs, output, max_chars)
