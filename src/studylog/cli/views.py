"""Reading the log: today, day, log."""

from __future__ import annotations

from typing import Annotated

import typer

from studylog.cli import context as cx
from studylog.cli import everyday

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON (the shapes are in docs/json.md).")]


def today(as_json: JsonOpt = False) -> None:
    """Today's goals (met or open), goals carried over, what was done, and the hours."""
    everyday.show_day(None, as_json)


def day(
    when: Annotated[
        str | None,
        typer.Argument(help="The day: yesterday, monday, 2024-04-18, 'Apr 18'… (default today).", show_default=False),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """One day's goals, goals carried over, done items and hours."""
    everyday.show_day(when, as_json)


def log(
    since: Annotated[str | None, typer.Option("--since", "-s", help="First day to show.", show_default=False)] = None,
    until: Annotated[str | None, typer.Option("--until", "-u", help="Last day to show.", show_default=False)] = None,
    item: Annotated[
        str | None, typer.Option("--item", "-i", help="Only entries for this curriculum item.", show_default=False)
    ] = None,
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
) -> None:
    """Entries, newest first."""
    from studylog.store.entries import log as query

    if kind is not None and kind not in ("goal", "done"):
        raise cx.UsageError(f"--kind must be 'goal' or 'done', not {kind!r}")
    first = cx.parse_day(since) if since else None
    last = cx.parse_day(until) if until else None
    if first and last and first > last:
        raise cx.UsageError(f"--since {first.isoformat()} is after --until {last.isoformat()}")
    ref = cid = None
    if item or curriculum:
        index = cx.items()
        ref = index.resolve(item).ref if item else None
        cid = index.curriculum(curriculum) if curriculum else None
    entries = query(cx.open_store(), first, last, ref, cid, kind, limit or None, all_owners)
    if as_json:
        cx.echo_json([e.to_json() for e in entries])
        return
    from studylog.render.log import render_log

    cx.console().print(render_log(entries, show_owner=all_owners))


def register(app: typer.Typer) -> None:
    for fn in (today, day, log):
        app.command()(fn)
