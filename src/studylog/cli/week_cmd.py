"""Reports over time: week (or a trend of weeks) and calendar (a year as a heatmap)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from studylog.cli import context as cx
from studylog.cli.views import JsonOpt

MAX_WEEKS = 520
SvgOpt = Annotated[Optional[str], typer.Option("--svg", metavar="FILE", help="Also save what is shown as an SVG image.", show_default=False)]
HtmlOpt = Annotated[Optional[str], typer.Option("--html", metavar="FILE", help="Also save what is shown as an HTML page.", show_default=False)]


def _check_outputs(as_json: bool, svg: str | None, html: str | None) -> None:
    if as_json and (svg or html):
        raise cx.UsageError("--json cannot be combined with --svg or --html", "run the command twice")


def _width() -> int:
    return cx.console().width


def week(
    when: Annotated[Optional[str], typer.Argument(help="The week: this (default), last, 2024-W16, or any day in it (2024-04-18, monday, 'Apr 18').", show_default=False)] = None,
    weeks: Annotated[Optional[int], typer.Option("--weeks", "-w", metavar="N", help="Show hours and items completed for the N weeks up to this one.", show_default=False)] = None,
    as_json: JsonOpt = False,
    svg: SvgOpt = None,
    html: HtmlOpt = None,
) -> None:
    """A week at a glance: hours per day, curriculum and item, done items, goals met, streak."""
    from studylog.reports.week import parse_week, week_report, week_trend

    _check_outputs(as_json, svg, html)
    if weeks is not None and not 1 <= weeks <= MAX_WEEKS:
        raise cx.UsageError(f"--weeks must be from 1 to {MAX_WEEKS}, not {weeks}")
    settings = cx.settings()
    today = cx.today()
    when_day = parse_week(when, today, settings["week_start"])
    store = cx.open_store()
    if weeks is not None:
        trend = week_trend(store, when_day, weeks, settings["week_start"])
        if as_json:
            cx.echo_json(trend.to_json())
            return
        from studylog.render.week import render_trend

        cx.show(render_trend(trend, _width()), svg=svg, html=html, title="studylog week")
        return
    report = week_report(store, when_day, today, settings["week_start"], settings["rest_days_per_week"])
    if as_json:
        cx.echo_json(report.to_json())
        return
    from studylog.render.week import render_week

    cx.show(render_week(report, _width()), svg=svg, html=html, title="studylog week")


def calendar(
    year: Annotated[Optional[int], typer.Option("--year", "-y", help="The year to show (default this year).", show_default=False)] = None,
    as_json: JsonOpt = False,
    svg: SvgOpt = None,
    html: HtmlOpt = None,
) -> None:
    """A year as a heatmap of hours per day, with the current and longest streaks."""
    from studylog.reports.calendar import check_year, year_calendar

    _check_outputs(as_json, svg, html)
    settings = cx.settings()
    today = cx.today()
    year = today.year if year is None else year
    check_year(year)
    cal = year_calendar(cx.open_store(), year, today,
                        settings["week_start"], settings["rest_days_per_week"])
    if as_json:
        cx.echo_json(cal.to_json())
        return
    from studylog.render.calendar import render_calendar

    cx.show(render_calendar(cal), svg=svg, html=html, title="studylog calendar")


def register(app: typer.Typer) -> None:
    for fn in (week, calendar):
        app.command()(fn)
