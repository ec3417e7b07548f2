"""A curriculum's progress against its plan (``plan dlc --by 2025-06-30`` or ``--hours-per-week
6``): the work left, the hours a week it needs, the recent pace, and ahead or behind by how many
days. Pure: it reads a ``progress.CurriculumProgress`` and the plan.

The work left is the estimates of the items not complete, less the hours logged on them, scaled
by the learner's own actual/estimate ratio on completed items once there is one (``ratio_items``
says from how many items); items without an estimate are left out and counted. Ahead or behind
compares the day the recent pace (the last 4 weeks) finishes with the plan's day: ``--by``'s, or
the day ``--hours-per-week`` would finish."""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

from studylog.curriculum.outline import Outlines
from studylog.namedtuple import NamedTuple
from studylog.reports.progress import PACE_DAYS, CurriculumProgress, progress
from studylog.store.db import Store
from studylog.store.plans import Plan, plans


class PlanProgress(NamedTuple):
    plan: Plan
    title: str
    remaining_hours: float
    unestimated: int
    ratio: float | None
    ratio_items: int  # completed items (with an estimate and hours) the ratio comes from
    recent_per_week: float
    needed_per_week: float | None  # to finish by the plan's day (None: a plan by hours a week)
    finish_at_pace: date | None  # at the recent pace (None: no recent pace, or nothing left)
    planned_finish: date | None  # the plan's day, or the day its hours a week would finish
    ahead_days: int | None  # positive: ahead of plan; negative: behind; None: cannot tell
    state: str  # "done", "ahead", "on track", "behind", or "unknown"

    def to_json(self) -> dict[str, Any]:
        return {
            **self.plan.to_json(),
            "title": self.title,
            "remaining_hours": round(self.remaining_hours, 2),
            "unestimated": self.unestimated,
            "ratio": round(self.ratio, 2) if self.ratio is not None else None,
            "ratio_items": self.ratio_items,
            "recent_hours_per_week": round(self.recent_per_week, 2),
            "needed_hours_per_week": round(self.needed_per_week, 2) if self.needed_per_week is not None else None,
            "finish_at_pace": self.finish_at_pace.isoformat() if self.finish_at_pace else None,
            "planned_finish": self.planned_finish.isoformat() if self.planned_finish else None,
            "ahead_days": self.ahead_days,
            "state": self.state,
        }


def plan_progress(plan: Plan, p: CurriculumProgress, today: date) -> PlanProgress:
    remaining = p.remaining_hours
    recent = p.recent_hours / (PACE_DAYS / 7)
    finished = [i for i in p.items if i.status == "complete" and i.weight and i.hours]
    needed = planned = None
    if plan.by is not None:
        planned = plan.by
        days_left = (plan.by - today).days + 1
        needed = remaining / (days_left / 7) if days_left > 0 else math.inf
    elif plan.hours_per_week:
        planned = today + timedelta(days=math.ceil(remaining / (plan.hours_per_week / 7))) if remaining > 0 else today
    at_pace = p.forecast if remaining > 0 else today
    if remaining <= 0 and p.total - p.skipped > 0 and p.complete == p.total - p.skipped:
        state, ahead = "done", None
    elif remaining <= 0 and p.unestimated:
        state, ahead, needed = "unknown", None, None  # nothing estimated is left, but items without estimates are
    elif at_pace is None or planned is None:
        state, ahead = "behind" if planned is not None and remaining > 0 else "unknown", None
    else:
        ahead = (planned - at_pace).days
        state = "ahead" if ahead > 0 else "on track" if ahead == 0 else "behind"
    if needed is not None and math.isinf(needed):
        needed = None
        state = "behind" if remaining > 0 else state
    return PlanProgress(
        plan, p.title, remaining, p.unestimated, p.ratio, len(finished), recent, needed, at_pace, planned, ahead, state
    )


def planned(store: Store, catalog: Outlines, today: date, only: list[str] | None = None) -> list[PlanProgress]:
    """Each plan of the owner (or those of ``only``) against the curriculum's progress, by id; a
    plan for a curriculum no longer there is left out (doctor's to say)."""
    found = plans(store)
    return [
        plan_progress(found[cid], progress(store, catalog, today, cid)[0], today)
        for cid in found
        if (only is None or cid in only) and cid in catalog.curricula
    ]
