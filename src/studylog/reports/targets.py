"""Weekly targets (``config set target.week 15h``, ``target.week.dlc 6h``): a week's hours
against them, and what is left today to stay on track. Pure functions over figures the week
report has already counted.

On track means the target's hours left, spread evenly over the week's days left (today
included): on Thursday of a 15h week with 9h logged before today, 1.5h today keeps it."""

from __future__ import annotations

from datetime import date
from typing import Any

from studylog.namedtuple import NamedTuple


class TargetProgress(NamedTuple):
    scope: str | None  # None: all study; else a curriculum id
    target: float
    hours: float

    @property
    def left(self) -> float:
        return max(self.target - self.hours, 0.0)

    @property
    def met(self) -> bool:
        return self.hours >= self.target - 1e-9

    def to_json(self) -> dict[str, Any]:
        return {
            "curriculum": self.scope,
            "target": round(self.target, 2),
            "hours": round(self.hours, 2),
            "left": round(self.left, 2),
            "met": self.met,
        }


def week_targets(
    targets: dict[str | None, float], total: float, per_curriculum: dict[str, float]
) -> list[TargetProgress]:
    """Each target set against the week's hours: all study first, then curricula by id."""
    out = [TargetProgress(None, targets[None], total)] if None in targets else []
    out += [
        TargetProgress(c, t, per_curriculum.get(c, 0.0)) for c, t in sorted((k, v) for k, v in targets.items() if k)
    ]
    return out


def left_today(target: float, before_today: float, today_hours: float, today: date, week_end: date) -> float:
    """Hours still to study today to stay on track for ``target`` this week (see the module)."""
    days_left = (week_end - today).days + 1
    if days_left <= 0:
        return 0.0
    needed = max(target - before_today, 0.0) / days_left
    return max(needed - today_hours, 0.0)
