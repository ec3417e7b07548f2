"""Writing the log: goal, done, drop, edit, rm, undo."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from studylog.cli import everyday, output
from studylog.cli.clock import today
from studylog.cli.options import ItemOpt, JsonOpt, NewItemOpt, PeriodOpt, TagOpt
from studylog.cli.parse import id_type, parse_days, parse_hours
from studylog.cli.session import items, open_store

ENTRY_ID = id_type()  # an integer that can be an id: a 24-digit one is refused in one line


def goal(
    text: Annotated[str, typer.Argument(help="What you mean to do.")],
    item: ItemOpt = None,
    date_: PeriodOpt = None,
    note: Annotated[
        list[str] | None,
        typer.Option("--note", "-n", help="A sub-bullet under the goal (repeatable; indent with tabs to nest)."),
    ] = None,
    tag: TagOpt = None,
) -> None:
    """Set a goal for a day or a period (default today; future days allowed)."""
    everyday.add_goal(text=text, item=item, date_=date_, note=note, tag=tag)


def done(
    text: Annotated[str, typer.Argument(help="What you finished.")],
    hours: Annotated[
        str | None, typer.Option("--hours", "-H", help="Time it took: 2, 2.5, 1h30m, 90m, 1:30.", show_default=False)
    ] = None,
    item: ItemOpt = None,
    date_: PeriodOpt = None,
    goal_id: Annotated[
        int | None,
        typer.Option("--goal", "-g", click_type=ENTRY_ID, help="Mark this goal (by id) as met.", show_default=False),
    ] = None,
    note: Annotated[
        list[str] | None,
        typer.Option("--note", "-n", help="A sub-bullet under the item (repeatable; indent with tabs to nest)."),
    ] = None,
    complete: Annotated[
        bool, typer.Option("--complete", help="Also mark the item(s) complete on that day (one undo).")
    ] = False,
    url: Annotated[
        str | None,
        typer.Option("--url", help="Link to the item (of any curriculum or list) with this URL.", show_default=False),
    ] = None,
    tag: TagOpt = None,
) -> None:
    """Log something done on a day or over a period (today by default; not in the future)."""
    everyday.add_done(
        text=text, hours=hours, item=item, date_=date_, goal_id=goal_id, note=note, complete=complete, url=url, tag=tag
    )


def drop(
    goal_ids: Annotated[
        list[int] | None, typer.Argument(click_type=ENTRY_ID, help="The ids of open goals.", show_default=False)
    ] = None,
    older_than: Annotated[
        str | None,
        typer.Option(
            "--older-than",
            help="Also every unmet goal set more than this long ago: days (14, 14d) or weeks (2w).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Drop open or lapsed goals, so that they are no longer carried over (one undo for all)."""
    from datetime import timedelta

    from studylog.cli.parse import parse_age
    from studylog.errors import UsageError
    from studylog.store import entries

    store = open_store()
    ids = list(goal_ids or [])
    if older_than is not None:
        ids += entries.unmet_goals_before(store, today() - timedelta(days=parse_age(older_than)))
        if not ids:
            output.message(f"No unmet goals older than {older_than}.")
            return
    elif not ids:
        raise UsageError(
            "give the ids of the goals to drop, or --older-than DAYS", "see ids with 'studylog log -k goal'"
        )
    dropped = entries.drop_goals(store, ids, today())
    if len(dropped) == 1:
        output.message(f"Dropped goal #{dropped[0].id}: {dropped[0].text}")
    else:
        output.message(f"Dropped {len(dropped)} goals: " + ", ".join(f"#{g.id}" for g in dropped))


def edit(
    entry_id: Annotated[int, typer.Argument(click_type=ENTRY_ID, help="The id of a goal or done item.")],
    text: Annotated[str | None, typer.Option("--text", "-t", help="New text.", show_default=False)] = None,
    hours: Annotated[
        str | None, typer.Option("--hours", "-H", help="New hours, or 'none' to clear them.", show_default=False)
    ] = None,
    date_: PeriodOpt = None,
    item: NewItemOpt = None,
) -> None:
    """Change an entry's text, hours, date or item."""
    from studylog.store import entries
    from studylog.store.entries import MAX_PERIOD_DAYS

    changes: dict[str, Any] = {}  # only what is given: None clears hours and unlinks the item
    if hours is not None:
        # up to 24 a day over the longest period: the store refuses a day above 24 hours
        changes["hours"] = None if hours.strip().lower() == "none" else parse_hours(hours, MAX_PERIOD_DAYS)
    if item is not None:
        changes["item"] = None if item.strip().lower() == "none" else items().resolve(item).ref
    period = parse_days(date_) if date_ is not None else None
    e = entries.edit_entry(open_store(), entry_id, today(), text=text, period=period, **changes)
    output.message(f"Edited #{e.id} {everyday.when(e, 'on ', 'over ')}: {everyday.describe(e)}")


def rm(
    entry_ids: Annotated[
        list[int], typer.Argument(click_type=ENTRY_ID, help="The ids of goals or done items (12 or #12).")
    ],
) -> None:
    """Delete entries (and their notes), all in one change. 'studylog undo' brings them back."""
    from studylog.store import entries

    for e in entries.remove_entries(open_store(), entry_ids):
        output.message(f"Removed #{e.id} from {e.day.isoformat()}: {everyday.describe(e)}")


def undo(
    number: Annotated[
        int | None,
        typer.Argument(
            help="The change to revert (see --list); refused when a later change touched the same rows.",
            show_default=False,
            click_type=id_type("change", "'studylog undo --list'"),
        ),
    ] = None,
    list_: Annotated[
        bool, typer.Option("--list", "-l", help="Show your recent changes (number, when, from where, what).")
    ] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", help="With --list: at most this many (0: all).", min=0)] = 20,
    as_json: JsonOpt = False,
) -> None:
    """Revert your last change (goal, done, edit, rm, drop, start, complete, skip, import), or
    change NUMBER; --list shows them."""
    from studylog.errors import UsageError
    from studylog.render.changes import change_json, change_lines, undid
    from studylog.store import journal

    out = output.Output(as_json)
    if list_:
        if number is not None:
            raise UsageError("--list shows the changes; it takes no change number", "run 'studylog undo --list'")
        changes = journal.recent(open_store(), limit)
        if as_json:
            out.json(change_json(changes))
        else:
            out.lines(change_lines(changes, output.width()))
        return
    undone = journal.undo(open_store(), number)
    if as_json:
        out.json({**change_json([undone.change])[0], "rows": undone.rows})
    else:
        output.message(undid(undone))


def register(app: typer.Typer) -> None:
    for fn in (goal, done, drop, edit, rm, undo):
        app.command()(fn)
