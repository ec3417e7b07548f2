"""Writing the log: goal, done, drop, edit, rm, undo."""

from __future__ import annotations

from typing import Annotated

import typer

from studylog.cli import context as cx
from studylog.cli import everyday

DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        "-d",
        help="The day: today (default), yesterday, monday, 'last friday', '3 days ago', 2024-04-18, 'Apr 18'.",
        show_default=False,
    ),
]
ItemOpt = Annotated[
    str | None,
    typer.Option(
        "--item",
        "-i",
        help="Curriculum item: dlc/1, arena/0.2, karpathy/5 or an alias such as makemore-4.",
        show_default=False,
    ),
]


def goal(
    text: Annotated[str, typer.Argument(help="What you mean to do.")],
    item: ItemOpt = None,
    date_: DateOpt = None,
    note: Annotated[
        list[str] | None,
        typer.Option("--note", "-n", help="A sub-bullet under the goal (repeatable; indent with tabs to nest)."),
    ] = None,
) -> None:
    """Set a goal for a day (default today; future days allowed)."""
    everyday.add_goal(text, item, date_, note)


def done(
    text: Annotated[str, typer.Argument(help="What you finished.")],
    hours: Annotated[
        str | None, typer.Option("--hours", "-H", help="Time it took: 2, 2.5, 1h30m, 90m, 1:30.", show_default=False)
    ] = None,
    item: ItemOpt = None,
    date_: DateOpt = None,
    goal_id: Annotated[
        int | None, typer.Option("--goal", "-g", help="Mark this goal (by id) as met.", show_default=False)
    ] = None,
    note: Annotated[
        list[str] | None,
        typer.Option("--note", "-n", help="A sub-bullet under the item (repeatable; indent with tabs to nest)."),
    ] = None,
) -> None:
    """Log something done on a day (today by default; not in the future)."""
    everyday.add_done(text, hours, item, date_, goal_id, note)


def drop(goal_id: Annotated[int, typer.Argument(help="The id of an open goal.")]) -> None:
    """Drop an open goal, so that it is no longer carried over."""
    from studylog.store import entries

    g = entries.drop_goal(cx.open_store(), goal_id, cx.today())
    typer.echo(f"Dropped goal #{g.id}: {g.text}")


def edit(
    entry_id: Annotated[int, typer.Argument(help="The id of a goal or done item.")],
    text: Annotated[str | None, typer.Option("--text", "-t", help="New text.", show_default=False)] = None,
    hours: Annotated[
        str | None, typer.Option("--hours", "-H", help="New hours, or 'none' to clear them.", show_default=False)
    ] = None,
    date_: DateOpt = None,
    item: Annotated[
        str | None,
        typer.Option("--item", "-i", help="New curriculum item, or 'none' to unlink.", show_default=False),
    ] = None,
) -> None:
    """Change an entry's text, hours, date or item."""
    from studylog.store import entries

    kwargs = {}
    if hours is not None:
        kwargs["hours"] = None if hours.strip().lower() == "none" else cx.parse_hours(hours)
    if item is not None:
        kwargs["item"] = None if item.strip().lower() == "none" else cx.resolve(item).ref
    day = cx.parse_day(date_) if date_ is not None else None
    e = entries.edit_entry(cx.open_store(), entry_id, cx.today(), text=text, day=day, **kwargs)
    typer.echo(f"Edited #{e.id} on {e.day.isoformat()}: {everyday.describe(e)}")


def rm(entry_id: Annotated[int, typer.Argument(help="The id of a goal or done item.")]) -> None:
    """Delete an entry (and its notes). 'studylog undo' brings it back."""
    from studylog.store import entries

    e = entries.remove_entry(cx.open_store(), entry_id)
    typer.echo(f"Removed #{e.id} from {e.day.isoformat()}: {everyday.describe(e)}")


def undo() -> None:
    """Revert the last change (goal, done, edit, rm, drop, start, complete, skip)."""
    from studylog.store.journal import undo_last

    undone = undo_last(cx.open_store())
    typer.echo(f"Undid: {undone.summary}")


def register(app: typer.Typer) -> None:
    for fn in (goal, done, drop, edit, rm, undo):
        app.command()(fn)
