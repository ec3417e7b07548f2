"""Read an import's files, in this process or in a forked one while this one writes.

An import is two jobs that share nothing until the entries are made: reading the log (dates,
hours, outliner syntax and links, about half the time of a large import) and writing the entries
to the store. On a machine with more than one core a large import reads in a forked child, which
sends its events to the parent in pickled batches over a pipe while the parent writes the
batches before them; the pipe's buffer keeps at most a batch or two in flight, so memory stays
flat. Small imports, and machines without ``fork`` or a second core, read in process.

Both ways give the same events in the same order (``read_events``):

- ``(ENTRY, (file_index, entry))``: an entry as the importer made it;
- ``(ADVANCE, n)``: ``n`` more bytes of the files read, for a progress bar;
- ``(PROBLEMS, (file_index, problems))``: a file's problems, once its entries are all out.

``STUDYLOG_IMPORT_FORK`` set to ``1`` or ``0`` forces the choice (tests run both ways).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from studylog.errors import StudylogError
from studylog.imported import ImportedEntry

ENTRY, ADVANCE, PROBLEMS = 0, 1, 2
Event = tuple[int, Any]

FORK_MIN_BYTES = 1 << 20  # below this a fork costs more than it saves
BATCH = 500  # events a message: about 80 KB pickled
_ADVANCE_EVERY = 1 << 16  # bytes between two ADVANCE events
_HEADER = struct.Struct("<I")
_FIELDS = ImportedEntry.__slots__  # the order of its fields, as its __init__ takes them
PIPE_BYTES = 1 << 20  # the most Linux gives an unprivileged pipe by default (/proc/sys/fs/pipe-max-size)


def read_events(
    files: list[Path],
    stream: Callable[[Path, Callable[[], Iterator[str]], list], Iterator[Any]],
    read_lines: Callable[[Path], Iterator[str]],
) -> Iterator[Event]:
    """The events of reading ``files`` one after another with ``stream(file, lines, problems)``."""
    read = [0]
    for index, file in enumerate(files):
        found: list = []

        def lines(file: Path = file) -> Iterator[str]:
            for line in read_lines(file):
                read[0] += len(line) + 1
                yield line

        for entry in stream(file, lines, found):
            if read[0] >= _ADVANCE_EVERY:
                yield ADVANCE, read[0]
                read[0] = 0
            yield ENTRY, (index, entry)
        if read[0]:
            yield ADVANCE, read[0]
            read[0] = 0
        yield PROBLEMS, (index, found)


def should_fork(size: int) -> bool:
    """Whether an import of ``size`` bytes reads in a child (``STUDYLOG_IMPORT_FORK`` overrides)."""
    forced = os.environ.get("STUDYLOG_IMPORT_FORK", "")
    if forced in ("0", "1"):
        return forced == "1" and hasattr(os, "fork")
    if not hasattr(os, "fork") or size < FORK_MIN_BYTES:
        return False
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)
    return len(cores) > 1


class ReaderStopped(StudylogError):
    """The child reading the import ended without finishing: nothing is written."""


def forked(make_events: Callable[[], Iterator[Event]]) -> Reader:
    """The events of ``make_events()``, made in a forked child. The child starts now, before a
    progress bar or anything else starts a thread; an exception in it is raised here, when the
    events before it are used up."""
    read_fd, write_fd = os.pipe()
    _widen(write_fd)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        os.close(read_fd)
        _child(make_events, write_fd)
    os.close(write_fd)
    return Reader(pid, os.fdopen(read_fd, "rb", buffering=1 << 16))


def _widen(fd: int) -> None:
    """Give the pipe a 1 MB buffer (Linux; 64 KB by default): the child then reads a dozen batches
    ahead while the parent writes one, instead of waiting for it after every batch."""
    try:
        import fcntl

        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)
    except (ImportError, OSError):
        pass  # a smaller buffer only overlaps less


def _child(make_events: Callable[[], Iterator[Event]], write_fd: int) -> None:  # pragma: no cover
    """Send the events in batches and leave at once (``os._exit``): the parent owns the store,
    the terminal and every buffer this process inherited."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    code = 0
    out = os.fdopen(write_fd, "wb", buffering=1 << 16)
    batch: list[Event] = []
    try:
        for event in make_events():
            if event[0] == ENTRY:  # as a tuple of its fields: a tenth of the time to unpickle
                index, entry = event[1]
                event = ENTRY, (index, tuple([getattr(entry, name) for name in _FIELDS]))
            batch.append(event)
            if len(batch) >= BATCH:
                _send(out, ("events", batch))
                batch = []
        _send(out, ("events", batch))
        _send(out, ("end", None))
    except BrokenPipeError:
        code = 1  # the parent stopped reading: it is ending this import
    except BaseException as error:  # noqa: BLE001 - every failure goes to the parent, which reports it
        code = 1
        try:
            _send(out, ("events", batch))  # the events before the error come first, as in process
            _send(out, ("error", error))
        except Exception:  # noqa: BLE001 - an error that cannot be pickled is sent as its message
            with contextlib.suppress(Exception):
                _send(out, ("error", StudylogError(str(error) or type(error).__name__)))
    try:
        out.flush()
    except OSError:
        code = 1
    os._exit(code)


def _send(out: Any, message: tuple[str, Any]) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(_HEADER.pack(len(data)))
    out.write(data)
    if message[0] != "events":
        out.flush()


class Reader:
    """The parent's end: iterate it once for the events; ``close()`` (always called, also after
    an error here) ends the child if it is still running and reaps it."""

    def __init__(self, pid: int, stream: Any) -> None:
        self.pid: int | None = pid
        self.stream = stream
        self.finished = False

    def __iter__(self) -> Iterator[Event]:
        while True:
            header = self.stream.read(_HEADER.size)
            if len(header) < _HEADER.size:
                code = self.close()
                raise ReaderStopped(
                    f"the process reading the import stopped before the end (exit {code}); nothing was written",
                    "run the import again; STUDYLOG_IMPORT_FORK=0 reads it in one process",
                )
            (size,) = _HEADER.unpack(header)
            kind, payload = pickle.loads(self.stream.read(size))
            if kind == "events":
                for event in payload:
                    if event[0] == ENTRY:
                        index, values = event[1]
                        yield ENTRY, (index, ImportedEntry(*values))
                    else:
                        yield event
                continue
            self.finished = True
            self.close()
            if kind == "error":
                raise payload
            return

    def close(self) -> int | None:
        """End and reap the child; its exit code (``None`` when already reaped)."""
        if self.pid is None:
            return None
        self.stream.close()
        if not self.finished:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        return os.waitstatus_to_exitcode(status)
