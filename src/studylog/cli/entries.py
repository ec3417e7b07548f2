"""Writing the log: goal, done, drop, edit, rm, undo."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from studylog.cli import everyday, output
from studylog.cli.clock import today
from studylog.cli.options import DateOpt, ItemOpt, NewItemOpt
from studylog.cli.parse import parse_day, parse_hours
from studylog.cli.session import items, open_store


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
    everyday.add_goal(text=text, item=item, date_=date_, note=note)


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
    complete: Annotated[
        bool, typer.Option("--complete", help="Also mark the item(s) complete on that day (one undo).")
    ] = False,
) -> None:
    """Log something done on a day (today by default; not in the future)."""
    everyday.add_done(text=text, hours=hours, item=item, date_=date_, goal_id=goal_id, note=note, complete=complete)


def drop(goal_id: Annotated[int, typer.Argument(help="The id of an open goal.")]) -> None:
    """Drop an open goal, so that it is no longer carried over."""
    from studylog.store import entries

    g = entries.drop_goal(open_store(), goal_id, today())
    output.message(f"Dropped goal #{g.id}: {g.text}")


def edit(
    entry_id: Annotated[int, typer.Argument(help="The id of a goal or done item.")],
    text: Annotated[str | None, typer.Option("--text", "-t", help="New text.", show_default=False)] = None,
    hours: Annotated[
        str | None, typer.Option("--hours", "-H", help="New hours, or 'none' to clear them.", show_default=False)
    ] = None,
    date_: DateOpt = None,
    item: NewItemOpt = None,
) -> None:
    """Change an entry's text, hours, date or item."""
    from studylog.store import entries

    changes: dict[str, Any] = {}  # only what is given: None clears hours and unlinks the item
    if hours is not None:
        changes["hours"] = None if hours.strip().lower() == "none" else parse_hours(hours)
    if item is not None:
        changes["item"] = None if item.strip().lower() == "none" else items().resolve(item).ref
    day = parse_day(date_) if date_ is not None else None
    e = entries.edit_entry(open_store(), entry_id, today(), text=text, day=day, **changes)
    output.message(f"Edited #{e.id} on {e.day.isoformat()}: {everyday.describe(e)}")


def rm(entry_id: Annotated[int, typer.Argument(help="The id of a goal or done item.")]) -> None:
    """Delete an entry (and its notes). 'studylog undo' brings it back."""
    from studylog.store import entries

    e = entries.remove_entry(open_store(), entry_id)
    output.message(f"Removed #{e.id} from {e.day.isoformat()}: {everyday.describe(e)}")


def undo() -> None:
    """Revert the last change (goal, done, edit, rm, drop, start, complete, skip)."""
    from studylog.store.journal import undo_last

    undone = undo_last(open_store())
    output.message(f"Undid: {undone.summary}")


def register(app: typer.Typer) -> None:
    for fn in (goal, done, drop, edit, rm, undo):
        app.command()(fn)
