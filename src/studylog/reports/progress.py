"""How far a learner is through each curriculum, and when they will finish at their recent pace.

Estimates are honest: an item without an estimate is not given one (a video's length is how long
it plays, not how long it takes to learn from it), and progress says how many such items there
are. Skipped items leave the count. Percent complete is weighted by the items' estimated hours
(the middle of a range) when every item counted has an estimate, and is the share of items
complete otherwise (``by``: "estimate" or "items"). The hours left are the estimates of the items
not complete, less what is logged on each, scaled by the learner's own actual/estimate ratio on
completed items when there is one; they leave out the items without estimates (``unestimated``
says how many), and the forecast divides them by the hours logged on the curriculum over the
last 28 days.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from studylog.curriculum.index import reading_keys
from studylog.curriculum.outline import CurriculumOutline, ItemOutline, Outlines
from studylog.store.db import Store
from studylog.store.hours import done_hours, per_item
from studylog.store.records import ItemEvent, Status
from studylog.store.status import all_statuses, histories

PACE_DAYS = 28


@dataclass(frozen=True)
class ItemProgress:
    ref: str
    title: str
    status: str
    started_on: date | None
    completed_on: date | None
    skipped_on: date | None
    hours: float
    estimate: tuple[float, float] | None
    weight: float | None  # the estimate's middle; None: no estimate
    history: tuple[ItemEvent, ...] = ()  # its status transitions, oldest first
    # readings (dlc/1/r1...): recommended done, recommended, optional done, optional
    readings: tuple[int, int, int, int] = (0, 0, 0, 0)

    @property
    def ratio(self) -> float | None:
        """Hours logged over the estimate, when it has both."""
        return self.hours / self.weight if self.weight and self.hours else None

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "title": self.title,
            "status": self.status,
            "started_on": _iso(self.started_on),
            "completed_on": _iso(self.completed_on),
            "skipped_on": _iso(self.skipped_on),
            "hours": round(self.hours, 2),
            "estimate_hours": {"low": self.estimate[0], "high": self.estimate[1]} if self.estimate else None,
            "ratio": round(self.ratio, 2) if self.ratio is not None else None,
            "history": [e.to_json() for e in self.history],
            "readings": dict(
                zip(("recommended_done", "recommended", "optional_done", "optional"), self.readings, strict=True)
            ),
        }


@dataclass(frozen=True)
class CurriculumProgress:
    id: str
    title: str
    total: int
    complete: int
    started: int
    skipped: int
    percent: float
    hours: float
    estimated_hours: float
    ratio: float | None
    recent_hours: float
    remaining_hours: float
    forecast: date | None
    forecast_note: str
    items: list[ItemProgress]
    unestimated: int = 0  # items counted (not skipped) without an estimate
    by: str = "estimate"  # what percent is weighted by: "estimate" (every item has one) or "items"

    @property
    def active(self) -> bool:
        return bool(self.complete or self.started or self.skipped or self.hours)

    def to_json(self, with_items: bool = False) -> dict[str, Any]:
        data = {
            "id": self.id,
            "title": self.title,
            "total": self.total,
            "complete": self.complete,
            "started": self.started,
            "skipped": self.skipped,
            "percent": round(self.percent, 1),
            "percent_by": self.by,
            "unestimated": self.unestimated,
            "hours": round(self.hours, 2),
            "estimated_hours": round(self.estimated_hours, 2),
            "ratio": round(self.ratio, 2) if self.ratio is not None else None,
            "recent_hours": round(self.recent_hours, 2),
            "remaining_hours": round(self.remaining_hours, 2),
            "forecast": _iso(self.forecast),
            "forecast_note": self.forecast_note,
        }
        if with_items:
            data["items"] = [i.to_json() for i in self.items]
        return data


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def hours_by_item(store: Store, since: date | None = None) -> dict[str, float]:
    """Hours logged per curriculum item (items with hours only): all-time hours by item (the
    item index), or, for the days ``since``, hours by day and item (so that the day index leads).
    Hours logged on a reading (``dlc/1/r1``) count toward its item."""
    from studylog.curriculum.index import reading_item

    if since is None:
        rows = done_hours(store, by="item", linked=True, timed=True)
    else:
        rows = done_hours(store, since, linked=True, timed=True)
    out: dict[str, float] = {}
    for item, h in per_item(rows).items():
        if item is not None:
            key = reading_item(item)
            out[key] = out.get(key, 0.0) + h
    return out


def _weights(items: Sequence[ItemOutline]) -> list[float | None]:
    """Each item's estimated hours (the middle of its range); None for an item without one."""
    return [i.estimate.mid if i.estimate else None for i in items]


def _readings_done(ref: str, counts: tuple[int, int], statuses: dict[str, Status]) -> tuple[int, int, int, int]:
    """(recommended done, recommended, optional done, optional) of the item ``ref``'s readings."""
    recommended, optional = counts
    done = {"r": 0, "o": 0}
    for key in reading_keys(recommended, optional):
        st = statuses.get(f"{ref}/{key}")
        done[key[0]] += st is not None and st.status == "complete"
    return done["r"], recommended, done["o"], optional


def curriculum_progress(
    c: CurriculumOutline,
    statuses: dict[str, Status],
    hours: dict[str, float],
    recent: dict[str, float],
    today: date,
    history: dict[str, list[ItemEvent]] | None = None,
) -> CurriculumProgress:
    """One curriculum's progress; ``history`` (item -> its status events) fills in the items'."""
    history = history or {}
    items = []
    for item, weight in zip(c.items, _weights(c.items), strict=True):
        ref = f"{c.id}/{item.id}"
        st = statuses.get(ref)
        est = (item.estimate.low, item.estimate.high) if item.estimate else None
        items.append(
            ItemProgress(
                ref,
                item.title,
                st.status if st else "not started",
                st.started_on if st else None,
                st.completed_on if st else None,
                st.skipped_on if st else None,
                hours.get(ref, 0.0),
                est,
                weight,
                tuple(history.get(ref, ())),
                _readings_done(ref, item.readings, statuses),
            )
        )
    counted = [i for i in items if i.status != "skipped"]
    estimated = [i for i in counted if i.weight is not None]
    complete = [i for i in counted if i.status == "complete"]
    by = "estimate" if counted and len(estimated) == len(counted) else "items"
    if by == "estimate":
        denominator = sum(i.weight or 0.0 for i in counted)
        percent = 100.0 * sum(i.weight or 0.0 for i in complete) / denominator if denominator else 0.0
    else:
        percent = 100.0 * len(complete) / len(counted) if counted else 0.0
    finished = [i for i in complete if i.weight and i.hours]
    ratio = (sum(i.hours for i in finished) / sum(i.weight or 0.0 for i in finished)) if finished else None
    left = [i for i in estimated if i.status != "complete"]
    remaining = sum(max((i.weight or 0.0) * (ratio or 1.0) - i.hours, 0.0) for i in left)
    recent_hours = sum(h for ref, h in recent.items() if ref.startswith(f"{c.id}/"))
    unestimated = len(counted) - len(estimated)
    unknown = sum(1 for i in counted if i.weight is None and i.status != "complete")
    if not estimated and unknown:
        forecast, note = (
            None,
            f"no estimates to forecast from ({unknown} item{'s' if unknown != 1 else ''} left without one)",
        )
    else:
        forecast, note = _forecast(remaining, recent_hours, today)
        if unknown and remaining > 0:
            note += f"; leaves out {unknown} item{'s' if unknown != 1 else ''} without an estimate"
    return CurriculumProgress(
        c.id,
        c.title,
        len(items),
        sum(i.status == "complete" for i in items),
        sum(i.status == "started" for i in items),
        sum(i.status == "skipped" for i in items),
        percent,
        sum(i.hours for i in items),
        sum(i.weight or 0.0 for i in estimated),
        ratio,
        recent_hours,
        remaining,
        forecast,
        note,
        items,
        unestimated,
        by,
    )


def _forecast(remaining: float, recent_hours: float, today: date) -> tuple[date | None, str]:
    if remaining <= 0:
        return None, "nothing left"
    if recent_hours <= 0:
        return None, f"no recent pace (nothing logged in the last {PACE_DAYS // 7} weeks)"
    per_day = recent_hours / PACE_DAYS
    days = math.ceil(remaining / per_day)
    return today + timedelta(
        days=days
    ), f"at {recent_hours / (PACE_DAYS / 7):.1f}h a week over the last {PACE_DAYS // 7} weeks"


def progress(store: Store, catalog: Outlines, today: date, curriculum: str | None = None) -> list[CurriculumProgress]:
    """Progress for one curriculum (with each item's status history), or every curriculum, in id
    order."""
    statuses = all_statuses(store, curriculum)
    events = histories(store, curriculum) if curriculum else {}
    hours = hours_by_item(store)
    recent = hours_by_item(store, since=today - timedelta(days=PACE_DAYS - 1))
    chosen = (
        [catalog.curriculum(curriculum)] if curriculum else [catalog.curricula[k] for k in sorted(catalog.curricula)]
    )
    return [curriculum_progress(c, statuses, hours, recent, today, events) for c in chosen]
