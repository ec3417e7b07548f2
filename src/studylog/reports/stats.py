"""All-time totals: hours, per curriculum, per month; items completed; hours per study day."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from studylog.store.db import Store
from studylog.store.records import as_date


@dataclass(frozen=True)
class Stats:
    total_hours: float
    done_items: int
    goals: int
    goals_met: int
    study_days: int
    items_completed: int
    first_day: str | None
    last_day: str | None
    per_curriculum: list[tuple[str | None, float]]
    per_month: list[tuple[str, float]]

    @property
    def hours_per_study_day(self) -> float:
        return self.total_hours / self.study_days if self.study_days else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "total_hours": round(self.total_hours, 2),
            "done_items": self.done_items,
            "goals": self.goals,
            "goals_met": self.goals_met,
            "study_days": self.study_days,
            "items_completed": self.items_completed,
            "hours_per_study_day": round(self.hours_per_study_day, 2),
            "first_day": self.first_day,
            "last_day": self.last_day,
            "curricula": [{"id": cid, "hours": round(h, 2)} for cid, h in self.per_curriculum],
            "months": [{"month": m, "hours": round(h, 2)} for m, h in self.per_month],
        }


def stats(store: Store) -> Stats:
    owner = store.owner
    counts = (
        store.one(
            "SELECT sum(CASE WHEN kind = 'done' THEN 1 ELSE 0 END) AS done, "
            "sum(CASE WHEN kind = 'goal' THEN 1 ELSE 0 END) AS goals, "
            "sum(CASE WHEN kind = 'goal' AND met_on IS NOT NULL THEN 1 ELSE 0 END) AS met "
            "FROM entry WHERE owner = :owner",
            owner=owner,
        )
        or {}
    )
    days = store.rows(
        "SELECT day, sum(coalesce(hours, 0)) AS hours FROM entry WHERE owner = :owner "
        "AND kind = 'done' GROUP BY day ORDER BY day",
        owner=owner,
    )
    months: dict[str, float] = {}
    for row in days:
        key = as_date(row["day"]).strftime("%Y-%m")
        months[key] = months.get(key, 0.0) + float(row["hours"])
    per_item = store.rows(
        "SELECT item, sum(hours) AS hours FROM entry WHERE owner = :owner AND kind = 'done' "
        "AND hours IS NOT NULL GROUP BY item",
        owner=owner,
    )
    curricula: dict[str | None, float] = {}
    for row in per_item:
        cid = row["item"].split("/")[0] if row["item"] else None
        curricula[cid] = curricula.get(cid, 0.0) + float(row["hours"])
    completed = store.scalar(
        "SELECT count(*) AS n FROM item_status WHERE owner = :owner AND status = 'complete'", owner=owner
    )
    return Stats(
        total_hours=sum(float(r["hours"]) for r in days),
        done_items=int(counts.get("done") or 0),
        goals=int(counts.get("goals") or 0),
        goals_met=int(counts.get("met") or 0),
        study_days=len(days),
        items_completed=int(completed or 0),
        first_day=as_date(days[0]["day"]).isoformat() if days else None,
        last_day=as_date(days[-1]["day"]).isoformat() if days else None,
        per_curriculum=sorted(curricula.items(), key=lambda kv: (-kv[1], kv[0] or "~")),
        per_month=sorted(months.items()),
    )
