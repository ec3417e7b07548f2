"""What a bare ``studylog`` shows (the dashboard) and ``studylog status --format`` prints: one
plain dict built from figures the store already gave, so that text, JSON and a one-line format
are the same data. Pure: no store, no clock.

The fields of ``--format`` (``FIELDS``) are documented in docs/json.md and README."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

FIELDS = {
    "date": "today, as 2024-04-18",
    "today_hours": "hours logged today, as shown (1.5h)",
    "today_done": "done items today",
    "goals_open": "today's goals not met yet (carried over ones included)",
    "goals_met": "today's goals met",
    "week_hours": "hours this week (9.5h)",
    "week_target": "this week's target (15h), or empty",
    "week_left": "hours left to the week's target (5.5h), or empty",
    "left_today": "hours still to study today to stay on track, or empty",
    "streak": "the current streak in days",
    "timer": "the running timer's text, or empty",
    "timer_minutes": "minutes the timer has run, or empty",
    "next": "the first item to study next (dlc/2), or empty",
    "behind": "the curricula behind their plan, comma separated, or empty",
}


def status(
    day_view: Any,
    week_days: list[tuple[date, float]],
    streak: int,
    timer: dict[str, Any] | None,
    on_track: dict[str, Any] | None,
    suggestions: list[Any],
    plans: list[Any],
    carry_days: int,
) -> dict[str, Any]:
    """The dashboard as data: today, the week by day, the streak, the timer, next, plans."""
    goals = [*day_view.goals, *day_view.carried]
    week_hours = sum(h for _, h in week_days)
    target = on_track["target"] if on_track else None
    return {
        "date": day_view.day.isoformat(),
        "today": {
            "hours": day_view.total_hours,
            "done": [{"id": d.id, "text": d.text, "hours": d.hours, "item": d.item} for d in day_view.done],
            "goals": [
                {"id": g.id, "text": g.text, "state": g.state(day_view.day, carry_days), "item": g.item} for g in goals
            ],
        },
        "week": {
            "days": [{"date": d.isoformat(), "hours": round(h, 2)} for d, h in week_days],
            "hours": round(week_hours, 2),
            "target": target,
            "left": round(max(target - week_hours, 0.0), 2) if target is not None else None,
            "left_today": on_track["left_today"] if on_track else None,
        },
        "streak": streak,
        "timer": timer,
        "next": [{"ref": s.ref, "title": s.title, "why": s.reasons[0] if s.reasons else ""} for s in suggestions],
        "behind": [p.to_json() for p in plans if p.state == "behind"],
    }


def format_fields(data: dict[str, Any], hours: Any) -> dict[str, str]:
    """The ``--format`` fields of ``data`` (``status``), as text; ``hours`` formats hours."""
    goals = data["today"]["goals"]
    week = data["week"]
    timer = data["timer"]

    def h(value: float | None) -> str:
        return "" if value is None else (hours(value) or "0h")

    return {
        "date": data["date"],
        "today_hours": h(data["today"]["hours"]),
        "today_done": str(len(data["today"]["done"])),
        "goals_open": str(sum(1 for g in goals if g["state"] == "open")),
        "goals_met": str(sum(1 for g in goals if g["state"] == "met")),
        "week_hours": h(week["hours"]),
        "week_target": h(week["target"]),
        "week_left": h(week["left"]),
        "left_today": h(week["left_today"]),
        "streak": str(data["streak"]),
        "timer": timer["text"] if timer else "",
        "timer_minutes": str(timer["minutes"]) if timer else "",
        "next": data["next"][0]["ref"] if data["next"] else "",
        "behind": ",".join(p["curriculum"] for p in data["behind"]),
    }


def week_of(first: date, per_day: dict[date, float]) -> list[tuple[date, float]]:
    """The seven days from ``first`` with their hours (0 for a day without any)."""
    return [(first + timedelta(days=n), per_day.get(first + timedelta(days=n), 0.0)) for n in range(7)]
