"""Counting work, not time: the lines of newsx that a call runs, for the ``test_*_work`` tests.

Each of those tests runs a pass on a synthetic article at two sizes and asserts that doubling the
article at most about doubles the lines run (MAX_GROWTH); a pass that rescans what came before for
each mark, report, mention or word (quadratic) would quadruple them.
"""
from __future__ import annotations

import sys
from typing import Any, Callable

#: Doubling the input may multiply the work by at most this (linear: 2; quadratic: 4).
MAX_GROWTH = 2.3


def lines_run(call: Callable[..., Any], *args: Any, counted: tuple[str, ...], **kwargs: Any) -> int:
    """How many lines of the source files whose paths start with one of ``counted`` (files or
    directories) run in ``call(*args, **kwargs)``; a generator's result is consumed."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(counted) else None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        result = call(*args, **kwargs)
        if hasattr(result, "__next__"):
            list(result)
    finally:
        sys.settrace(previous)
    return count
