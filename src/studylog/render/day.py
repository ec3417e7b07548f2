"""A day at a glance: goals (met or open), goals carried over, done items with hours."""

from __future__ import annotations

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from studylog.hours import format_hours
from studylog.store.records import DayView, Goal, Note


def _notes(notes: list[Note], indent: int) -> list[Text]:
    return [Text(" " * (indent + 2 * n.depth) + "- " + n.text, style="dim") for n in notes]


def _goal_row(table: Table, goal: Goal, view: DayView, carried: bool) -> None:
    met = goal.met_by(view.day)
    mark = Text("✓", style="green") if met else Text("○", style="yellow")
    text = Text(goal.text)
    if carried:
        text = Text.assemble((f"since {goal.day.isoformat()}  ", "dim"), goal.text)
    table.add_row(mark, Text(f"#{goal.id}", style="dim"), text, Text(goal.item or "", style="cyan"))


def _goal_table(view: DayView, goals: list[Goal], carried: bool) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(width=1)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    table.add_column(no_wrap=True)
    for goal in goals:
        _goal_row(table, goal, view, carried)
        for note in _notes(goal.notes, 0):
            table.add_row("", "", note, "")
    return table


def render_day(view: DayView, today_is: bool) -> Group:
    title = view.day.strftime("%A %d %B %Y") + ("  (today)" if today_is else "")
    parts: list = [Text(title, style="bold")]
    parts.append(Text("Goals", style="bold underline"))
    if view.goals:
        parts.append(Padding(_goal_table(view, view.goals, carried=False), (0, 0, 0, 2)))
    else:
        parts.append(Text("  no goals set; add one with: studylog goal TEXT", style="dim"))
    if view.carried:
        parts.append(Text("Carried over", style="bold underline"))
        parts.append(Padding(_goal_table(view, view.carried, carried=True), (0, 0, 0, 2)))
    parts.append(Text("Done", style="bold underline"))
    if view.done:
        table = Table.grid(padding=(0, 1))
        table.add_column(justify="right", no_wrap=True)
        table.add_column(ratio=1, overflow="fold")
        table.add_column(justify="right", no_wrap=True)
        table.add_column(no_wrap=True)
        for done in view.done:
            table.add_row(Text(f"#{done.id}", style="dim"), done.text, format_hours(done.hours),
                          Text(done.item or "", style="cyan"))
            for note in _notes(done.notes, 0):
                table.add_row("", note, "", "")
        parts.append(Padding(table, (0, 0, 0, 2)))
    else:
        parts.append(Text("  nothing logged yet; add with: studylog done TEXT --hours H", style="dim"))
    met = sum(1 for g in view.goals if g.met_by(view.day))
    summary = f"Total {format_hours(view.total_hours) or '0h'}"
    if view.goals:
        summary += f" · goals met {met}/{len(view.goals)}"
    parts.append(Text(summary, style="bold"))
    return Group(*parts)
