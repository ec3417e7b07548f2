"""The command line: ``main`` is the console-script entry; ``app`` (built on first use) is the
whole Typer application, for tests and embedding."""

from __future__ import annotations

from functools import cache
from typing import Any

from studylog.cli.commands import build, main

__all__ = ["app", "main"]


@cache
def _full_app() -> Any:
    return build()


def __getattr__(name: str) -> Any:
    if name == "app":
        return _full_app()
    raise AttributeError(name)
