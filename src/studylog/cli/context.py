"""The Typer side of what every command shares: the root group that turns errors into one line
on stderr. Everything else lives in ``runtime`` (no Typer) and is re-exported here as ``cx.*``."""

from __future__ import annotations

from typing import Any

from typer.core import TyperGroup

from studylog.cli.runtime import (  # noqa: F401 - re-exported for the command modules
    UsageError,
    catalog,
    console,
    echo_json,
    guarded,
    items,
    open_store,
    outlines,
    parse_day,
    parse_hours,
    progress,
    resolve,
    settings,
    show,
    state,
    today,
)


class StudylogGroup(TyperGroup):
    """The root group: every command runs ``guarded`` (one line on stderr, never a traceback)."""

    def invoke(self, ctx: Any) -> Any:
        with guarded():
            return super().invoke(ctx)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # in the order they were registered, not sorted
