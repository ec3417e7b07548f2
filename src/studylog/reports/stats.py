"""All-time totals: hours, per curriculum, per month; items completed; hours per study day."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from studylog.store.db import Store
from studylog.store.entries import entry_counts
from studylog.store.hours import done_hours, per_curriculum
from studylog.store.status import count_completed
from studylog.store.tags import TagHours

BY = ("tag",)  # what ``stats --by`` also breaks the hours down by


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
    per_tag: list[TagHours] | None = None  # stats --by tag: hours per tag (an entry counts under each of its tags)

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
            **({"tags": [t.to_json() for t in self.per_tag]} if self.per_tag is not None else {}),
        }


def check_by(by: str | None) -> None:
    """Refuse a ``stats --by`` that is not one of :data:`BY`."""
    if by is not None and by not in BY:
        from studylog.errors import UsageError

        raise UsageError(f"--by must be {' or '.join(map(repr, BY))}, not {by!r}", "try: studylog stats --by tag")


def stats(store: Store, by: str | None = None) -> Stats:
    """The all-time totals; ``by="tag"`` also the hours per tag."""
    check_by(by)
    counts = entry_counts(store)
    days = done_hours(store, by="day")  # oldest first
    months: dict[str, float] = {}
    for row in days:
        key = row.day.strftime("%Y-%m")  # type: ignore[union-attr]
        months[key] = months.get(key, 0.0) + row.hours
    curricula = per_curriculum(done_hours(store, by="item", timed=True))
    return Stats(
        total_hours=sum(r.hours for r in days),
        done_items=counts.done,
        goals=counts.goals,
        goals_met=counts.goals_met,
        study_days=len(days),
        items_completed=count_completed(store),
        first_day=days[0].day.isoformat() if days and days[0].day else None,
        last_day=days[-1].day.isoformat() if days and days[-1].day else None,
        per_curriculum=sorted(curricula.items(), key=lambda kv: (-kv[1], kv[0] or "~")),
        per_month=sorted(months.items()),
        per_tag=_per_tag(store) if by == "tag" else None,
    )


def _per_tag(store: Store) -> list[TagHours]:
    from studylog.store.tags import hours_by_tag

    return hours_by_tag(store)
