"""`newsx analyze`: entities and quotes in one pass."""
from __future__ import annotations

from ._util import batch_command

analyze_cli = batch_command("analyze", ("entities", "quotes"), """Entities and quotes of each article in one pass: one object per article with both.

Example:

\b
    newsx analyze seeds/ --format csv -o results.csv
""")
