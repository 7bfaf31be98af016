"""`newsx quotes`: who said what in each article."""
from __future__ import annotations

from ._util import batch_command

quotes_cli = batch_command("quotes", ("quotes",), """List every quote, direct and reported, with its speaker, organisation and cue.

Example:

\b
    newsx quotes seeds/000_74118320347f371e.txt --json | jq -r '.quotes[] | "\\(.speaker): \\(.text)"'
""")
