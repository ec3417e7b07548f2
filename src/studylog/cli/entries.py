"""Writing the log: goal, done, drop, edit, rm, undo."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from studylog.cli import everyday, output
from studylog.cli.clock import today
from studylog.cli.options import GoalDateOpt, ItemOpt, JsonOpt, NoteOpt, PeriodOpt, TagOpt
from studylog.cli.parse import id_type, parse_days, parse_hours
from studylog.cli.session import items, open_store

ENTRY_ID = id_type()  # an integer that can be an id: a 24-digit one is refused in one line


def goal(
    text: Annotated[str, typer.Argument(help="What you mean to do.")],
    item: ItemOpt = None,
    date_: GoalDateOpt = None,
    note: NoteOpt = None,
    tag: TagOpt = None,
) -> None:
    """Set a goal for a day or a period of days.

    A goal is today's unless --date names another day, and it may lie ahead (tomorrow, friday,
    next week). A goal not met on its day is carried over for a few days (config
    carry_over_days), until 'studylog done --goal ID' meets it or 'studylog drop ID' drops it.

    Examples:
      studylog goal "finish makemore part 4" -i makemore-4
      studylog goal "read chapter 2" -d friday -n "with the exercises"
      studylog goal "the DPO paper" -d monday..sunday -T paper
    """
    everyday.add_goal(text=text, item=item, date_=date_, note=note, tag=tag)


def done(
    text: Annotated[str, typer.Argument(help="What you finished.")],
    hours: Annotated[
        str | None,
        typer.Option(
            "--hours", "-H", metavar="HOURS", help="Time it took: 2, 2.5, 1h30m, 90m, 1:30.", show_default=False
        ),
    ] = None,
    item: ItemOpt = None,
    date_: PeriodOpt = None,
    goal_id: Annotated[
        int | None,
        typer.Option(
            "--goal",
            "-g",
            click_type=ENTRY_ID,
            metavar="ID",
            help="Mark this goal (by id) as met.",
            show_default=False,
        ),
    ] = None,
    note: NoteOpt = None,
    complete: Annotated[
        bool, typer.Option("--complete", help="Also mark the item(s) complete on that day (one undo).")
    ] = False,
    url: Annotated[
        str | None,
        typer.Option(
            "--url",
            metavar="URL",
            help="Link to the item (of any curriculum or list) with this URL.",
            show_default=False,
        ),
    ] = None,
    add: Annotated[
        str | None,
        typer.Option(
            "--add",
            metavar="KIND",
            help="With --url: when no item has that URL, add one of this kind (paper, talk...) to your reading list.",
            show_default=False,
        ),
    ] = None,
    tag: TagOpt = None,
) -> None:
    """Log something you did, with the time it took.

    It is today's unless --date names an earlier day or a period (a week's reading logged at
    once); days in the future are refused. --goal ID marks a goal met, --complete marks the
    item complete, and the #words of the text become tags.

    Examples:
      studylog done "makemore part 4" -H 1h30m -i makemore-4 --complete
      studylog done "read chapter 2" -H 2 -d yesterday -g 3
      studylog done "DPO paper" --url https://arxiv.org/abs/2305.18290 --add paper
    """
    everyday.add_done(
        text=text,
        hours=hours,
        item=item,
        date_=date_,
        goal_id=goal_id,
        note=note,
        complete=complete,
        url=url,
        add=add,
        tag=tag,
    )


def drop(
    goal_ids: Annotated[
        list[int] | None, typer.Argument(click_type=ENTRY_ID, help="The ids of open goals.", show_default=False)
    ] = None,
    older_than: Annotated[
        str | None,
        typer.Option(
            "--older-than",
            metavar="AGE",
            help="Also every unmet goal set more than this long ago: days (14, 14d) or weeks (2w).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Drop goals you no longer mean to meet.

    A dropped goal is no longer carried over and no longer counts as open; all the goals of one
    drop come back with one 'studylog undo'.

    Examples:
      studylog drop 12
      studylog drop 12 14 15
      studylog drop --older-than 2w
    """
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


EditDateOpt = Annotated[  # edit's own words: there is no default day, the entry keeps its own
    str | None,
    typer.Option(
        "--date",
        "-d",
        metavar="DAY",
        help="The new day: yesterday, monday, 'last friday', '3 days ago', 2024-04-18, 'Apr 18'; "
        "or a period A..B, both days included: monday..today, 2023-08-01..2023-08-11.",
        show_default=False,
    ),
]
_NOTE_RULE = "a leading tab, or two spaces, per level nests it, as in goal and done"


def edit(
    entry_id: Annotated[int, typer.Argument(click_type=ENTRY_ID, help="The id of a goal or done item.")],
    text: Annotated[str | None, typer.Option("--text", "-t", help="New text.", show_default=False)] = None,
    hours: Annotated[
        str | None,
        typer.Option("--hours", "-H", metavar="HOURS", help="New hours, or 'none' to clear them.", show_default=False),
    ] = None,
    date_: EditDateOpt = None,
    item: Annotated[
        list[str] | None,
        typer.Option(
            "--item",
            "-i",
            metavar="REF",
            help="Link to this curriculum item instead (repeatable: several items, in order), or 'none' to unlink.",
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        list[str] | None,
        typer.Option(
            "--note",
            "-n",
            metavar="TEXT",
            help=f"Replace all the notes with these (repeatable; {_NOTE_RULE}); --note '' alone removes them all.",
            show_default=False,
        ),
    ] = None,
    add_note: Annotated[
        list[str] | None,
        typer.Option(
            "--add-note",
            metavar="TEXT",
            help=f"Add a note after the others (repeatable; with --note, after those; {_NOTE_RULE}).",
            show_default=False,
        ),
    ] = None,
    rm_note: Annotated[
        list[int] | None,
        typer.Option(
            "--rm-note",
            min=1,
            metavar="N",
            help="Remove the N-th note, counting from 1 as 'studylog edit ID' shows them (repeatable; not with --note).",
            show_default=False,
        ),
    ] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", "-T", metavar="TAG", help="Add a tag (repeatable).", show_default=False)
    ] = None,
    untag: Annotated[
        list[str] | None,
        typer.Option("--untag", metavar="TAG", help="Take a tag off (repeatable).", show_default=False),
    ] = None,
) -> None:
    """Change a goal or done item: text, hours, day, items, notes.

    The options say what changes, all in one change that one 'studylog undo' reverts. Without
    options, the entry opens in $VISUAL or $EDITOR (else vi) as a short text form: what you
    change in it is changed, and an unchanged file changes nothing. A new text's #words become
    tags.

    Examples:
      studylog edit 12 -H 1h45m
      studylog edit 12 -d yesterday -i makemore-5 --add-note "the loss curve"
      studylog edit 12
    """
    if (text, hours, date_, item, note, add_note, rm_note, tag, untag) == (None,) * 9:
        from studylog.cli.editor import edit_in_editor

        edit_in_editor(entry_id)
        return
    from studylog.store import entries
    from studylog.store.entries import MAX_PERIOD_DAYS

    changes: dict[str, Any] = {}  # only what is given: None clears hours, [] unlinks every item
    if hours is not None:
        # up to 24 a day over the longest period: the store refuses a day above 24 hours
        changes["hours"] = None if hours.strip().lower() == "none" else parse_hours(hours, MAX_PERIOD_DAYS)
    if item is not None:
        changes["items"] = _edit_items(item)
    if note is not None:
        changes["notes"] = [] if [n.strip() for n in note] == [""] else everyday.notes(note)
    if add_note:
        changes["add_notes"] = everyday.notes(add_note)
    if rm_note:
        changes["remove_notes"] = rm_note
    if tag or untag:
        changes["tag"], changes["untag"] = everyday.tags(tag), everyday.tags(untag)
    period = parse_days(date_) if date_ is not None else None
    e = entries.edit_entry(open_store(), entry_id, today(), text=text, period=period, **changes)
    output.message(f"Edited #{e.id} {everyday.when(e, 'on ', 'over ')}: {everyday.describe(e)}{everyday.tagged(e)}")


def _edit_items(refs: list[str]) -> list[str]:
    """``edit --item`` as the items to link (none for 'none', which comes alone)."""
    from studylog.errors import UsageError

    if any(ref.strip().lower() == "none" for ref in refs):
        if len(refs) > 1:
            raise UsageError("--item none unlinks every item; give it alone", "or give only the items to link")
        return []
    index = items()
    return [index.resolve(ref).ref for ref in refs]


def rm(
    entry_ids: Annotated[
        list[int], typer.Argument(click_type=ENTRY_ID, help="The ids of goals or done items (12 or #12).")
    ],
) -> None:
    """Delete goals or done items, with their notes.

    All the entries of one rm go in one change: 'studylog undo' brings them back.

    Examples:
      studylog rm 12
      studylog rm 12 13 '#14'
    """
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
    limit: Annotated[
        int, typer.Option("--limit", metavar="N", help="With --list: at most N changes (0: all).", min=0)
    ] = 20,
    as_json: JsonOpt = False,
) -> None:
    """Revert your last change, or the change NUMBER.

    A change is what one command wrote: goal, done, edit, rm, drop, start, complete, skip, an
    import and the others. --list shows your recent changes with their numbers.

    Examples:
      studylog undo
      studylog undo --list
      studylog undo 41
    """
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
