"""The store's query functions that reports and exporters are built on, on a small hand-made
history (on PostgreSQL too, with STUDYLOG_TEST_BACKEND=postgresql)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest

from studylog.note import Note
from studylog.paths import database_target
from studylog.store import dump, exports, hours
from studylog.store.db import Store
from studylog.store.entries import add_goal, entry_counts, get_goal, goals_in
from studylog.store.hours import DoneHours, done_hours
from studylog.store.journal import change
from studylog.store.records import Done, Goal
from studylog.store.status import completions_by_day, count_completed, set_status

D = date.fromisoformat


@pytest.fixture
def store(isolated) -> Iterator[Store]:
    """A store (the suite's backend) holding:

    - 04-09: done dlc/1 1h (just before the range the tests read)
    - 04-10: done dlc/1 1.5h and 0.5h, done without an item 1h, a goal (with a note), a goal
      dropped the same day
    - 04-11: done karpathy/2 without hours over the period 04-08..04-11 (with notes): it counts as
      an entry on each of the period's days
    - 04-12: nothing
    - 04-13: done dlc/2 2h, a goal met that day
    - 04-14: done dlc/1 0.25h (just after the range)
    - another learner's done item on 04-10, which no query of this one's sees
    """
    s = Store(database_target(None), "tester", datetime(2024, 4, 18, 12))
    with change(s, "fixture") as ch:

        def add(owner: str, kind: str, day: str, text: str, **values) -> int:
            return ch.insert(
                "entry", {"owner": owner, "kind": kind, "day": D(day), "text": text, "created_at": s.now, **values}
            )

        add("tester", "done", "2024-04-09", "before", hours=1.0, item="dlc/1")
        add("tester", "done", "2024-04-10", "read", hours=1.5, item="dlc/1")
        add("tester", "done", "2024-04-10", "reread", hours=0.5, item="dlc/1")
        add("tester", "done", "2024-04-10", "unlinked", hours=1.0)
        goal = add("tester", "goal", "2024-04-10", "plan", item="dlc/1")
        ch.insert("note", {"entry_id": goal, "position": 0, "depth": 0, "text": "why"})
        add("tester", "goal", "2024-04-10", "dropped at once", dropped_on=D("2024-04-10"))
        timeless = add(
            "tester",
            "done",
            "2024-04-11",
            "watched",
            item="karpathy/2",
            period_start=D("2024-04-08"),
            period_end=D("2024-04-11"),
            source="til",
        )
        ch.insert("note", {"entry_id": timeless, "position": 1, "depth": 1, "text": "second"})
        ch.insert("note", {"entry_id": timeless, "position": 0, "depth": 0, "text": "first"})
        met = add("tester", "goal", "2024-04-13", "finish dlc/2", item="dlc/2", met_on=D("2024-04-13"))
        add("tester", "done", "2024-04-13", "finished", hours=2.0, item="dlc/2", goal_id=met)
        add("tester", "done", "2024-04-14", "after", hours=0.25, item="dlc/1")
        add("someone", "done", "2024-04-10", "theirs", hours=5.0, item="dlc/1")
    set_status(s, "dlc/2", "complete", D("2024-04-13"), "complete dlc/2")
    set_status(s, "dlc/1", "complete", D("2024-04-14"), "complete dlc/1")
    set_status(s, "karpathy/2", "started", D("2024-04-11"), "start karpathy/2")
    yield s
    s.close()


def test_done_hours_by_day_and_item_over_a_range(store):
    rows = done_hours(store, D("2024-04-10"), D("2024-04-13"))
    assert sorted(rows, key=lambda r: (r.day, r.item or "")) == [
        DoneHours(D("2024-04-10"), None, 1.0, 1),
        DoneHours(D("2024-04-10"), "dlc/1", 2.0, 2),
        DoneHours(D("2024-04-10"), "karpathy/2", 0.0, 1),  # each day of the period (cut by the range)
        DoneHours(D("2024-04-11"), "karpathy/2", 0.0, 1),  # a done item without hours still counts
        DoneHours(D("2024-04-13"), "dlc/2", 2.0, 1),
    ]
    assert all(isinstance(r.day, date) and isinstance(r.hours, float) for r in rows)


def test_the_range_includes_both_edges_and_nothing_outside(store):
    assert {r.day for r in done_hours(store, D("2024-04-09"), D("2024-04-09"))} == {D("2024-04-09")}
    assert {r.day for r in done_hours(store, D("2024-04-11"), D("2024-04-12"))} == {D("2024-04-11")}
    assert done_hours(store, D("2024-04-12"), D("2024-04-12")) == []
    assert {r.day for r in done_hours(store, D("2024-04-13"))} == {D("2024-04-13"), D("2024-04-14")}
    assert {r.day for r in done_hours(store, last=D("2024-04-09"))} == {D("2024-04-08"), D("2024-04-09")}
    assert len({r.day for r in done_hours(store)}) == 6  # 04-08 is in the period only


def test_done_hours_by_day_is_the_whole_day_oldest_first(store):
    assert done_hours(store, D("2024-04-09"), D("2024-04-14"), by="day") == [
        DoneHours(D("2024-04-09"), None, 1.0, 2),
        DoneHours(D("2024-04-10"), None, 3.0, 4),
        DoneHours(D("2024-04-11"), None, 0.0, 1),
        DoneHours(D("2024-04-13"), None, 2.0, 1),
        DoneHours(D("2024-04-14"), None, 0.25, 1),
    ]


def test_done_hours_by_item_linked_and_timed(store):
    every = {r.item: (r.hours, r.entries) for r in done_hours(store, by="item")}
    assert every == {"dlc/1": (3.25, 4), None: (1.0, 1), "karpathy/2": (0.0, 1), "dlc/2": (2.0, 1)}
    assert all(r.day is None for r in done_hours(store, by="item"))
    assert {r.item for r in done_hours(store, by="item", linked=True)} == {"dlc/1", "karpathy/2", "dlc/2"}
    assert {r.item for r in done_hours(store, by="item", timed=True)} == {"dlc/1", None, "dlc/2"}
    assert {r.item for r in done_hours(store, D("2024-04-10"), D("2024-04-11"), linked=True, timed=True)} == {"dlc/1"}


def test_done_hours_refuses_another_grouping(store):
    with pytest.raises(ValueError):
        done_hours(store, by="item; DROP TABLE entry")  # type: ignore[arg-type]


def test_the_folds(store):
    rows = done_hours(store, D("2024-04-10"), D("2024-04-13"))
    assert hours.per_day(rows) == {D("2024-04-10"): (3.0, 4), D("2024-04-11"): (0.0, 1), D("2024-04-13"): (2.0, 1)}
    assert hours.per_item(rows) == {"dlc/1": 2.0, None: 1.0, "karpathy/2": 0.0, "dlc/2": 2.0}
    assert hours.per_curriculum(rows) == {"dlc": 4.0, None: 1.0, "karpathy": 0.0}
    assert hours.per_day(done_hours(store, D("2024-04-10"), D("2024-04-13"), by="day")) == hours.per_day(rows)
    assert hours.curriculum_of("arena/1.2") == "arena" and hours.curriculum_of(None) is None


def test_study_days(store):
    assert hours.study_days(store, D("2024-04-13")) == [
        D("2024-04-08"),  # the period's first day
        D("2024-04-09"),
        D("2024-04-10"),
        D("2024-04-11"),
        D("2024-04-13"),
    ]
    assert hours.study_days(store, D("2024-04-11"), D("2024-04-10")) == [D("2024-04-10"), D("2024-04-11")]
    assert hours.study_days(store, D("2024-04-08")) == [D("2024-04-08")]
    assert hours.study_days(store, D("2024-04-07")) == []


def test_goals_of_a_range_come_with_their_notes(store):
    goals = goals_in(store, D("2024-04-10"), D("2024-04-13"))
    assert [g.text for g in goals] == ["plan", "finish dlc/2"]  # dropped on its own day: left out
    assert all(isinstance(g, Goal) for g in goals)
    assert list(goals[0].notes) == [Note("why", 0)]
    assert goals[1].met_on == D("2024-04-13") and goals[1].item == "dlc/2"
    assert goals == [get_goal(store, g.id) for g in goals]  # the same record whoever builds it
    assert goals_in(store, D("2024-04-11"), D("2024-04-12")) == []


def test_a_goal_made_by_the_store_reads_back_the_same(store):
    made = add_goal(store, "one more", D("2024-04-12"), "dlc/3", [Note("a"), Note("b", 1)])
    assert goals_in(store, D("2024-04-12"), D("2024-04-12")) == [made]


def test_counts_and_completions(store):
    assert tuple(entry_counts(store)) == (7, 3, 1)
    assert count_completed(store) == 2
    assert completions_by_day(store, D("2024-04-01"), D("2024-04-13")) == {D("2024-04-13"): 1}
    assert completions_by_day(store, D("2024-04-13"), D("2024-04-30")) == {D("2024-04-13"): 1, D("2024-04-14"): 1}


def test_export_queries(store):
    logged = exports.done_days(store, D("2024-04-10"), D("2024-04-11"))
    assert sorted(logged) == [
        exports.LoggedDay(D("2024-04-10"), None),
        exports.LoggedDay(D("2024-04-11"), (D("2024-04-08"), D("2024-04-11"))),
    ]
    entries = exports.done_entries(store, D("2024-04-10"), D("2024-04-13"))
    assert [e.text for e in entries] == ["read", "reread", "unlinked", "watched", "finished"]
    assert all(isinstance(e, Done) for e in entries)
    watched = entries[3]
    assert (watched.source, watched.period, list(watched.notes)) == (
        "til",
        (D("2024-04-08"), D("2024-04-11")),
        [Note("first", 0), Note("second", 1)],
    )
    period = exports.done_entries(store, None, None, period=(D("2024-04-08"), D("2024-04-11")))
    assert [e.text for e in period] == ["watched"]
    outside = exports.done_entries(store, D("2024-04-11"), D("2024-04-13"), outside_periods=True)
    assert [e.text for e in outside] == ["finished"]
    assert exports.entry_days(store, D("2024-04-10"), None) == [D(f"2024-04-{n}") for n in (14, 13, 11, 10)]


def test_dump_reads_every_entry_with_its_notes_in_keyset_batches(store):
    batches = list(dump.entry_batches(store, batch=3))
    assert [len(b) for b in batches] == [3, 3, 3, 1]
    ids = [e.id for b in batches for e in b]
    assert ids == sorted(ids) and len(set(ids)) == 10  # every entry of this learner, once
    by_text = {e.text: e for b in batches for e in b}
    assert "theirs" not in by_text
    assert [(n.depth, n.text) for n in by_text["watched"].notes] == [(0, "first"), (1, "second")]
    assert [n.text for n in by_text["plan"].notes] == ["why"] and by_text["read"].notes == []
    assert by_text["finished"].goal_id == by_text["finish dlc/2"].id
    assert [e.id for b in dump.entry_batches(store) for e in b] == ids  # one batch of 1000
    assert [s.item for s in dump.statuses(store)] == ["dlc/1", "dlc/2", "karpathy/2"]
    assert dump.status_items(store) == {"dlc/1", "dlc/2", "karpathy/2"}
    assert dump.has_entries(store) and len(dump.entry_identities(store)) == 10
    assert not dump.has_entries(store.for_owner("nobody")) and list(dump.entry_batches(store.for_owner("nobody"))) == []


def test_study_days_with_a_minimum_of_minutes(store):
    """streak.min_minutes: a day counts when its done hours reach the minimum, to the minute; the
    period 04-08..04-11 has no hours, so its days count only with any done item (minimum 0)."""
    assert hours.study_days(store, D("2024-04-14"), min_minutes=15) == [
        D("2024-04-09"),
        D("2024-04-10"),
        D("2024-04-13"),
        D("2024-04-14"),  # 0.25h: exactly 15 minutes
    ]
    assert hours.study_days(store, D("2024-04-14"), min_minutes=16) == [
        D("2024-04-09"),
        D("2024-04-10"),
        D("2024-04-13"),
    ]
    assert hours.study_days(store, D("2024-04-14"), min_minutes=121) == [D("2024-04-10")]  # 3h; 04-13 has 2h
    assert hours.study_days(store, D("2024-04-13"), D("2024-04-10"), min_minutes=120) == [
        D("2024-04-10"),
        D("2024-04-13"),
    ]
    assert hours.study_days(store, D("2024-04-14"), min_minutes=0) == hours.study_days(store, D("2024-04-14"))


def test_study_days_with_a_minimum_spread_a_period_over_its_days(store):
    """A period's hours count evenly over its days (as done_hours spreads them), not all on its
    last day: 4h over 04-15..04-18 is 1h a day."""
    with change(store, "period") as ch:
        ch.insert(
            "entry",
            {
                "owner": "tester",
                "kind": "done",
                "day": D("2024-04-18"),
                "text": "course",
                "hours": 4.0,
                "period_start": D("2024-04-15"),
                "period_end": D("2024-04-18"),
                "created_at": store.now,
            },
        )
    days = [D("2024-04-15"), D("2024-04-16"), D("2024-04-17"), D("2024-04-18")]
    assert hours.study_days(store, D("2024-04-18"), D("2024-04-15"), min_minutes=60) == days
    assert hours.study_days(store, D("2024-04-18"), D("2024-04-15"), min_minutes=61) == []
    assert hours.study_days(store, D("2024-04-16"), min_minutes=60)[-2:] == days[:2]  # the range cuts the period
    # the whole history agrees with done_hours by day, the sum each day is measured against
    for minimum in (1, 15, 30, 60, 90, 120, 180):
        summed = hours.per_day(done_hours(store, None, D("2024-04-18"), by="day"))
        expected = sorted(d for d, (h, _) in summed.items() if round(h * 60) >= minimum)
        assert hours.study_days(store, D("2024-04-18"), min_minutes=minimum) == expected, minimum
