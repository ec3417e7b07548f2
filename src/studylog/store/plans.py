"""Plans (``plan``, schema 9): finish a curriculum by a day, or study it so many hours a week. One
a curriculum and learner; setting one again replaces it. Each change is one ``undo``."""

from __future__ import annotations

from datetime import date
from typing import Any

from studylog.errors import NotFoundError
from studylog.namedtuple import NamedTuple
from studylog.store.db import Store
from studylog.store.journal import change
from studylog.store.records import as_date

SINCE_SCHEMA = 9


class Plan(NamedTuple):
    curriculum: str
    by: date | None
    hours_per_week: float | None

    def to_json(self) -> dict[str, Any]:
        return {
            "curriculum": self.curriculum,
            "by": self.by.isoformat() if self.by else None,
            "hours_per_week": self.hours_per_week,
        }


def plans(store: Store) -> dict[str, Plan]:
    """The owner's plans, by curriculum id (none before schema 9)."""
    if store.schema_version < SINCE_SCHEMA:
        return {}
    rows = store.rows(
        "SELECT curriculum, by_date, hours_per_week FROM plan WHERE owner = :owner ORDER BY curriculum",
        owner=store.owner,
    )
    return {r["curriculum"]: Plan(r["curriculum"], as_date(r["by_date"]), r["hours_per_week"]) for r in rows}


def set_plan(store: Store, curriculum: str, by: date | None, hours_per_week: float | None) -> Plan:
    """Plan ``curriculum``: finish it ``by`` a day, or at ``hours_per_week`` (one of the two)."""
    with change(store, f"plan {curriculum}") as ch:
        row = store.one("SELECT id FROM plan WHERE owner = :owner AND curriculum = :c", owner=store.owner, c=curriculum)
        values = {"by_date": by, "hours_per_week": hours_per_week}
        if row is None:
            ch.insert("plan", {"owner": store.owner, "curriculum": curriculum, "created_at": store.now, **values})
        else:
            ch.update("plan", int(row["id"]), values)
    return Plan(curriculum, by, hours_per_week)


def remove_plan(store: Store, curriculum: str) -> Plan:
    with change(store, f"plan rm {curriculum}") as ch:
        found = plans(store).get(curriculum)
        if found is None:
            raise NotFoundError(f"there is no plan for {curriculum}", "'studylog plan' lists your plans")
        row = store.one("SELECT id FROM plan WHERE owner = :owner AND curriculum = :c", owner=store.owner, c=curriculum)
        assert row is not None
        ch.delete("plan", int(row["id"]))
    return found


def dump_rows(store: Store) -> list[dict[str, Any]]:
    """The owner's plans with the time each was made, as a backup holds them."""
    if store.schema_version < SINCE_SCHEMA:
        return []
    return store.rows(
        "SELECT curriculum, by_date, hours_per_week, created_at FROM plan WHERE owner = :owner ORDER BY curriculum",
        owner=store.owner,
    )


def insert_restored(
    store: Store, ch: Any, curriculum: str, by: date | None, hours_per_week: float | None, at: Any
) -> None:
    """Inside a restore's change: a plan the store does not have yet."""
    ch.insert(
        "plan",
        {
            "owner": store.owner,
            "curriculum": curriculum,
            "by_date": by,
            "hours_per_week": hours_per_week,
            "created_at": at,
        },
    )
