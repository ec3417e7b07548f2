"""The progress page's charts as inline SVG: the year's heatmap and the hours per week. Each mark
carries its figures (``data-date``/``data-start``, ``data-hours``) and a ``<title>`` tooltip, so
that a reader can hover for them and a test can compare them with the JSON the command line
prints. Colours are the theme's classes (``exporters.site`` writes the stylesheet). Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from html import escape as _escape
from typing import Any

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
LIMITS = (1, 2, 4)  # the heatmap's levels, as ``calendar`` draws them: up to 1h, 2h, 4h, more
LEGEND = ("none", "≤1h", "≤2h", "≤4h", ">4h")

CELL, GAP = 11, 3
STEP = CELL + GAP
LEFT, TOP = 30, 18


def text(value: Any) -> str:
    """``value`` escaped for HTML text and attributes, with braces as character references (so that
    nothing in it can be Liquid when the page goes through Jekyll)."""
    return _escape(str(value), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def hours_text(hours: float, style: str = "decimal") -> str:
    """Hours for people in the learner's ``hours_format``: 2.5 → "2.5h" (or "2h30m"), 0 → "0h"."""
    from studylog.hours import format_hours

    return format_hours(hours, style) if hours else "0h"


def level(hours: float) -> int:
    """The heatmap level of a day's hours. (``calendar`` also draws a day with done items but no
    hours at the first level; its JSON, which the page is made from, has the hours only.)"""
    if hours <= 0:
        return 0
    return 1 + sum(1 for limit in LIMITS if round(hours, 4) > limit)


def last_days(calendars: Sequence[dict[str, Any]], today: date, count: int = 365) -> list[tuple[date, float]]:
    """The ``count`` days up to ``today`` with their hours, from ``calendar --json`` of the years
    they fall in."""
    hours = {d["date"]: d["hours"] for cal in calendars for d in cal["days"]}
    first = today - timedelta(days=count - 1)
    return [(day, hours.get(day.isoformat(), 0.0)) for day in (first + timedelta(days=n) for n in range(count))]


def heatmap(days: Sequence[tuple[date, float]], week_start: str, style: str = "decimal") -> str:
    """One square per day, a column per week (weeks begin on ``week_start``), coloured by level."""
    if not days:
        return ""
    first = days[0][0]
    start = WEEKDAYS.index(week_start) if week_start in WEEKDAYS else 0
    origin = first - timedelta(days=(first.weekday() - start) % 7)
    columns = (days[-1][0] - origin).days // 7 + 1
    width, height = LEFT + columns * STEP, TOP + 7 * STEP
    out = [
        f'<svg class="heatmap" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        'aria-labelledby="heatmap-title">',
        f'<title id="heatmap-title">Hours per day, {days[0][0].isoformat()} to {days[-1][0].isoformat()}</title>',
    ]
    for row in range(0, 7, 2):
        name = WEEKDAYS[(start + row) % 7][:3].capitalize()
        out.append(f'<text class="axis" x="0" y="{TOP + row * STEP + CELL - 1}">{name}</text>')
    free = 0
    for day, _ in days:
        if day.day == 1 or day == first:
            x = LEFT + (day - origin).days // 7 * STEP
            if x >= free and x + 24 <= width:
                out.append(f'<text class="axis" x="{x}" y="{TOP - 6}">{day:%b}</text>')
                free = x + 30
    for day, hours in days:
        offset = (day - origin).days
        n = level(hours)
        out.append(
            f'<rect class="cell l{n}" x="{LEFT + offset // 7 * STEP}" y="{TOP + offset % 7 * STEP}" '
            f'width="{CELL}" height="{CELL}" rx="2" data-date="{day.isoformat()}" data-hours="{hours:g}" '
            f'data-level="{n}"><title>{day:%a} {day.isoformat()}: {hours_text(hours, style)}</title></rect>'
        )
    out.append("</svg>")
    return "\n".join(out)


def legend() -> str:
    """The heatmap's levels, each a swatch in its colour with what it means."""
    items = "".join(
        f'<span class="swatch"><svg width="{CELL}" height="{CELL}" aria-hidden="true"><rect class="cell l{n}" '
        f'width="{CELL}" height="{CELL}" rx="2"/></svg> {text(meaning)}</span>'
        for n, meaning in enumerate(LEGEND)
    )
    return f'<p class="legend">{items}</p>'


def _ceiling(value: float) -> float:
    """A round top for an axis: 1, 2, 5, 10, 20, 50… at or above ``value``."""
    top = 1.0
    while top < value:
        for step in (2, 2.5, 2):
            top *= step
            if top >= value:
                break
    return top


def week_bars(weeks: Sequence[dict[str, Any]], style: str = "decimal") -> str:
    """A bar per week (``week --weeks N --json``'s weeks), oldest first, with an hours axis."""
    bar, gap, left, top, plot, bottom = 18, 6, 34, 10, 150, 22
    width = left + len(weeks) * (bar + gap)
    height = top + plot + bottom
    peak = _ceiling(max((w["hours"] for w in weeks), default=0.0) or 1.0)
    out = [
        f'<svg class="weeks" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        'aria-labelledby="weeks-title">',
        f'<title id="weeks-title">Hours per week, the {len(weeks)} weeks up to this one</title>',
    ]
    for fraction in (0, 0.5, 1):
        y = top + plot - fraction * plot
        out.append(f'<line class="grid" x1="{left - 4}" x2="{width}" y1="{y:.1f}" y2="{y:.1f}"/>')
        out.append(f'<text class="axis" x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{peak * fraction:g}h</text>')
    for n, week in enumerate(weeks):
        x = left + n * (bar + gap) + gap / 2
        hours = week["hours"]
        h = plot * hours / peak
        start = date.fromisoformat(week["start"])
        met = {True: " met", False: " missed", None: ""}[week.get("target_met")]
        items = week.get("items_completed", 0)
        tip = f"Week of {start.day} {start:%b %Y}: {hours_text(hours, style)}" + (
            f", {items} item{'s' if items != 1 else ''} completed" if items else ""
        )
        out.append(
            f'<rect class="week-bar{met}" x="{x:.1f}" y="{top + plot - h:.1f}" width="{bar}" height="{h:.1f}" rx="2" '
            f'data-start="{week["start"]}" data-hours="{hours:g}" data-items="{items}"><title>{text(tip)}</title></rect>'
        )
        if (len(weeks) - 1 - n) % 4 == 0:  # the last week labelled, and every fourth before it
            out.append(
                f'<text class="axis" x="{x + bar / 2:.1f}" y="{height - 6}" text-anchor="middle">{start.day} {start:%b}</text>'
            )
    out.append("</svg>")
    return "\n".join(out)
