"""Reading the log: today, day, log."""

from __future__ import annotations

from typing import Annotated

import typer

from studylog.cli import everyday
from studylog.cli.options import HtmlOpt, ItemFilterOpt, JsonOpt, LimitOpt, SvgOpt, TagFilterOpt
from studylog.cli.output import Output
from studylog.cli.parse import parse_day
from studylog.cli.session import items, open_store
from studylog.errors import UsageError


def today(as_json: JsonOpt = False, svg: SvgOpt = None, html: HtmlOpt = None) -> None:
    """Today's goals, what you did, and the hours.

    The goals met and open, the goals carried over from earlier days, the done items with their
    hours, the running timer, and with a weekly target (config target.week) what is left today.

    Examples:
      studylog today
      studylog today --json
      studylog today --svg today.svg
    """
    everyday.show_day(as_json=as_json, svg=svg, html=html)


def day(
    when: Annotated[
        str | None,
        typer.Argument(help="The day: yesterday, monday, 2024-04-18, 'Apr 18'… (default today).", show_default=False),
    ] = None,
    as_json: JsonOpt = False,
    svg: SvgOpt = None,
    html: HtmlOpt = None,
) -> None:
    """One day's goals, what you did, and the hours.

    As 'studylog today' shows today: the goals met and open, the goals carried over to that
    day, and the done items with their hours.

    Examples:
      studylog day yesterday
      studylog day 'last friday' --json
      studylog day 2024-04-18 --html 2024-04-18.html
    """
    everyday.show_day(when=when, as_json=as_json, svg=svg, html=html)


def log(
    since: Annotated[
        str | None, typer.Option("--since", "-s", metavar="DAY", help="First day to show.", show_default=False)
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", "-u", metavar="DAY", help="Last day to show.", show_default=False)
    ] = None,
    item: ItemFilterOpt = None,
    curriculum: Annotated[
        str | None,
        typer.Option(
            "--curriculum", "-c", metavar="ID", help="Only entries for this curriculum's items.", show_default=False
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", "-k", metavar="KIND", help="Only 'goal' or 'done' entries.", show_default=False),
    ] = None,
    limit: LimitOpt = 0,
    all_owners: Annotated[
        bool, typer.Option("--all-owners", help="Every learner's entries in a shared store.")
    ] = False,
    as_json: JsonOpt = False,
    tag: TagFilterOpt = None,
    no_pager: Annotated[
        bool, typer.Option("--no-pager", help="Write to the terminal directly, not through $PAGER.")
    ] = False,
) -> None:
    """Your goals and done items, newest first.

    All of them, or those of some days, an item, a curriculum, a kind or a tag; --limit shows
    the newest N. On a terminal a long log goes through $PAGER (less -FRX unless set);
    --no-pager prints it directly.

    Examples:
      studylog log --since monday
      studylog log -c dlc -k done --limit 20
      studylog log -T git --no-pager | grep makemore
    """
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
            "-f",
            metavar="FORMAT",
            help="One line for a shell prompt or tmux, e.g. '{today_hours} {streak}d' (fields in docs/json.md).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """The dashboard: today, the timer, the week, what next.

    What a bare 'studylog' shows: today's goals and hours, the running timer, the week so far
    and the streak, what to study next, and the plans you are behind. --format prints one line
    for a shell prompt or tmux instead.

    Examples:
      studylog status
      studylog status -f '{today_hours} {streak}d'
      studylog status --json
    """
    everyday.show_status(fmt=fmt, as_json=as_json)


def register(app: typer.Typer) -> None:
    for fn in (status, today, day, log):
        app.command()(fn)
