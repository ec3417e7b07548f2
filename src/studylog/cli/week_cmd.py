"""Reports over time: week (or a trend of weeks) and calendar (a year as a heatmap)."""

from __future__ import annotations

from typing import Annotated

import typer

from studylog.cli import everyday
from studylog.cli.clock import today
from studylog.cli.options import HtmlOpt, JsonOpt, SvgOpt, TagFilterOpt
from studylog.cli.output import Output
from studylog.cli.session import open_store, settings


def week(
    when: Annotated[
        str | None,
        typer.Argument(
            help="The week: this (default), last, 2024-W16, or any day in it (2024-04-18, monday, 'Apr 18').",
            show_default=False,
        ),
    ] = None,
    weeks: Annotated[
        int | None,
        typer.Option(
            "--weeks",
            "-w",
            metavar="N",
            help="Show hours and items completed for the N weeks up to this one.",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOpt = False,
    svg: SvgOpt = None,
    html: HtmlOpt = None,
    tag: TagFilterOpt = None,
) -> None:
    """A week at a glance: hours, done items, goals met, streak.

    Hours per day, per curriculum, item and tag, the done items and the goals met, and the
    streak. With --weeks N, a trend instead: hours and items completed in each of the N weeks
    up to this one.

    Examples:
      studylog week
      studylog week last -T git
      studylog week -w 8 --svg weeks.svg
    """
    everyday.show_week(when=when, weeks=weeks, as_json=as_json, svg=svg, html=html, tag=tag)


def calendar(
    year: Annotated[
        int | None,
        typer.Option("--year", "-y", metavar="YEAR", help="The year to show (default this year).", show_default=False),
    ] = None,
    as_json: JsonOpt = False,
    svg: SvgOpt = None,
    html: HtmlOpt = None,
) -> None:
    """A year as a heatmap of hours per day, with its streaks.

    The current and the longest streak come with it; rest days (config rest_days_per_week) do
    not break one.

    Examples:
      studylog calendar
      studylog calendar -y 2023 --html 2023.html
    """
    from studylog.reports.calendar import check_year, year_calendar

    out = Output(as_json, svg, html, "studylog calendar")
    config = settings()
    current = today()
    year = current.year if year is None else year
    check_year(year)
    cal = year_calendar(
        open_store(), year, current, config["week_start"], config["rest_days_per_week"], config["streak.min_minutes"]
    )
    if out.as_json:
        out.json(cal.to_json())
        return
    from studylog.render.calendar import render_calendar

    out.rich(render_calendar(cal))


def register(app: typer.Typer) -> None:
    for fn in (week, calendar):
        app.command()(fn)
