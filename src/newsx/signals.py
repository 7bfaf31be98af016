"""SIGTERM and SIGHUP stop a run as Ctrl-C does: an exception in the main thread, so that the
code that stops workers and removes temporary files runs, then the documented exit code.

Python turns SIGINT into KeyboardInterrupt by itself; :func:`stop_on_signals` does the same for
SIGTERM (exit code 143) and SIGHUP (129) while a run lasts. A signal the process was started with
ignored (``nohup``) stays ignored.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from types import FrameType
from typing import Any, Callable, Iterator, Optional

from .base import ExitCode

#: The signals handled, by name (SIGHUP does not exist on Windows).
HANDLED = tuple(name for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


#: The stopping signal received during the last :func:`stop_on_signals` block, if any.
_received: Optional[int] = None


class Stopped(KeyboardInterrupt):
    """Raised by SIGTERM or SIGHUP during a run: a KeyboardInterrupt, so that every library stops
    as it would for Ctrl-C (Ray, which turns an interrupt into one of its own, included: see
    :func:`stop_reason`).

    >>> Stopped(signal.SIGTERM).exit_code, str(Stopped(signal.SIGTERM))
    (<ExitCode.TERMINATED: 143>, 'SIGTERM')
    """

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(signal.Signals(signum).name)

    @property
    def name(self) -> str:
        """The signal's name, e.g. ``SIGTERM``."""
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> ExitCode:
        """The exit code for this signal: 143 for SIGTERM, 129 for SIGHUP."""
        return ExitCode.HANGUP if self.name == "SIGHUP" else ExitCode.TERMINATED


@contextmanager
def stop_on_signals() -> Iterator[Callable[[], None]]:
    """While the block runs, SIGTERM and SIGHUP raise :class:`Stopped` in the main thread.

    A second signal while the first is being handled is ignored: the run is already stopping.
    Outside the main thread (where Python cannot set handlers) nothing changes. The block gets a
    function that sets the handlers again, for after a library (Ray) has set handlers of its own;
    the handlers from before the block are put back at its end.
    """
    global _received
    _received = None
    if threading.current_thread() is not threading.main_thread():
        yield lambda: None
        return
    fired = False

    def handler(signum: int, frame: Optional[FrameType]) -> None:
        nonlocal fired
        global _received
        if not fired:
            fired = True
            _received = signum
            raise Stopped(signum)

    previous: dict[int, Any] = {}
    for name in HANDLED:
        number = getattr(signal, name)
        current = signal.getsignal(number)
        if current == signal.SIG_IGN:
            continue  # nohup and friends: the caller asked for this signal to be ignored
        previous[number] = current
        signal.signal(number, handler)

    def rearm() -> None:
        for number in previous:
            signal.signal(number, handler)

    try:
        yield rearm
    finally:
        for number, old in previous.items():
            signal.signal(number, old if old is not None else signal.SIG_DFL)


def stop_reason(error: KeyboardInterrupt) -> Optional[Stopped]:
    """The Stopped behind a KeyboardInterrupt: ``error`` itself, or, when a library replaced it by
    an interrupt of its own, the signal :func:`stop_on_signals` received; None for a real Ctrl-C.

    >>> stop_reason(KeyboardInterrupt()) is None
    True
    """
    if isinstance(error, Stopped):
        return error
    return Stopped(_received) if _received is not None else None
