"""The names every layer of newsx shares, kept in the lowest module so that none imports upward.

What an input is (:class:`Document`, :class:`InputProblem`), the tasks a run can do, the entity
sections in output order, the exit codes, and the one-line form of an error message. Nothing here
imports another newsx module, spaCy, or anything beyond the standard library.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

#: The tasks an Extractor can run, in the order their results are written.
TASKS = ("entities", "quotes")

#: The entity sections of the results (:class:`newsx.types.Entities`, the JSON, the tables, the
#: CSV's ``section`` column), in output order.
SECTIONS = ("people", "countries", "places", "organisations", "other")


class ExitCode(IntEnum):
    """The exit codes of every newsx command (the README's "Errors and exit codes")."""

    OK = 0  #: every input was processed
    SOME_FAILED = 1  #: some inputs failed; the others' results were written
    USAGE = 2  #: a usage error, or no usable spaCy pipeline
    HANGUP = 129  #: SIGHUP (the terminal closed): 128 + 1
    INTERRUPTED = 130  #: Ctrl-C (SIGINT): 128 + 2, as shells report it
    TERMINATED = 143  #: SIGTERM (``kill``, a service manager stopping the job): 128 + 15


@dataclass(frozen=True, slots=True)
class Document:
    """One article's text and where it came from; ``warnings`` says what reading it changed
    (characters replaced while decoding), one line each.

    >>> Document("a.txt", "Hello.").source
    'a.txt'
    """

    source: str
    text: str
    warnings: tuple[str, ...] = field(default=(), repr=False)


@dataclass(frozen=True, slots=True)
class InputProblem:
    """An input that could not be read (or analysed), with a one-line reason.

    >>> InputProblem("missing.txt", "no such file").reason
    'no such file'
    """

    source: str
    reason: str


def first_line(error: BaseException | str, default: str = "") -> str:
    """The first non-empty line of an error's message: what newsx prints of it on one line.

    >>> first_line(ValueError("bad value\\nmore detail")), first_line(KeyError(), "KeyError")
    ('bad value', 'KeyError')
    """
    text = str(error).strip()
    return text.splitlines()[0].strip() if text else default
