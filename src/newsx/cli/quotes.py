"""`newsx quotes`: who said what in each article."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

from ._util import (
    FilesArgument, Format, FormatOption, HtmlOption, IncludeTextOption, JobsOption, JsonlOption, JsonOption,
    MaxCharsOption, ModelOption, NoColorOption, OutputOption, app, run_command,
)


@app.command("quotes")
def quotes_cli(
    files: List[str] = FilesArgument, format: Optional[Format] = FormatOption, json: bool = JsonOption,
    include_text: bool = IncludeTextOption, html: bool = HtmlOption, no_color: bool = NoColorOption,
    model: Optional[str] = ModelOption, jsonl: bool = JsonlOption, jobs: int = JobsOption,
    output: Optional[Path] = OutputOption, max_chars: int = MaxCharsOption,
) -> None:
    """List every quote, direct and reported, with its speaker, organisation and cue.

    Example:

    \b
        newsx quotes seeds/000_74118320347f371e.txt --json | jq -r '.quotes[] | "\\(.speaker): \\(.text)"'
    """
    run_command(("quotes",), files, format=format, json=json, include_text=include_text, html=html,
                no_color=no_color, model=model, jsonl=jsonl, jobs=jobs, output=output, max_chars=max_chars)
