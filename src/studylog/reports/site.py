"""What the progress page (``export site``) shows, as the reports' own JSON: the same dictionaries
``calendar --json``, ``progress --json``, ``week --json`` and ``week --weeks N --json`` print, so
that every figure on the page is one a learner can check on the command line, and the latest done
items as the TIL page writes them (``exporters.til.page_text``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from studylog.curriculum.outline import Outlines
from studylog.store.db import Store

WEEKS = 26  # the hours-per-week chart: half a year
TIL_LINES = 8


def site_report(
    store: Store,
    catalog: Outlines,
    today: date,
    settings: dict[str, Any],
    url_for: Callable[[str], str | None],
    weeks: int = WEEKS,
    til_lines: int = TIL_LINES,
) -> dict[str, Any]:
    """The page's data: ``calendars`` (last year's and this year's, ``calendar --json``),
    ``progress`` (the curricula started, with their plans: ``progress --json``), ``trend`` (``week
    --weeks N --json``), ``week`` (this week: ``week --json`` without the timer) and ``til`` (the
    latest done entries as ``log --json`` has them, each with the ``page_text`` of the TIL page)."""
    from studylog.config import weekly_targets
    from studylog.exporters.til import DEFAULT_TEMPLATE, page_text
    from studylog.reports.calendar import year_calendar
    from studylog.reports.plans import plan_progress
    from studylog.reports.progress import progress
    from studylog.reports.week import week_report, week_trend
    from studylog.store.entries import log
    from studylog.store.plans import plans
    from studylog.store.records import Done

    week_start, rest = settings["week_start"], settings["rest_days_per_week"]
    years = [y for y in (today.year - 1, today.year) if y >= 1000]
    calendars = [year_calendar(store, y, today, week_start, rest).to_json() for y in years]
    found = plans(store)
    rows = [r for r in progress(store, catalog, today) if r.active]
    targets = weekly_targets(settings)
    week = week_report(store, today, today, week_start, rest, settings["carry_over_days"], None, targets)
    template = settings.get("til.hours_template", DEFAULT_TEMPLATE)
    latest = [
        e.entry
        for e in log(store, kind="done", limit=til_lines, today=today, carry_days=settings["carry_over_days"])
        if isinstance(e.entry, Done)
    ]
    return {
        "today": today.isoformat(),
        "calendars": calendars,
        "progress": [
            {**r.to_json(), "plan": plan_progress(found[r.id], r, today).to_json() if r.id in found else None}
            for r in rows
        ],
        "trend": week_trend(store, today, weeks, week_start, None, targets.get(None)).to_json(),
        "week": week.to_json(),
        "til": [{**d.to_json(), "page_text": page_text(d, url_for, template)} for d in latest],
    }
