"""The command line: ``main`` is the console-script entry; ``app`` (built on first use) is the
whole Typer application, for tests and embedding.

``main`` first offers the arguments to the fast path (``fast``: today, week, goal and done in
their usual forms, without importing Typer); everything else goes to the Typer application,
built with only the command being run (``commands.main``)."""

from __future__ import annotations

import gc
import os
import sys
from functools import cache
from typing import Any

__all__ = ["app", "main"]


def main() -> None:
    # A command line is a short process: the cyclic collector's passes over the objects that
    # start-up creates (and never frees) cost about 5% of an everyday command, so they stay off
    # on the fast path, whose work is bounded. The Typer path may run for minutes over a whole
    # history (imports, exports, undo), so there the collector is back on, with what start-up made
    # frozen out of its passes.
    gc.disable()
    if "_STUDYLOG_COMPLETE" in os.environ:  # a Tab in a shell (cli/complete.py): never a command
        from studylog.cli.complete import run as complete

        sys.exit(complete())
    from studylog.cli.fast import run
    from studylog.cli.parse import check_arguments

    check_arguments(sys.argv[1:])
    if run(sys.argv[1:]):
        return
    from studylog.cli.commands import main as typer_main

    gc.freeze()
    gc.enable()
    typer_main()


@cache
def _full_app() -> Any:
    from studylog.cli.commands import build

    return build()


def __getattr__(name: str) -> Any:
    if name == "app":
        return _full_app()
    raise AttributeError(name)
