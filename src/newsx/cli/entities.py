"""`newsx entities`: the people, countries, organisations and other names of each article."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

from ._util import (
    FilesArgument, Format, FormatOption, HtmlOption, IncludeTextOption, JobsOption, JsonlOption, JsonOption,
    MaxCharsOption, ModelOption, NoColorOption, OutputOption, app, run_command,
)


@app.command("entities")
def entities_cli(
    files: List[str] = FilesArgument, format: Optional[Format] = FormatOption, json: bool = JsonOption,
    include_text: bool = IncludeTextOption, html: bool = HtmlOption, no_color: bool = NoColorOption,
    model: Optional[str] = ModelOption, jsonl: bool = JsonlOption, jobs: int = JobsOption,
    output: Optional[Path] = OutputOption, max_chars: int = MaxCharsOption,
) -> None:
    """List the people, countries (with ISO codes), organisations and other names of each article.

    Example:

    \b
        newsx entities seeds/000_74118320347f371e.txt --json | jq -r '.people[].name'
    """
    run_command(("entities",), files, format=format, json=json, include_text=include_text, html=html,
                no_color=no_color, model=model, jsonl=jsonl, jobs=jobs, output=output, max_chars=max_chars)
