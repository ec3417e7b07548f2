"""Item status: start, complete, skip."""

from __future__ import annotations

from typing import Annotated

import typer

from studylog.cli import output
from studylog.cli.clock import today
from studylog.cli.options import DateOpt
from studylog.cli.parse import parse_day, parse_hours
from studylog.cli.session import items, open_store

RefArg = Annotated[str, typer.Argument(help="Curriculum item: dlc/1, arena/0.2, karpathy/5 or an alias.")]


def _set(ref_text: str, status: str, date_: str | None, hours: str | None = None, reopen: bool = False) -> None:
    from studylog.store.marking import mark
    from studylog.store.status import get_status

    day = parse_day(date_)
    parsed_hours = parse_hours(hours)
    ref = items().resolve(ref_text)
    store = open_store()
    before = get_status(store, ref.ref) if reopen else None
    result, _ = mark(store, ref.ref, status, day, parsed_hours, ref.title, today=today(), reopen=reopen)
    reopened = before is not None and before.status == "complete"
    verb = {"started": "Reopened" if reopened else "Started", "complete": "Completed", "skipped": "Skipped"}[status]
    shown = {"started": result.started_on, "complete": result.completed_on, "skipped": result.skipped_on}[status]
    extra = f", {parsed_hours:g}h logged" if parsed_hours else ""
    output.message(f"{verb} {ref.ref} {ref.title} on {(shown or day).isoformat()}{extra}")
    assert result.status == status


def start(
    ref: RefArg,
    date_: DateOpt = None,
    reopen: Annotated[
        bool, typer.Option("--reopen", help="Start a complete item again (its completion stays in the history).")
    ] = False,
) -> None:
    """Mark an item started (a complete one only with --reopen)."""
    _set(ref, "started", date_, reopen=reopen)


def complete(
    ref: RefArg,
    date_: DateOpt = None,
    hours: Annotated[
        str | None,
        typer.Option("--hours", "-H", help="Also log these hours as a done item for it.", show_default=False),
    ] = None,
) -> None:
    """Mark an item complete (optionally logging the hours it took)."""
    _set(ref, "complete", date_, hours)


def skip(ref: RefArg, date_: DateOpt = None) -> None:
    """Mark an item skipped (it leaves the progress denominator)."""
    _set(ref, "skipped", date_)


def register(app: typer.Typer) -> None:
    for fn in (start, complete, skip):
        app.command()(fn)
