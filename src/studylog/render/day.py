"""A day at a glance: goals (met or open), goals carried over, done items with hours (as styled
lines; see ``render.lines``)."""

from __future__ import annotations

from collections.abc import Sequence

from studylog.hours import format_hours
from studylog.render.lines import Column, Line, grid, text
from studylog.render.wrap import Flow, note
from studylog.store.records import DayView, Goal, Note

WIDTH = 80


def _notes(notes: Sequence[Note], links: bool) -> list[Flow]:
    return [note(n.text, n.depth, links=links) for n in notes]


MARKS = {"met": ("✓", "green"), "open": ("○", "yellow"), "lapsed": ("–", "dim"), "dropped": ("×", "dim")}


def _label(view: DayView, goal: Goal, carried: bool) -> str:
    label = f"since {goal.day.isoformat()}  {goal.text}" if carried else goal.text
    state = view.state(goal)
    if state == "met" and goal.met_on != view.day and goal.met_on is not None:
        label += f"  (met {goal.met_on.isoformat()})"
    elif state in ("lapsed", "dropped"):
        label += f"  ({state})"
    return label


def _goals(view: DayView, goals: list[Goal], carried: bool, width: int, links: bool) -> list[Line]:
    rows: list[list] = []
    for goal in goals:
        mark = MARKS[view.state(goal)]
        label = _label(view, goal, carried)
        rows.append([mark, (f"#{goal.id}", "dim"), Flow(label, links=links), (", ".join(goal.items), "cyan")])
        rows += [["", "", n, ""] for n in _notes(goal.notes, links)]
    columns = [Column(), Column(justify="right"), Column(wrap=True), Column()]
    return grid(rows, columns, width, gap=1, indent=2)


def _done(view: DayView, width: int, links: bool) -> list[Line]:
    rows: list[list] = []
    for done in view.done:
        label = done.text + (f"  ({done.period[0]:%d %b}–{done.period[1]:%d %b})" if done.period else "")
        rows.append(
            [
                (f"#{done.id}", "dim"),
                Flow(label, links=links),
                format_hours(done.hours),
                (", ".join(done.items), "cyan"),
            ]
        )
        rows += [["", n, "", ""] for n in _notes(done.notes, links)]
    columns = [Column(justify="right"), Column(wrap=True), Column(justify="right"), Column()]
    return grid(rows, columns, width, gap=1, indent=2)


def render_day(view: DayView, today_is: bool, width: int = WIDTH, links: bool = False) -> list[Line]:
    """The day in ``width`` columns: texts and notes wrap (a note keeps its depth, its lines
    hang under its text), hours and items keep their width; ``links``: OSC 8 hyperlinks rather
    than ``text <url>`` (see render.inline)."""
    title = view.day.strftime("%A %d %B %Y") + ("  (today)" if today_is else "")
    lines = [text(title, "bold"), text("Goals", "bold underline")]
    if view.goals:
        lines += _goals(view, view.goals, False, width, links)
    else:
        lines.append(text("  no goals set; add one with: studylog goal TEXT", "dim"))
    if view.carried:
        lines.append(text("Carried over", "bold underline"))
        lines += _goals(view, view.carried, True, width, links)
    lines.append(text("Done", "bold underline"))
    if view.done:
        lines += _done(view, width, links)
    else:
        lines.append(text("  nothing logged yet; add with: studylog done TEXT --hours H", "dim"))
    met = sum(1 for g in view.goals if view.state(g) == "met")
    summary = f"Total {format_hours(view.total_hours) or '0h'}"
    if view.goals:
        summary += f" · goals met {met}/{len(view.goals)}"
    lines.append(text(summary, "bold"))
    return lines


def timer_line(text_: str, item: str | None, started: str, minutes: float) -> Line:
    """The running timer, under a day or a week: what, since when, for how long."""
    linked = f" ({item})" if item else ""
    return text(f"Timer running since {started} ({format_hours(minutes / 60) or '0h'}): {text_}{linked}", "yellow")


def track_line(target: float, week_hours: float, left_today: float) -> Line:
    """Today against the week's target: what is left today to stay on track."""
    week = f"{format_hours(week_hours) or '0h'} of {format_hours(target)} this week"
    if week_hours >= target - 1e-9:
        return text(f"Target met: {week}", "green")
    if left_today <= 1e-9:
        return text(f"On track: {week}", "green")
    return text(f"{format_hours(left_today)} more today keeps you on track ({week})")
