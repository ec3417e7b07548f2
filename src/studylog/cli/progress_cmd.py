"""Looking ahead: progress, next, stats."""

from __future__ import annotations

from typing import Annotated

import typer

from studylog.cli import context as cx
from studylog.cli.views import JsonOpt

SvgOpt = Annotated[
    str | None, typer.Option("--svg", help="Also save what is shown as an SVG picture.", show_default=False)
]
HtmlOpt = Annotated[
    str | None, typer.Option("--html", help="Also save what is shown as an HTML page.", show_default=False)
]
CurriculumArg = Annotated[
    str | None, typer.Argument(help="A curriculum id, e.g. dlc (default: all).", show_default=False)
]


def progress(
    curriculum: CurriculumArg = None,
    all_: Annotated[bool, typer.Option("--all", "-a", help="Include curricula you have not started.")] = False,
    all_owners: Annotated[
        bool, typer.Option("--all-owners", help="Every learner in a shared store, side by side.")
    ] = False,
    as_json: JsonOpt = False,
    svg: SvgOpt = None,
    html: HtmlOpt = None,
) -> None:
    """Per curriculum: items done, percent by estimate, hours vs estimate, forecast finish."""
    from studylog.reports.progress import progress as compute

    store, cat, today = cx.open_store(), cx.outlines(), cx.today()
    owners = store.owners() if all_owners else [store.owner]
    by_owner = {}
    for owner in owners:
        rows = compute(store.for_owner(owner), cat, today, curriculum)
        by_owner[owner] = [r for r in rows if r.active] if curriculum is None and not all_ else rows
    if as_json:
        if all_owners:
            cx.echo_json(
                {o: [r.to_json(with_items=curriculum is not None) for r in rows] for o, rows in by_owner.items()}
            )
        else:
            cx.echo_json([r.to_json(with_items=curriculum is not None) for r in by_owner[store.owner]])
        return
    from studylog.render.progress import render_detail, render_overview, render_owners

    if all_owners:
        cx.show(render_owners(by_owner), svg, html, "studylog progress")
        return
    rows = by_owner[store.owner]
    cx.show(render_detail(rows[0]) if curriculum else render_overview(rows), svg, html, "studylog progress")


def next_(
    curriculum: CurriculumArg = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many suggestions.")] = 5,
    as_json: JsonOpt = False,
    svg: SvgOpt = None,
    html: HtmlOpt = None,
) -> None:
    """What to study next, and why: items in progress, then items whose prerequisites are done."""
    from studylog.reports.next import suggestions
    from studylog.store.status import all_statuses, last_worked

    cat, store = cx.outlines(), cx.open_store()
    found = suggestions(cat, all_statuses(store), curriculum, limit, last_worked(store))
    if as_json:
        cx.echo_json([s.to_json() for s in found])
        return
    from studylog.render.progress import render_next

    cx.show(render_next(found), svg, html, "studylog next")


def stats(as_json: JsonOpt = False, svg: SvgOpt = None, html: HtmlOpt = None) -> None:
    """All-time totals: hours, per curriculum, per month; items completed; hours per study day."""
    from studylog.reports.stats import stats as compute

    result = compute(cx.open_store())
    if as_json:
        cx.echo_json(result.to_json())
        return
    from studylog.render.progress import render_stats

    cx.show(render_stats(result), svg, html, "studylog stats")


def register(app: typer.Typer) -> None:
    app.command()(progress)
    app.command("next")(next_)
    app.command()(stats)
