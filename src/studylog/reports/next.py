"""What to study next: items in progress first, then items whose hard prerequisites are complete,
in the curriculum's order of importance, with items that completed work helps brought forward."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from studylog.curriculum.outline import CurriculumOutline, ItemOutline, Outlines
from studylog.store.records import Status

DONE = ("complete", "skipped")


@dataclass(frozen=True)
class Suggestion:
    ref: str
    title: str
    url: str | None
    estimate: tuple[float, float] | None
    duration: str | None
    status: str
    reasons: list[str]

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "title": self.title,
            "url": self.url,
            "status": self.status,
            "estimate_hours": {"low": self.estimate[0], "high": self.estimate[1]} if self.estimate else None,
            "duration": self.duration,
            "why": self.reasons,
        }


def _full(c: CurriculumOutline, ref: str) -> str:
    return ref if "/" in ref else f"{c.id}/{ref}"


def _suggest(c: CurriculumOutline, item: ItemOutline, status: str, reasons: list[str]) -> Suggestion:
    est = (item.estimate.low, item.estimate.high) if item.estimate else None
    return Suggestion(f"{c.id}/{item.id}", item.title, item.url, est, item.duration, status, reasons)


def for_curriculum(
    c: CurriculumOutline, statuses: dict[str, Status], worked: dict[str, date] | None = None
) -> list[Suggestion]:
    """This curriculum's items in the order to take them up. The status is the stored one (as
    ``progress`` and ``curricula show`` read it; logging work on an item starts it); ``worked``
    (the last day work was logged on each item) only adds when to the reasons."""
    worked = worked or {}
    state = {ref: st.status for ref, st in statuses.items()}
    in_progress, available = [], []
    helped_by: dict[str, list[str]] = {}
    for item in c.items:
        if state.get(f"{c.id}/{item.id}") == "complete":
            for target in item.helps:
                helped_by.setdefault(_full(c, target), []).append(f"{c.id}/{item.id}")
    ranked = sorted(i.importance for i in c.items if i.importance)
    for position, item in enumerate(c.items):
        ref = f"{c.id}/{item.id}"
        status = state.get(ref, "not started")
        if status == "started":
            since = statuses[ref].started_on
            why = [f"in progress since {since.isoformat()}" if since else "in progress"]
            if ref in worked:
                why.append(f"work logged on it, last on {worked[ref].isoformat()}")
            in_progress.append(((0, since.toordinal() if since else 0), _suggest(c, item, status, why)))
            continue
        if status in DONE:
            continue
        missing = [p for p in item.prerequisites if state.get(_full(c, p)) != "complete"]
        if missing:
            continue
        reasons = []
        if item.importance:
            reasons.append(f"importance {ranked.index(item.importance) + 1} of {len(ranked)} in {c.id}'s order")
        else:
            reasons.append("next in the curriculum's order")
        if item.prerequisites:
            reasons.append("prerequisites complete: " + ", ".join(_full(c, p) for p in item.prerequisites))
        helpers = helped_by.get(ref, [])
        if helpers:
            reasons.append("builds on " + ", ".join(helpers) + " (complete)")
        if item.optional:
            reasons.append("optional")
        key = (item.optional, item.importance or 10**6, not helpers, position)
        available.append((key, _suggest(c, item, status, reasons)))
    return [s for _, s in sorted(in_progress, key=lambda t: t[0])] + [
        s for _, s in sorted(available, key=lambda t: t[0])
    ]


def suggestions(
    catalog: Outlines,
    statuses: dict[str, Status],
    curriculum: str | None,
    limit: int,
    worked: dict[str, date] | None = None,
    behind: dict[str, int | None] | None = None,
) -> list[Suggestion]:
    """Up to ``limit`` suggestions for one curriculum; across curricula, the items in progress
    and the first available item of each curriculum the learner has started on (of every
    curriculum when they have started on none). The items of curricula ``behind`` their plan
    (id -> days behind, None when there is no pace to tell) come first, saying so."""
    if curriculum:
        return for_curriculum(catalog.curriculum(curriculum), statuses, worked)[:limit]
    return _behind_first(_across(catalog, statuses, worked), behind or {})[:limit]


def _behind_first(found: list[Suggestion], behind: dict[str, int | None]) -> list[Suggestion]:
    first, rest = [], []
    for s in found:
        cid = s.ref.split("/")[0]
        if cid in behind:
            days = behind[cid]
            why = f"{cid} is behind its plan by {-days} days" if days is not None else f"{cid} is behind its plan"
            first.append(replace(s, reasons=[why, *s.reasons]))
        else:
            rest.append(s)
    return first + rest


def _across(catalog: Outlines, statuses: dict[str, Status], worked: dict[str, date] | None) -> list[Suggestion]:
    active = {ref.split("/")[0] for ref in [*statuses, *(worked or {})]}
    chosen = [c for cid, c in sorted(catalog.curricula.items()) if not active or cid in active]
    out: list[Suggestion] = []
    for c in chosen:
        ordered = for_curriculum(c, statuses, worked)
        out += [s for s in ordered if s.status == "started"]
        first = next((s for s in ordered if s.status != "started"), None)
        if first:
            out.append(first)
    started = [s for s in out if s.status == "started"]
    return started + [s for s in out if s.status != "started"]
