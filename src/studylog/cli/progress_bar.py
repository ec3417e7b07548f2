"""A progress bar for long jobs (big imports): phases on stderr, drawn by rich, and only when
stderr is a terminal; otherwise a bar that does nothing, so callers need not ask."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any


class Bar:
    """Phases of a long job on stderr (rich), or nothing when stderr is not a terminal."""

    def __init__(self, progress: Any) -> None:
        self._progress = progress
        self._task: Any = None

    def phase(self, label: str, total: int) -> None:
        if self._progress is not None:
            if self._task is not None:
                self._progress.update(self._task, completed=self._progress.tasks[self._task].total)
            self._task = self._progress.add_task(label, total=max(total, 1))

    def advance(self, steps: int) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task, steps)


@contextlib.contextmanager
def progress(work_bytes: int, threshold: int = 1_000_000) -> Iterator[Bar]:
    """A progress bar for big imports, shown only on a terminal."""
    if work_bytes < threshold or not sys.stderr.isatty():
        yield Bar(None)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        yield Bar(bar)
