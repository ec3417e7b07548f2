"""A year as a heatmap: one row per weekday, one column per week, one character per day whose
shape alone (no colour needed) says how many hours were logged; its colour says it too, one per
level (``studylog.theme``)."""

from __future__ import annotations

from datetime import timedelta

from rich.console import Group
from rich.style import Style
from rich.text import Text

from studylog.hours import format_hours
from studylog.render.week import streak_text
from studylog.reports.calendar import Calendar
from studylog.reports.week import DayHours, week_bounds
from studylog.theme import LEVELS as THEME_LEVELS
from studylog.theme import TERMINAL_LEVELS


def _level_style(n: int) -> Style:
    """Level ``n``'s own style: its terminal colour, and its role in the theme (``level0`` to
    ``level4``), which the SVG and HTML exports draw in the theme's colour for the level."""
    return Style.parse(TERMINAL_LEVELS[n]) + Style(meta={"role": THEME_LEVELS[n]})


# (glyph, style, legend): nothing logged, then up to 1h, 2h, 4h and more; each level has its own
# colour as well as its own glyph. A day with done items but no hours counts as the lightest
# level, so that every day of a streak shows.
LEVELS = tuple(
    (glyph, _level_style(n), legend)
    for n, (glyph, legend) in enumerate((("·", "none"), ("░", "≤1h"), ("▒", "≤2h"), ("▓", "≤4h"), ("█", ">4h")))
)
_LIMITS = (1, 2, 4)
LABEL = 3  # "Mo "


def level(day: DayHours) -> int:
    if not day.entries:
        return 0
    hours = round(day.hours, 4)
    return 1 + sum(1 for limit in _LIMITS if hours > limit)


def _grid(cal: Calendar) -> list[Text]:
    first = cal.days[0].day
    origin, _ = week_bounds(first, cal.week_start)
    columns = (cal.days[-1].day - origin).days // 7 + 1
    cells: list[list[tuple[str, Style | str]]] = [[(" ", "")] * columns for _ in range(7)]
    for d in cal.days:
        if d.day > cal.today:
            break
        offset = (d.day - origin).days
        glyph, style, _ = LEVELS[level(d)]
        cells[offset % 7][offset // 7] = (glyph, style)
    months = [" "] * (LABEL + columns)
    free = 0  # the first position a label may use without touching the one before
    for d in cal.days:
        if d.day.day == 1:
            at = LABEL + (d.day - origin).days // 7
            name = f"{d.day:%b}"
            if at >= free and at + len(name) <= len(months):
                months[at : at + len(name)] = list(name)
                free = at + len(name) + 1
    lines = [Text("".join(months).rstrip(), style="dim")]
    for row in range(7):
        line = Text()
        line.append(f"{origin + timedelta(days=row):%a}"[:2] + " ", style="dim")
        for glyph, shown in cells[row]:
            line.append(glyph, style=shown)
        line.rstrip()
        lines.append(line)
    return lines


def _legend() -> Text:
    legend = Text("   ")
    for n, (glyph, style, meaning) in enumerate(LEVELS):
        legend.append(("  " if n else "") + glyph, style=style)
        legend.append(f" {meaning}", style="dim")
    return legend


def render_calendar(cal: Calendar) -> Group:
    days = cal.study_days
    title = Text()
    title.append(f"{cal.year}", style="bold")
    title.append(
        f"  {format_hours(cal.total_hours) if round(cal.total_hours, 2) else '0h'} "
        f"on {days} study day{'s' if days != 1 else ''}"
    )
    return Group(
        title,
        *_grid(cal),
        _legend(),
        Text(f"Current streak: {streak_text(cal.current_streak, cal.rest_days_per_week)}"),
        Text(f"Longest streak: {streak_text(cal.longest_streak, cal.rest_days_per_week)}"),
    )
