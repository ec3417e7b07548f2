"""Reading the log: today, day, log."""

from __future__ import annotations

from typing import Annotated

import typer

from studylog.cli import everyday
from studylog.cli.options import ItemFilterOpt, JsonOpt, TagFilterOpt
from studylog.cli.output import Output
from studylog.cli.parse import parse_day
from studylog.cli.session import items, open_store
from studylog.errors import UsageError


def today(as_json: JsonOpt = False) -> None:
    """Today's goals (met or open), goals carried over, what was done, and the hours."""
    everyday.show_day(as_json=as_json)


def day(
    when: Annotated[
        str | None,
        typer.Argument(help="The day: yesterday, monday, 2024-04-18, 'Apr 18'… (default today).", show_default=False),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """One day's goals, goals carried over, done items and hours."""
    everyday.show_day(when=when, as_json=as_json)


def log(
    since: Annotated[str | None, typer.Option("--since", "-s", help="First day to show.", show_default=False)] = None,
    until: Annotated[str | None, typer.Option("--until", "-u", help="Last day to show.", show_default=False)] = None,
    item: ItemFilterOpt = None,
    curriculum: Annotated[
        str | None,
        typer.Option("--curriculum", "-c", help="Only entries for this curriculum's items.", show_default=False),
    ] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", "-k", help="Only 'goal' or 'done' entries.", show_default=False)
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Show at most this many entries (0: all).", min=0)] = 0,
    all_owners: Annotated[
        bool, typer.Option("--all-owners", help="Every learner's entries in a shared store.")
    ] = False,
    as_json: JsonOpt = False,
    tag: TagFilterOpt = None,
    no_pager: Annotated[
        bool, typer.Option("--no-pager", help="Write to the terminal directly, not through $PAGER.")
    ] = False,
) -> None:
    """Entries, newest first."""
    from studylog.store.entries import iter_log as query

    out = Output(as_json)
    if kind is not None and kind not in ("goal", "done"):
        raise UsageError(f"--kind must be 'goal' or 'done', not {kind!r}")
    tag = everyday.tags([tag])[0] if tag is not None else None
    first = parse_day(since) if since else None
    last = parse_day(until) if until else None
    if first and last and first > last:
        raise UsageError(f"--since {first.isoformat()} is after --until {last.isoformat()}")
    ref = cid = None
    if item or curriculum:
        index = items()
        ref = index.resolve(item).ref if item else None
        cid = index.curriculum(curriculum) if curriculum else None
    from studylog.cli.clock import today as clock_today
    from studylog.cli.session import settings

    entries = query(
        open_store(),
        first,
        last,
        ref,
        cid,
        kind,
        limit or None,
        all_owners,
        carry_days=settings()["carry_over_days"],
        today=clock_today(),
        tag=tag,
    )
    if out.as_json:
        out.json([e.to_json() for e in entries])
        return
    from studylog.cli.output import width
    from studylog.render.log import render_log

    lines = render_log(entries, show_owner=all_owners, width=width(), links=out.links)
    if no_pager:
        out.lines(lines)
    else:
        out.paged(lines)


def status(
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="One line for a shell prompt or tmux, e.g. '{today_hours} {streak}d' (fields in docs/json.md).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """The dashboard (what a bare 'studylog' shows): today, the timer, the week, next, plans behind."""
    everyday.show_status(fmt=fmt, as_json=as_json)


def register(app: typer.Typer) -> None:
    for fn in (status, today, day, log):
        app.command()(fn)
