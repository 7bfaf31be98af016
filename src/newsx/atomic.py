"""Files that appear whole or not at all: written under a temporary name, renamed into place.

The one implementation of atomic writing in newsx, used by the batch runner (``-o FILE``) and by
``newsx run --ray`` (each part file). Nothing here imports another newsx module.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out.jsonl"
>>> with AtomicFile(target) as stream:
...     _ = stream.write(b"{}\\n")
>>> target.read_bytes()
b'{}\\n'
"""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, Optional, Union


def new_file_mode(path: Optional[Path] = None) -> int:
    """The permission bits a file written at ``path`` should get: those of the file it replaces,
    else what ``open()`` would give a new file under the current umask.

    >>> new_file_mode() == 0o666 & ~_umask()
    True
    """
    if path is not None:
        try:
            return stat.S_IMODE(os.stat(path).st_mode)
        except OSError:
            pass
    return 0o666 & ~_umask()


def _umask() -> int:
    # The only portable way to read the umask is to set it; set it straight back.
    mask = os.umask(0)
    os.umask(mask)
    return mask


class AtomicFile:
    """A binary file written under a hidden temporary name next to ``path`` and renamed over it by
    :meth:`commit`; :meth:`abandon` removes the temporary file and leaves ``path`` as it was.

    Opening raises OSError at once when the directory cannot be written to. Used as a context
    manager it commits on success and abandons on any exception (Ctrl-C included).
    """

    def __init__(self, path: Union[str, Path]):
        self.path = Path(path)
        directory = self.path.parent if str(self.path.parent) else Path(".")
        handle, name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=directory)
        self.temporary = Path(name)
        self.stream: BinaryIO = os.fdopen(handle, "wb")
        self.done = False

    def commit(self) -> None:
        """Flush, give the file its final mode (mkstemp makes it 0600) and rename it into place.

        On failure (a full disk found at the last flush) the temporary file is removed and the
        error raised."""
        try:
            self.stream.close()
            os.chmod(self.temporary, new_file_mode(self.path))
            os.replace(self.temporary, self.path)
        except BaseException:
            self.abandon()
            raise
        self.done = True

    def abandon(self) -> None:
        """Remove the temporary file, never raising (a second error would hide the first)."""
        if self.done:
            return
        self.done = True
        try:
            self.stream.close()
        except OSError:
            pass  # the flush of a full disk fails again: the file is being dropped anyway
        try:
            self.temporary.unlink(missing_ok=True)
        except OSError:
            pass

    def __enter__(self) -> BinaryIO:
        return self.stream

    def __exit__(self, kind: Optional[type[BaseException]], error: Optional[BaseException],
                 traceback: Optional[TracebackType]) -> None:
        if kind is None:
            self.commit()
        else:
            self.abandon()


def write_atomically(path: Union[str, Path], lines: "list[bytes]") -> int:
    """Write ``lines`` to ``path`` atomically; return the number of bytes written.

    >>> import tempfile, pathlib
    >>> write_atomically(pathlib.Path(tempfile.mkdtemp()) / "part.jsonl", [b"a\\n", b"b\\n"])
    4
    """
    with AtomicFile(path) as stream:
        for line in lines:
            stream.write(line)
    return sum(len(line) for line in lines)
