"""`newsx models`: the installed English spaCy pipelines, the default one, how to install more."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from ._util import app

if TYPE_CHECKING:
    from rich.text import Text


def _describe(p: dict[str, Any]) -> Text:
    from rich.text import Text

    line = Text(f"    {p['version']} for spaCy {p['spacy_version'] or '(any)'}; ")
    if p["usable"]:
        line.append("usable", style="green")
    elif p["compatible"] is False:
        line.append(f"not usable: spaCy {p['spacy_version']} needed", style="red")
    else:
        line.append(f"not usable: lacks {', '.join(p['missing'])}", style="red")
    line.append(f"; {p['vectors']} word vectors" if p["vectors"] else "; no word vectors")
    if p["distribution"]:
        line.append(f"; pip package {p['distribution']}")
    return line


def _print_report(report: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.text import Text

    # soft_wrap: a long path stays on one line, to be copied as it is.
    console = Console(soft_wrap=True, highlight=False)
    pipelines = report["pipelines"]
    spacy_version = report["spacy_version"] or "not installed"
    if pipelines:
        console.print(f"English spaCy pipelines (spaCy {spacy_version}); --model takes the first line of each:")
    else:
        console.print(f"No English spaCy pipeline is installed (spaCy {spacy_version}).")
    for p in pipelines:
        name = Text("  " + p["name"], style="bold")
        if p["default"]:
            name.append("  (default)", style="green")
        console.print(name)
        console.print(_describe(p))
    if report["default"] is None:
        console.print("Default: none; newsx entities, quotes and analyze need one.")
    elif not any(p["default"] for p in pipelines):
        from ..pipeline import install_hint

        console.print(Text(f"Default: {report['default']} (from NEWSX_MODEL; not installed: "
                           f"{install_hint(report['default'])})"))
    console.print("\nTo install more:")
    for item in report["install"]:
        console.print(Text(f"  {item['pipeline']}:"))
        console.print(Text(f"    {item['command']}", style="bold"))
        console.print(Text(f"    {item['note']}", style="dim"))


@app.command("models")
def models_cli(
    json: bool = typer.Option(False, "--json", help="One JSON object (schema newsx/2) on stdout."),
) -> None:
    """List the installed English spaCy pipelines, which one newsx uses by default, and how to
    install more. Each name listed is what --model (or NEWSX_MODEL) takes.

    Example:

    \b
        newsx models --json | jq -r '.pipelines[] | select(.usable) | .name'
    """
    from ..models import models_report
    from ..output import dumps_line

    report = models_report()
    if json:
        typer.echo(dumps_line(report).decode("utf-8"), nl=False)
    else:
        _print_report(report)
