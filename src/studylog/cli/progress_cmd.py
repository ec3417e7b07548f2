"""Looking ahead: progress, next, stats."""

from __future__ import annotations

from typing import Annotated

import typer

from studylog.cli.clock import today
from studylog.cli.options import HtmlOpt, JsonOpt, SvgOpt
from studylog.cli.output import Output
from studylog.cli.session import open_store, outlines

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
    from studylog.cli.errors import warn_broken
    from studylog.reports.progress import progress as compute

    out = Output(as_json, svg, html, "studylog progress")
    store, cat, current = open_store(), outlines(skip_broken=True), today()  # a broken file is named
    warn_broken(cat.broken)
    owners = store.owners() if all_owners else [store.owner]
    by_owner = {}
    for owner in owners:
        rows = compute(store.for_owner(owner), cat, current, curriculum)
        by_owner[owner] = [r for r in rows if r.active] if curriculum is None and not all_ else rows
    if out.as_json:
        if all_owners:
            out.json({o: [r.to_json(with_items=curriculum is not None) for r in rows] for o, rows in by_owner.items()})
        else:
            out.json([r.to_json(with_items=curriculum is not None) for r in by_owner[store.owner]])
        return
    from studylog.render.progress import render_detail, render_overview, render_owners

    if all_owners:
        out.rich(render_owners(by_owner))
        return
    rows = by_owner[store.owner]
    out.rich(render_detail(rows[0]) if curriculum else render_overview(rows))


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

    out = Output(as_json, svg, html, "studylog next")
    cat, store = outlines(), open_store()
    found = suggestions(cat, all_statuses(store), curriculum, limit, last_worked(store))
    if out.as_json:
        out.json([s.to_json() for s in found])
        return
    from studylog.render.progress import render_next

    out.rich(render_next(found))


def stats(
    as_json: JsonOpt = False,
    svg: SvgOpt = None,
    html: HtmlOpt = None,
    by: Annotated[
        str | None, typer.Option("--by", help="Also the hours per tag: --by tag.", show_default=False)
    ] = None,
) -> None:
    """All-time totals: hours, per curriculum, per month (--by tag: per tag); items completed;
    hours per study day."""
    from studylog.reports.stats import check_by
    from studylog.reports.stats import stats as compute

    out = Output(as_json, svg, html, "studylog stats")
    check_by(by)
    result = compute(open_store(), by)
    if out.as_json:
        out.json(result.to_json())
        return
    from studylog.render.progress import render_stats

    out.rich(render_stats(result))


def register(app: typer.Typer) -> None:
    app.command()(progress)
    app.command("next")(next_)
    app.command()(stats)
