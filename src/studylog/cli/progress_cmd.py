"""Looking ahead: progress, next, stats."""

from __future__ import annotations

from typing import Annotated

import typer

from studylog.cli.clock import today
from studylog.cli.options import HtmlOpt, JsonOpt, SvgOpt
from studylog.cli.output import Output, width
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
    """How far you are in each curriculum, and when you will finish.

    Per curriculum: items done, the percent done by estimate, hours logged against the
    estimate, the forecast finish (or the plan's, with 'studylog plan'). With CURRICULUM, its
    items one by one.

    Examples:
      studylog progress
      studylog progress dlc
      studylog progress -a --svg progress.svg
    """
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
    planned = _plans_of(store, by_owner[store.owner], current)
    if out.as_json:
        if all_owners:
            out.json({o: [r.to_json(with_items=curriculum is not None) for r in rows] for o, rows in by_owner.items()})
        else:
            out.json(
                [
                    {**r.to_json(with_items=curriculum is not None), "plan": _json(planned.get(r.id))}
                    for r in by_owner[store.owner]
                ]
            )
        return
    from studylog.render.progress import render_detail, render_overview, render_owners

    if all_owners:
        out.lines(render_owners(by_owner, width()))
        return
    rows = by_owner[store.owner]
    plans = list(planned.values())
    out.lines(render_detail(rows[0], plans, width()) if curriculum else render_overview(rows, plans, width()))


def _json(found):
    return found.to_json() if found is not None else None


def _plans_of(store, rows, current):
    """Each curriculum's progress against its plan, by id, for the rows that have one."""
    from studylog.reports.plans import plan_progress
    from studylog.store.plans import plans

    found = plans(store)
    return {r.id: plan_progress(found[r.id], r, current) for r in rows if r.id in found}


def next_(
    curriculum: CurriculumArg = None,
    limit: Annotated[int, typer.Option("--limit", metavar="N", min=1, help="Show at most N suggestions.")] = 5,
    as_json: JsonOpt = False,
    svg: SvgOpt = None,
    html: HtmlOpt = None,
) -> None:
    """What to study next, and why.

    The items of a curriculum behind its plan come first, then items in progress, then items
    whose prerequisites are done.

    Examples:
      studylog next
      studylog next dlc --limit 3
      studylog next --json
    """
    from studylog.reports.next import suggestions
    from studylog.store.status import all_statuses, last_worked

    out = Output(as_json, svg, html, "studylog next")
    cat, store = outlines(), open_store()
    from studylog.reports.plans import planned

    behind = {p.plan.curriculum: p.ahead_days for p in planned(store, cat, today()) if p.state == "behind"}
    found = suggestions(cat, all_statuses(store), curriculum, limit, last_worked(store), behind)
    if out.as_json:
        out.json([s.to_json() for s in found])
        return
    from studylog.render.progress import render_next

    out.lines(render_next(found, width(), links=out.links))


def stats(
    as_json: JsonOpt = False,
    svg: SvgOpt = None,
    html: HtmlOpt = None,
    by: Annotated[
        str | None, typer.Option("--by", metavar="tag", help="Also the hours per tag.", show_default=False)
    ] = None,
) -> None:
    """All-time totals: hours, items completed, hours per study day.

    The hours in all, per curriculum and per month (with --by tag, per tag too), the items
    completed, and the hours per day you studied.

    Examples:
      studylog stats
      studylog stats --by tag
      studylog stats --html stats.html
    """
    from studylog.reports.stats import check_by
    from studylog.reports.stats import stats as compute

    out = Output(as_json, svg, html, "studylog stats")
    check_by(by)
    result = compute(open_store(), by)
    if out.as_json:
        out.json(result.to_json())
        return
    from studylog.render.progress import render_stats

    out.lines(render_stats(result, width()))


def register(app: typer.Typer) -> None:
    app.command()(progress)
    app.command("next")(next_)
    app.command()(stats)
    app.command()(plan)


def plan(
    args: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[CURRICULUM | rm CURRICULUM]",
            help="A curriculum to plan (with --by or --hours-per-week); 'rm ID' removes its plan; none lists them.",
            show_default=False,
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar="DAY",
            help="Finish it by this day: 2025-06-30, 'next friday', 'in 8 weeks'.",
            show_default=False,
        ),
    ] = None,
    hours_per_week: Annotated[
        str | None,
        typer.Option(
            "--hours-per-week",
            metavar="HOURS",
            help="Or study it this many hours a week: 6, 4h30m.",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Plan when to finish a curriculum; list or remove plans.

    A plan says to finish by a day (--by) or to study so many hours a week (--hours-per-week);
    progress, next and the dashboard then say whether you are ahead or behind it.

    Examples:
      studylog plan dlc --by 2025-06-30
      studylog plan karpathy --hours-per-week 6
      studylog plan rm dlc
    """
    from studylog.cli import output
    from studylog.cli.parse import parse_day
    from studylog.errors import UsageError
    from studylog.store import plans as store_plans

    out = Output(as_json)
    words = args or []
    store, cat, current = open_store(), outlines(skip_broken=True), today()
    if words[:1] == ["rm"]:
        if len(words) != 2 or by or hours_per_week:
            raise UsageError("plan rm takes one curriculum id", "studylog plan rm dlc")
        removed = store_plans.remove_plan(store, cat.index.curriculum(words[1]))
        if out.as_json:
            out.json(removed.to_json())
            return
        output.message(f"Removed the plan for {removed.curriculum}")
        return
    if len(words) > 1:
        raise UsageError(f"plan takes one curriculum id, not {len(words)} words", "studylog plan dlc --by 2025-06-30")
    if words:
        cid = cat.index.curriculum(words[0])
        if (by is None) == (hours_per_week is None):
            raise UsageError("give --by DATE or --hours-per-week H", "for example: studylog plan dlc --by 2025-06-30")
        day = parse_day(by, ahead=True) if by is not None else None
        if day is not None and day < current:
            raise UsageError(f"{day.isoformat()} is in the past; a plan finishes today or later", "give a later --by")
        weekly = None
        if hours_per_week is not None:
            from studylog.hours import parse_hours

            weekly = parse_hours(hours_per_week, 7)
        store_plans.set_plan(store, cid, day, weekly)
    elif by or hours_per_week:
        raise UsageError("--by and --hours-per-week need a curriculum", "studylog plan dlc --by 2025-06-30")
    from studylog.reports.plans import planned

    rows = planned(store, cat, current, [cat.index.curriculum(words[0])] if words else None)
    if out.as_json:
        out.json([r.to_json() for r in rows] if not words else rows[0].to_json())
        return
    from studylog.render.progress import render_plans

    if not rows:
        output.message("No plans yet; make one with: studylog plan dlc --by 2025-06-30")
        return
    out.rich(render_plans(rows))
