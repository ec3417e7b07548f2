"""Imported plans stay plans: goals older than the import's newest day lapse the day after their
own day (they were plans for that day, not dropped); goals of the newest day are current."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from conftest import SHARED
from studylog.imported import ImportedEntry
from studylog.paths import database_target
from studylog.store import imports
from studylog.store.db import Store
from studylog.store.entries import get_goal

NOTES = SHARED / "formats" / "daily-notes-goals-done.md"
D = date.fromisoformat


def open_test_store() -> Store:
    return Store(database_target(None), "tester", datetime(2024, 4, 18, 12))


def goals(store: Store) -> dict[str, tuple[str | None, str | None]]:
    """text -> (dropped_on, lapse_on) of every goal."""
    rows = store.rows("SELECT id FROM entry WHERE owner = :owner AND kind = 'goal'", owner=store.owner)
    found = {}
    for r in rows:
        g = get_goal(store, r["id"])
        found[g.text] = (
            g.dropped_on.isoformat() if g.dropped_on else None,
            g.lapse_on.isoformat() if g.lapse_on else None,
        )
    return found


def test_daily_notes_goals_lapse_unless_they_are_of_the_newest_day(cli):
    cli("import", "daily-notes", str(NOTES), ok=True)
    store = open_test_store()
    try:
        assert goals(store) == {
            # 2024-04-18: older than the notes' newest day, 2024-04-19
            "start part 5/8 karpathy lecture": (None, "2024-04-19"),
            "review some backprop notes": (None, "2024-04-19"),
            # 2024-04-19: current plans
            "1st pass of reading [DPO paper](https://arxiv.org/pdf/2305.18290.pdf)": (None, None),
            "skim [ORPO paper](https://arxiv.org/pdf/2403.07691v2.pdf)": (None, None),
            "finish part 5/8 karpathy lecture": (None, None),
        }
    finally:
        store.close()
    # nothing shows as dropped any more
    assert "drop" not in cli("log", ok=True).stdout


def goal(day: str, text: str) -> ImportedEntry:
    return ImportedEntry("goal", D(day), text, 1)


@pytest.mark.parametrize("batch", [1, 2, 1000])
def test_the_newest_day_is_known_only_at_the_end(isolated, monkeypatch, batch):
    """Ascending: each batch's newest day makes the goals of the day before it lapse, in the same change."""
    monkeypatch.setattr(imports, "BATCH", batch)
    entries = [
        goal("2024-04-01", "a"),
        goal("2024-04-01", "b"),
        goal("2024-04-02", "c"),
        ImportedEntry("done", D("2024-04-03"), "did d", 2),
        goal("2024-04-02", "e"),
        goal("2024-04-03", "f"),
    ]
    store = open_test_store()
    try:
        summary = imports.import_result(store, entries, "markdown")
        assert summary.added == 6
        assert goals(store) == {
            "a": (None, "2024-04-02"),
            "b": (None, "2024-04-02"),
            "c": (None, "2024-04-03"),
            "e": (None, "2024-04-03"),
            "f": (None, None),
        }
        changes = store.scalar("SELECT count(*) AS n FROM change")
        assert changes == 1  # the fix-ups are part of the import's change
    finally:
        store.close()


def test_undo_takes_the_lapses_back(cli):
    cli("import", "daily-notes", str(NOTES), ok=True)
    cli("undo", ok=True)
    assert cli("log", "--json", ok=True).json() == []
