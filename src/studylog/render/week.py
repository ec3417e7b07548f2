"""A week at a glance (bars of hours per day, hours per curriculum and item, done items by day,
goals, streak, change from the week before) and the trend over several weeks."""

from __future__ import annotations

from datetime import date

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from studylog.hours import format_hours
from studylog.reports.week import Share, Trend, WeekReport

_EIGHTHS = ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")
WIDTH = 80


def bar(hours: float, most: float, width: int) -> str:
    """A bar of ``width`` characters at most, in eighths of a character, scaled so that ``most``
    fills it; any hours at all show at least a sliver. Padded to ``width``."""
    if hours <= 0 or most <= 0:
        return " " * width
    eighths = max(1, round(hours / most * width * 8))
    return ("█" * (eighths // 8) + _EIGHTHS[eighths % 8]).ljust(width)


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


def _title(report: WeekReport) -> Text:
    title = Text()
    title.append(f"Week {week_range(report.start, report.end)}", style="bold")
    if report.week_start == "monday":
        year, week, _ = report.start.isocalendar()
        title.append(f"  {year}-W{week:02d}", style="dim")
    if report.start <= report.today <= report.end:
        title.append("  (this week)", style="dim")
    return title


def _day_bars(report: WeekReport, width: int) -> Table:
    most = max(d.hours for d in report.days)
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, style="green")
    table.add_column(justify="right", no_wrap=True, min_width=6)
    for d in report.days:
        future = d.day > report.today
        table.add_row(Text(f"{d.day:%a %d %b}", style="dim" if future else ""),
                      bar(d.hours, most, width - 26),
                      "" if future else _hours_or_zero(d.hours))
    return table


def _shares(title: str, shares: list[Share], total: float, other: str) -> list:
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, overflow="ellipsis", max_width=50)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(justify="right", no_wrap=True, style="dim")
    for s in shares:
        share = f"{s.hours / total:.0%}" if total > 0 else ""
        table.add_row(Text(s.key or other, style="cyan" if s.key else "dim"), _hours_or_zero(s.hours), share)
    return [Text(title, style="bold underline"), Padding(table, (0, 0, 0, 2), expand=False)]


def _done(report: WeekReport) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True, style="dim")
    table.add_column(overflow="fold")
    table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True, style="cyan")
    for day, done in report.done_by_day():
        for n, d in enumerate(done):
            table.add_row(f"{day:%a %d}" if n == 0 else "", f"#{d.id}", d.text, format_hours(d.hours), d.item or "")
            for note in d.notes:
                table.add_row("", "", Text("  " * note.depth + "- " + note.text, style="dim"), "", "")
    return table


def render_week(report: WeekReport, width: int = WIDTH) -> Group:
    width = min(width, WIDTH)
    total = report.total_hours
    parts: list = [_title(report), Text("Hours per day", style="bold underline"),
                   Padding(_day_bars(report, width), (0, 0, 0, 2), expand=False)]
    if report.curricula:
        parts += _shares("By curriculum", report.curricula, total, "other")
        parts += _shares("By item", report.items, total, "no item")
    parts.append(Text("Done", style="bold underline"))
    if report.done:
        parts.append(Padding(_done(report), (0, 0, 0, 2), expand=False))
    else:
        parts.append(Text("  nothing logged this week", style="dim"))
    parts.append(Text(f"Total {_hours_or_zero(total)}", style="bold"))
    parts.append(Text(f"vs previous week: {signed_hours(report.change_hours)} "
                      f"(was {_hours_or_zero(report.previous_total_hours)})"))
    parts.append(Text(f"Goals met {report.goals_met}/{report.goals_set}"))
    parts.append(Text(f"Streak: {streak_text(report.streak, report.rest_days_per_week)}"))
    return Group(*parts)


def render_trend(trend: Trend, width: int = WIDTH) -> Group:
    """One line a week, oldest first: its first day, a bar of hours, the hours, items completed."""
    width = min(width, WIDTH)
    first, last = trend.weeks[0], trend.weeks[-1]
    n = len(trend.weeks)
    parts: list = [Text(f"{n} week{'s' if n != 1 else ''}: {week_range(first.start, last.end)}", style="bold")]
    most = max(w.hours for w in trend.weeks)
    bar_width = width - 2 - 10 - 2 - 2 - 6 - 2 - 12
    for w in trend.weeks:
        line = Text(f"  {w.start.isoformat()}  ")
        line.append(bar(w.hours, most, bar_width), style="green")
        line.append(f"  {_hours_or_zero(w.hours):>6}  ")
        line.append(f"{w.items_completed:>2} completed", style="dim")
        parts.append(line)
    average = trend.total_hours / n
    parts.append(Text(f"Total {_hours_or_zero(trend.total_hours)} · {_hours_or_zero(average)} a week on "
                      f"average · {trend.items_completed} item{'s' if trend.items_completed != 1 else ''} "
                      "completed", style="bold"))
    return Group(*parts)
