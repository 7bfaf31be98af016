"""The command line: thin Typer wrappers over :mod:`newsx.runner` and the library."""
from __future__ import annotations

from . import analyze, entities, lexicon, models, quotes, run, schema, show, sources  # noqa: F401  (each module registers its command)
from ._util import app


def main() -> None:
    """The ``newsx`` console script."""
    app()
