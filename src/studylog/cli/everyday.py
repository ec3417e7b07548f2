"""What ``today``, ``day``, ``week``, ``goal`` and ``done`` do, without Typer.

The Typer commands (``views``, ``week_cmd``, ``entries``) and the fast path (``fast``) both call
these, so that the two ways in share one implementation; only the argument parsing differs.
"""

from __future__ import annotations

import sys

from studylog.cli import runtime as rt

MAX_WEEKS = 520


def show_day(day_text: str | None, as_json: bool) -> None:
    from studylog.store.entries import day_view

    day = rt.parse_day(day_text)
    view = day_view(rt.open_store(), day)
    if as_json:
        rt.echo_json(view.to_json())
        return
    from studylog.render.day import render_day

    rt.show_lines(render_day(view, today_is=day == rt.today(), width=rt.width()))


def check_outputs(as_json: bool, svg: str | None, html: str | None) -> None:
    if as_json and (svg or html):
        raise rt.UsageError("--json cannot be combined with --svg or --html", "run the command twice")


def show_week(
    when: str | None, weeks: int | None = None, as_json: bool = False, svg: str | None = None, html: str | None = None
) -> None:
    from studylog.reports.week import parse_week, week_report, week_trend

    check_outputs(as_json, svg, html)
    if weeks is not None and not 1 <= weeks <= MAX_WEEKS:
        raise rt.UsageError(f"--weeks must be from 1 to {MAX_WEEKS}, not {weeks}")
    settings = rt.settings()
    today = rt.today()
    when_day = parse_week(when, today, settings["week_start"])
    store = rt.open_store()
    if weeks is not None:
        trend = week_trend(store, when_day, weeks, settings["week_start"])
        if as_json:
            rt.echo_json(trend.to_json())
            return
        from studylog.render.week import render_trend

        rt.show_lines(render_trend(trend, rt.width()), svg=svg, html=html, title="studylog week")
        return
    report = week_report(store, when_day, today, settings["week_start"], settings["rest_days_per_week"])
    if as_json:
        rt.echo_json(report.to_json())
        return
    from studylog.render.week import render_week

    rt.show_lines(render_week(report, rt.width()), svg=svg, html=html, title="studylog week")


def describe(entry) -> str:
    from studylog.hours import format_hours

    extra = [x for x in (format_hours(getattr(entry, "hours", None)), entry.item) if x]
    return f"{entry.text}" + (f" ({', '.join(extra)})" if extra else "")


def notes(texts: list[str] | None):
    from studylog.store.records import Note

    out = []
    for raw in texts or []:
        stripped = raw.lstrip("\t ")
        indent = raw[: len(raw) - len(stripped)]
        out.append(Note(stripped.removeprefix("- "), indent.count("\t") + indent.count("  ")))
    return out


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")


def add_goal(text: str, item: str | None, date_text: str | None, note_texts: list[str] | None) -> None:
    from studylog.store import entries

    day = rt.parse_day(date_text)
    ref = rt.resolve(item)
    store = rt.open_store()
    g = entries.add_goal(store, text, day, ref.ref if ref else None, notes(note_texts))
    _say(f"Goal #{g.id} for {day.isoformat()}: {describe(g)}")


def add_done(
    text: str,
    hours: str | None,
    item: str | None,
    date_text: str | None,
    goal_id: int | None,
    note_texts: list[str] | None,
) -> None:
    from studylog.store import entries

    day = rt.parse_day(date_text)
    parsed_hours = rt.parse_hours(hours)
    ref = rt.resolve(item)
    store = rt.open_store()
    d = entries.add_done(
        store, text, day, rt.today(), parsed_hours, ref.ref if ref else None, goal_id, notes(note_texts)
    )
    met = f"; goal #{goal_id} met" if goal_id else ""
    _say(f"Done #{d.id} on {day.isoformat()}: {describe(d)}{met}")
