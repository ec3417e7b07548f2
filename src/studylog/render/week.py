"""A week at a glance (bars of hours per day, hours per curriculum and item, done items by day,
goals, streak, change from the week before) and the trend over several weeks, as styled lines
(see ``render.lines``)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from studylog.hours import format_hours
from studylog.render.lines import Bar, Block, Cell, Column, Line, grid, text, wrapped
from studylog.render.safe import visible
from studylog.render.wrap import Flow, note
from studylog.reports.week import Share, Trend, WeekReport

if TYPE_CHECKING:
    from studylog.reports.targets import TargetProgress

WIDTH = 80
BAR_MAX = 60  # a bar of hours grows with the screen up to this many cells


def week_range(start: date, end: date) -> str:
    """``Mon 15 – Sun 21 Apr 2024``, with the month or year on both sides when they differ."""

    def day(d: date) -> str:
        return f"{d:%a} {d.day}"

    if start.year != end.year:
        return f"{day(start)} {start:%b %Y} – {day(end)} {end:%b %Y}"
    if start.month != end.month:
        return f"{day(start)} {start:%b} – {day(end)} {end:%b %Y}"
    return f"{day(start)} – {day(end)} {end:%b %Y}"


def _hours_or_zero(hours: float) -> str:
    return format_hours(hours) if round(hours, 2) else "0h"


def signed_hours(change: float) -> str:
    if not round(change, 2):
        return "±0h"
    return ("+" if change > 0 else "−") + format_hours(abs(change))


def streak_text(days: int, rest_days_per_week: int) -> str:
    text = f"{days} day" + ("" if days == 1 else "s")
    if rest_days_per_week:
        text += f" ({rest_days_per_week} rest day{'' if rest_days_per_week == 1 else 's'} a week allowed)"
    return text


def _title(report: WeekReport) -> Line:
    title = [(f"Week {week_range(report.start, report.end)}", "bold")]
    if report.week_start == "monday":
        year, week, _ = report.start.isocalendar()
        title.append((f"  {year}-W{week:02d}", "dim"))
    if report.start <= report.today <= report.end:
        title.append(("  (this week)", "dim"))
    if report.tag:
        title.append((f"  tag {report.tag}", "cyan"))
    return title


def _day_bars(report: WeekReport, screen: int) -> list[Line]:
    most = max(d.hours for d in report.days)
    rows: list[list[Cell | Block]] = []
    for d in report.days:
        future = d.day > report.today
        rows.append(
            [
                (f"{d.day:%a %d %b}", "dim" if future else ""),
                Bar(d.hours / most if most > 0 else 0.0),
                # A day still to come says nothing, unless an entry's period reaches into it:
                # a bar without its figure would be a day the reader cannot read.
                "" if future and not d.hours else _hours_or_zero(d.hours),
            ]
        )
    columns = [Column(), Column(grow=True, min_width=8, max_width=BAR_MAX), Column(justify="right", min_width=6)]
    return grid(rows, columns, screen, gap=2, indent=2)


def _shares(title: str, shares: list[Share], total: float, other: str, screen: int) -> list[Line]:
    rows: list[list[Cell]] = []
    for s in shares:
        share = f"{s.hours / total:.0%}" if total > 0 else ""
        rows.append([(s.key or other, "cyan" if s.key else "dim"), _hours_or_zero(s.hours), share])
    columns = [Column(max_width=50), Column(justify="right"), Column(justify="right", style="dim")]
    return [text(title, "bold underline"), *grid(rows, columns, screen, gap=2, indent=2)]


def _done(report: WeekReport, screen: int, links: bool) -> list[Line]:
    rows: list[list[Cell | Block]] = []
    for day, done in report.done_by_day():
        for n, d in enumerate(done):
            label = d.text + (f"  ({d.period[0]:%d %b}–{d.period[1]:%d %b})" if d.period else "")
            rows.append(
                [
                    f"{day:%a %d}" if n == 0 else "",
                    f"#{d.id}",
                    Flow(label, links=links),
                    format_hours(d.hours),
                    ", ".join(d.items),
                ]
            )
            rows += [["", "", note(n.text, n.depth, links=links), "", ""] for n in d.notes]
    columns = [
        Column(),
        Column(justify="right", style="dim"),
        Column(wrap=True),
        Column(justify="right"),
        Column(style="cyan"),
    ]
    return grid(rows, columns, screen, gap=1, indent=2)


def render_week(report: WeekReport, screen: int = WIDTH, links: bool = False) -> list[Line]:
    """The week in ``screen`` columns: the bars grow with it (up to ``BAR_MAX``), the done items'
    texts and notes wrap (a note keeps its depth); ``links``: see render.inline."""
    total = report.total_hours
    lines = [*wrapped(_title(report), screen), text("Hours per day", "bold underline"), *_day_bars(report, screen)]
    if report.curricula:
        lines += _shares("By curriculum", report.curricula, total, "other", screen)
        lines += _shares("By item", report.items, total, "no item", screen)
    if report.tags:  # only when the week has tagged entries: a store without tags looks as before
        lines += _shares("By tag", [Share(t.tag, t.hours) for t in report.tags], total, "", screen)
    lines.append(text("Done", "bold underline"))
    if report.done:
        lines += _done(report, screen, links)
    else:
        lines.append(text("  nothing logged this week", "dim"))
    lines.append(text(f"Total {_hours_or_zero(total)}", "bold"))
    lines.append(
        text(
            f"vs previous week: {signed_hours(report.change_hours)} (was {_hours_or_zero(report.previous_total_hours)})"
        )
    )
    lines += [target_line(t) for t in report.targets]
    lines.append(text(f"Goals met {report.goals_met}/{report.goals_set}"))
    lines.append(text(f"Streak: {streak_text(report.streak, report.rest_days_per_week)}"))
    return lines


def target_line(t: TargetProgress) -> Line:
    """A weekly target against the week's hours: met, or how much is left."""
    what = f"Target {_hours_or_zero(t.target)} a week" + (f" on {visible(t.scope)}" if t.scope else "")
    if t.met:
        return text(f"{what}: met ({_hours_or_zero(t.hours)})", "green")
    return text(f"{what}: {_hours_or_zero(t.hours)} so far, {_hours_or_zero(t.left)} to go")


def render_trend(trend: Trend, screen: int = WIDTH) -> list[Line]:
    """One line a week, oldest first: its first day, a bar of hours (growing with the screen, up
    to ``BAR_MAX``), the hours, items completed."""
    first, last = trend.weeks[0], trend.weeks[-1]
    n = len(trend.weeks)
    lines = [text(f"{n} week{'s' if n != 1 else ''}: {week_range(first.start, last.end)}", "bold")]
    most = max(w.hours for w in trend.weeks)
    rows: list[list[Cell | Block]] = [
        [
            w.start.isoformat(),
            Bar(w.hours / most if most > 0 else 0.0),
            _hours_or_zero(w.hours),
            (f"{w.items_completed:>2} completed", "dim"),
            ("✓ target", "green") if w.met else "",
        ]
        for w in trend.weeks
    ]
    columns = [
        Column(),
        Column(grow=True, min_width=8, max_width=BAR_MAX),
        Column(justify="right", min_width=6),
        Column(),
        Column(),
    ]
    lines += grid(rows, columns, screen, gap=2, indent=2)
    average = trend.total_hours / n
    lines.append(
        text(
            f"Total {_hours_or_zero(trend.total_hours)} · {_hours_or_zero(average)} a week on "
            f"average · {trend.items_completed} item{'s' if trend.items_completed != 1 else ''} "
            "completed",
            "bold",
        )
    )
    return lines
