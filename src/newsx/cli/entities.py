"""`newsx entities`: the people, countries, organisations and other names of each article."""
from __future__ import annotations

from ._util import batch_command

entities_cli = batch_command("entities", ("entities",), """List the people, countries (with ISO codes), organisations and other names of each article.

Example:

\b
    newsx entities seeds/000_74118320347f371e.txt --json | jq -r '.people[].name'
""")
