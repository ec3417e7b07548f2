"""Reports over time: week (or a trend of weeks) and calendar (a year as a heatmap)."""

from __future__ import annotations

from typing import Annotated

import typer

from studylog.cli import context as cx
from studylog.cli import everyday
from studylog.cli.views import JsonOpt

SvgOpt = Annotated[
    str | None,
    typer.Option("--svg", metavar="FILE", help="Also save what is shown as an SVG image.", show_default=False),
]
HtmlOpt = Annotated[
    str | None,
    typer.Option("--html", metavar="FILE", help="Also save what is shown as an HTML page.", show_default=False),
]


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
) -> None:
    """A week at a glance: hours per day, curriculum and item, done items, goals met, streak."""
    everyday.show_week(when, weeks, as_json, svg, html)


def calendar(
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="The year to show (default this year).", show_default=False)
    ] = None,
    as_json: JsonOpt = False,
    svg: SvgOpt = None,
    html: HtmlOpt = None,
) -> None:
    """A year as a heatmap of hours per day, with the current and longest streaks."""
    from studylog.reports.calendar import check_year, year_calendar

    everyday.check_outputs(as_json, svg, html)
    settings = cx.settings()
    today = cx.today()
    year = today.year if year is None else year
    check_year(year)
    cal = year_calendar(cx.open_store(), year, today, settings["week_start"], settings["rest_days_per_week"])
    if as_json:
        cx.echo_json(cal.to_json())
        return
    from studylog.render.calendar import render_calendar

    cx.show(render_calendar(cal), svg=svg, html=html, title="studylog calendar")


def register(app: typer.Typer) -> None:
    for fn in (week, calendar):
        app.command()(fn)
