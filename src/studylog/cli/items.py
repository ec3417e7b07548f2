"""Items: their status (start, complete, skip), and the items of your lists (items)."""

from __future__ import annotations

from typing import Annotated

import typer

from studylog.cli import output
from studylog.cli.clock import today
from studylog.cli.options import DateOpt, JsonOpt
from studylog.cli.parse import parse_day, parse_hours
from studylog.cli.session import items, open_store

RefArg = Annotated[str, typer.Argument(help="Curriculum item: dlc/1, arena/0.2, karpathy/5 or an alias.")]


def _set(ref_text: str, status: str, date_: str | None, hours: str | None = None, reopen: bool = False) -> None:
    from studylog.store.marking import mark
    from studylog.store.status import get_status

    day = parse_day(date_)
    parsed_hours = parse_hours(hours)
    ref = items().resolve(ref_text)
    store = open_store()
    before = get_status(store, ref.ref) if reopen else None
    result, _ = mark(store, ref.ref, status, day, parsed_hours, ref.title, today=today(), reopen=reopen)
    reopened = before is not None and before.status == "complete"
    verb = {"started": "Reopened" if reopened else "Started", "complete": "Completed", "skipped": "Skipped"}[status]
    shown = {"started": result.started_on, "complete": result.completed_on, "skipped": result.skipped_on}[status]
    extra = f", {parsed_hours:g}h logged" if parsed_hours else ""
    output.message(f"{verb} {ref.ref} {ref.title} on {(shown or day).isoformat()}{extra}")
    assert result.status == status


def start(
    ref: RefArg,
    date_: DateOpt = None,
    reopen: Annotated[
        bool, typer.Option("--reopen", help="Start a complete item again (its completion stays in the history).")
    ] = False,
) -> None:
    """Mark a curriculum item started.

    Logging a done item for an item starts it too; an item already complete starts again only
    with --reopen.

    Examples:
      studylog start dlc/3
      studylog start makemore-4 -d monday
      studylog start dlc/1 --reopen
    """
    _set(ref, "started", date_, reopen=reopen)


def complete(
    ref: RefArg,
    date_: DateOpt = None,
    hours: Annotated[
        str | None,
        typer.Option(
            "--hours", "-H", metavar="HOURS", help="Also log these hours as a done item for it.", show_default=False
        ),
    ] = None,
) -> None:
    """Mark a curriculum item complete, with its hours if you like.

    Examples:
      studylog complete dlc/3
      studylog complete makemore-4 -H 2 -d yesterday
    """
    _set(ref, "complete", date_, hours)


def skip(ref: RefArg, date_: DateOpt = None) -> None:
    """Mark a curriculum item skipped: progress counts without it.

    Examples:
      studylog skip dlc/7
      studylog skip arena/0.2 -d 2024-04-18
    """
    _set(ref, "skipped", date_)


def items_(
    list_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[LIST]", help="A list or curriculum id (default: every list of your own).", show_default=False
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status", metavar="STATUS", help="Only items of this status: not-started, started, complete, skipped."
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", "-k", metavar="KIND", help="Only items of this kind: paper, talk, book, chapter..."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """List the items of your own lists, with status and hours.

    With LIST, the items of that list or curriculum only.

    Examples:
      studylog items
      studylog items reading --status not-started
      studylog items dlc -k chapter --json
    """
    from typing import get_args

    from studylog.cli.output import Output
    from studylog.cli.session import catalog
    from studylog.curriculum.model import ItemKind
    from studylog.errors import UsageError
    from studylog.reports.curricula import STATUSES, items_listing
    from studylog.reports.progress import hours_by_item
    from studylog.store.status import all_statuses

    out = Output(as_json)
    wanted = None
    if status is not None:
        wanted = status.strip().lower().replace("-", " ")
        if wanted not in STATUSES:
            raise UsageError(
                f"--status must be one of {', '.join(s.replace(' ', '-') for s in STATUSES)}, not {status!r}"
            )
    kinds = get_args(ItemKind)
    if kind is not None and kind.strip().lower() not in kinds:
        raise UsageError(f"--kind must be one of {', '.join(kinds)}, not {kind!r}")
    cat = catalog()
    lists = [cat.curriculum(list_id).id] if list_id else sorted(cat.user_ids)
    store = open_store()
    statuses = all_statuses(store, lists[0]) if len(lists) == 1 else all_statuses(store)
    rows = items_listing(
        cat, lists, statuses, hours_by_item(store), wanted, kind.strip().lower() if kind is not None else None
    )
    if out.as_json:
        out.json(rows)
        return
    if not lists:
        from studylog.paths import user_curricula_dir

        output.message(
            f"You have no lists of your own yet: put a YAML file in {user_curricula_dir()} "
            "(see README, 'your own curricula'), or give a curriculum id: studylog items dlc"
        )
        return
    if not rows:
        output.message("No items match.")
        return
    from studylog.render.curricula import render_items

    out.lines(render_items(rows, output.width(), links=out.links))


def register(app: typer.Typer) -> None:
    for fn in (start, complete, skip):
        app.command()(fn)
    app.command("items")(items_)
