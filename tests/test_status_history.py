"""Item status history (item_event), the guards on status changes, status that follows the log,
and ``done --complete``. Today is 2024-04-18."""

from __future__ import annotations

from datetime import date, datetime

import pytest


def _item(cli, ref: str) -> dict:
    items = cli("curricula", "show", ref.split("/")[0], "--json", ok=True).json()["items"]
    return next(i for i in items if i["ref"] == ref)


def _history(cli, ref: str) -> list[tuple[str, str]]:
    return [(e["event"], e["date"]) for e in _item(cli, ref)["history"]]


def _store():
    from studylog.paths import database_target
    from studylog.store.db import Store

    return Store(database_target(None), "tester", datetime(2024, 4, 18, 9))


def _rows() -> list[list[dict]]:
    store = _store()
    try:
        return [store.rows(f"SELECT * FROM {t} ORDER BY id") for t in ("entry", "item_status", "item_event")]
    finally:
        store.close()


def _refused(cli, *args: str, says: str, code: int = 1) -> None:
    """The command fails with one line saying ``says``, and writes nothing: exit 1 when the item's
    history says no, 2 when a date typed is refused (docs/errors.md)."""
    before = _rows()
    out = cli(*args)
    assert out.exit_code == code, (args, out.stdout, out.stderr)
    assert says in out.stderr and out.stderr.count("\n") == 1, out.stderr
    assert _rows() == before


# --- the history -------------------------------------------------------------------------------


def test_each_transition_is_kept_with_its_day(cli):
    cli("start", "dlc/7", "--date", "2024-04-01", ok=True)
    cli("complete", "dlc/7", "--date", "2024-04-08", ok=True)
    out = cli("start", "dlc/7", "--reopen", "--date", "2024-04-10", ok=True)
    assert out.stdout == "Reopened dlc/7 Chapter 7: Alignment on 2024-04-10\n"
    cli("complete", "dlc/7", "--date", "2024-04-15", ok=True)
    cli("skip", "dlc/5", "--date", "2024-04-16", ok=True)
    expected = [
        ("started", "2024-04-01"),
        ("completed", "2024-04-08"),
        ("reopened", "2024-04-10"),
        ("completed", "2024-04-15"),
    ]
    assert _history(cli, "dlc/7") == expected
    item = _item(cli, "dlc/7")
    assert (item["status"], item["started_on"], item["completed_on"]) == ("complete", "2024-04-10", "2024-04-15")
    assert _history(cli, "dlc/5") == [("skipped", "2024-04-16")]
    detail = cli("progress", "dlc", "--json", ok=True).json()[0]
    by_ref = {i["ref"]: i for i in detail["items"]}
    assert [(e["event"], e["date"]) for e in by_ref["dlc/7"]["history"]] == expected
    assert by_ref["dlc/1"]["history"] == []


def test_undo_takes_back_the_status_and_its_event(cli):
    cli("start", "dlc/2", "--date", "2024-04-01", ok=True)
    cli("complete", "dlc/2", "--date", "2024-04-05", ok=True)
    cli("start", "dlc/2", "--reopen", ok=True)
    assert cli("undo", ok=True).stdout.split(" (", 1)[1].rsplit(", ", 1)[0] == "reopen dlc/2"
    assert _history(cli, "dlc/2") == [("started", "2024-04-01"), ("completed", "2024-04-05")]
    assert (_item(cli, "dlc/2")["status"], _item(cli, "dlc/2")["completed_on"]) == ("complete", "2024-04-05")
    cli("undo", ok=True)
    assert _history(cli, "dlc/2") == [("started", "2024-04-01")]
    assert _item(cli, "dlc/2")["status"] == "started"
    cli("undo", ok=True)
    assert _history(cli, "dlc/2") == [] and _item(cli, "dlc/2")["status"] == "not started"
    cli("skip", "dlc/3", ok=True)
    cli("undo", ok=True)
    assert _history(cli, "dlc/3") == [] and _item(cli, "dlc/3")["status"] == "not started"


def test_a_completion_without_a_start_starts_it_the_same_day(cli):
    cli("complete", "dlc/1", "--date", "2024-04-03", ok=True)
    assert _history(cli, "dlc/1") == [("started", "2024-04-03"), ("completed", "2024-04-03")]
    shown = cli("curricula", "show", "dlc", ok=True).stdout
    assert "complete 2024-04-03" in shown and "started 2024-04-03" not in shown  # nothing more to say


def test_the_text_views_show_the_history(cli):
    cli("start", "dlc/7", "--date", "2024-04-01", ok=True)
    cli("complete", "dlc/7", "--date", "2024-04-08", ok=True)
    cli("start", "dlc/7", "--reopen", "--date", "2024-04-10", ok=True)
    for args in (["curricula", "show", "dlc"], ["progress", "dlc"]):
        lines = cli(*args, ok=True).stdout.splitlines()
        at = next(n for n, line in enumerate(lines) if line.startswith("dlc/7"))
        assert "started 2024-04-10" in lines[at], args
        block = "\n".join(lines[at : at + 4])
        for shown in ("started 2024-04-01", "completed 2024-04-08", "reopened 2024-04-10"):
            assert shown in block, (args, block)


def test_histories_is_one_query_for_a_curriculum():
    from studylog.store.status import histories, set_status

    store = _store()
    for n in range(1, 8):
        set_status(store, f"dlc/{n}", "started", date(2024, 4, n), "start")
        set_status(store, f"dlc/{n}", "complete", date(2024, 4, n + 1), "complete")
    set_status(store, "karpathy/1", "started", date(2024, 4, 1), "start")
    calls = []
    rows = store.rows

    def counting(*args, **kwargs):
        calls.append(args[0])
        return rows(*args, **kwargs)

    store.rows = counting  # type: ignore[method-assign]
    found = histories(store, "dlc")
    assert len(calls) == 1
    assert sorted(found) == [f"dlc/{n}" for n in range(1, 8)]
    assert [(e.event, e.day.day) for e in found["dlc/3"]] == [("started", 3), ("completed", 4)]
    store.close()


# --- the guards --------------------------------------------------------------------------------


def test_start_on_a_complete_item_needs_reopen(cli):
    cli("complete", "dlc/1", "--date", "2024-04-10", ok=True)
    _refused(cli, "start", "dlc/1", says="dlc/1 was completed on 2024-04-10; to work on it again: studylog start")
    _refused(cli, "start", "dlc/1", "--date", "2024-04-05", says="was completed on 2024-04-10")
    _refused(
        cli,
        "start",
        "dlc/1",
        "--reopen",
        "--date",
        "2024-04-09",
        says="dlc/1 cannot be reopened on 2024-04-09, before its completion on 2024-04-10",
    )
    cli("start", "dlc/1", "--reopen", ok=True)
    item = _item(cli, "dlc/1")
    assert (item["status"], item["started_on"], item["completed_on"]) == ("started", "2024-04-18", None)
    assert _history(cli, "dlc/1")[-2:] == [("completed", "2024-04-10"), ("reopened", "2024-04-18")]


@pytest.mark.parametrize("command", ["start", "complete", "skip"])
def test_status_dates_in_the_future_are_refused(cli, command):
    _refused(cli, command, "dlc/1", "--date", "tomorrow", says="2024-04-19 is in the future", code=2)
    assert _item(cli, "dlc/1")["status"] == "not started"


def test_no_completion_or_skip_before_the_start(cli):
    cli("start", "dlc/6", "--date", "2024-04-10", ok=True)
    _refused(
        cli,
        "complete",
        "dlc/6",
        "--date",
        "2024-04-09",
        says="dlc/6 cannot be completed on 2024-04-09, before its start on 2024-04-10",
    )
    _refused(cli, "complete", "dlc/6", "--date", "2024-04-01", "--hours", "3", says="before its start")
    _refused(cli, "skip", "dlc/6", "--date", "2024-04-09", says="cannot be skipped on 2024-04-09")
    cli("complete", "dlc/6", "--date", "2024-04-10", ok=True)  # the same day is fine


def test_a_complete_item_is_not_completed_again_or_skipped(cli):
    cli("complete", "dlc/1", "--date", "2024-04-10", ok=True)
    _refused(cli, "complete", "dlc/1", says="dlc/1 is already complete (on 2024-04-10)")
    _refused(cli, "skip", "dlc/1", says="dlc/1 was completed on 2024-04-10; skipping it would lose that")
    cli("skip", "dlc/2", "--date", "2024-04-12", ok=True)
    _refused(cli, "skip", "dlc/2", says="dlc/2 was already skipped on 2024-04-12")
    _refused(cli, "start", "dlc/2", "--date", "2024-04-11", says="before it was skipped on 2024-04-12")
    cli("start", "dlc/2", ok=True)  # changing one's mind after a skip is fine
    assert _history(cli, "dlc/2") == [("skipped", "2024-04-12"), ("started", "2024-04-18")]


def test_transition_problem_states_the_same_rules():
    from studylog.store.records import Status
    from studylog.store.status import transition_problem

    today = date(2024, 4, 18)
    done = Status("dlc/1", "complete", date(2024, 4, 1), date(2024, 4, 10), None)
    started = Status("dlc/2", "started", date(2024, 4, 5), None, None)
    assert transition_problem(None, "started", date(2024, 4, 1), today) is None
    assert transition_problem(None, "complete", date(2024, 4, 19), today) == (
        "2024-04-19 is in the future; an item's status dates are today or earlier"
    )
    assert transition_problem(None, "complete", date(2024, 4, 19)) is None  # no today, no future check
    assert transition_problem(done, "started", date(2024, 4, 12), today) == "dlc/1 was completed on 2024-04-10"
    assert transition_problem(done, "started", date(2024, 4, 12), today, reopen=True) is None
    assert transition_problem(done, "complete", date(2024, 4, 12), today) == "dlc/1 is already complete (on 2024-04-10)"
    assert transition_problem(started, "complete", date(2024, 4, 4), today) == (
        "dlc/2 cannot be completed on 2024-04-04, before its start on 2024-04-05"
    )
    assert transition_problem(started, "complete", date(2024, 4, 5), today) is None
    assert transition_problem(started, "started", date(2024, 4, 1), today) is None  # moves the start back


def test_set_status_keeps_working_for_existing_callers():
    from studylog.errors import ConflictError, UsageError
    from studylog.store.status import history, set_status

    store = _store()
    set_status(store, "dlc/1", "complete", date(2024, 4, 30), "complete dlc/1")  # no today: no future check
    with pytest.raises(ConflictError, match="already complete"):
        set_status(store, "dlc/1", "complete", date(2024, 5, 1), "again")
    with pytest.raises(UsageError, match="in the future"):
        set_status(store, "dlc/2", "started", date(2024, 4, 19), "start", today=date(2024, 4, 18))
    assert [(e.event, e.day) for e in history(store, "dlc/1")] == [
        ("started", date(2024, 4, 30)),
        ("completed", date(2024, 4, 30)),
    ]
    assert history(store, "dlc/2") == []
    store.close()


# --- status follows the log --------------------------------------------------------------------


def test_logged_work_starts_the_item_everywhere(cli):
    """The issue's case: hours logged with done --item left the item "not started" in curricula
    show and progress while next --json called it started."""
    cli("done", "watched the first half", "--item", "karpathy/1", "--hours", "1", "--date", "2024-04-10", ok=True)
    assert _item(cli, "karpathy/1")["status"] == "started"
    assert _item(cli, "karpathy/1")["started_on"] == "2024-04-10"
    progress = {i["ref"]: i for i in cli("progress", "karpathy", "--json", ok=True).json()[0]["items"]}
    assert (progress["karpathy/1"]["status"], progress["karpathy/1"]["started_on"]) == ("started", "2024-04-10")
    suggestion = cli("next", "karpathy", "--json", ok=True).json()[0]
    assert (suggestion["ref"], suggestion["status"]) == ("karpathy/1", "started")
    assert suggestion["why"][0] == "in progress since 2024-04-10"
    assert _history(cli, "karpathy/1") == [("started", "2024-04-10")]
    cli("undo", ok=True)  # the entry and the start it caused go together
    assert _item(cli, "karpathy/1")["status"] == "not started" and _history(cli, "karpathy/1") == []
    assert cli("next", "karpathy", "--json", ok=True).json()[0]["status"] == "not started"


def test_work_without_hours_starts_it_too(cli):
    cli("done", "skimmed the chapter", "-i", "dlc/3", "--date", "2024-04-12", ok=True)
    assert (_item(cli, "dlc/3")["status"], _item(cli, "dlc/3")["started_on"]) == ("started", "2024-04-12")


def test_earlier_work_moves_the_start_back(cli):
    cli("start", "dlc/7", "--date", "2024-04-10", ok=True)
    cli("done", "read ahead", "-i", "dlc/7", "-H", "2", "--date", "2024-04-04", ok=True)
    assert _item(cli, "dlc/7")["started_on"] == "2024-04-04"
    assert _history(cli, "dlc/7") == [("started", "2024-04-04")]  # the one start, moved back
    cli("done", "later work", "-i", "dlc/7", "-H", "2", "--date", "2024-04-12", ok=True)
    assert _item(cli, "dlc/7")["started_on"] == "2024-04-04"
    cli("complete", "dlc/7", "--date", "2024-04-14", ok=True)
    cli("done", "even earlier notes", "-i", "dlc/7", "--date", "2024-04-02", ok=True)
    item = _item(cli, "dlc/7")
    assert (item["status"], item["started_on"], item["completed_on"]) == ("complete", "2024-04-02", "2024-04-14")
    assert _history(cli, "dlc/7") == [("started", "2024-04-02"), ("completed", "2024-04-14")]
    cli("undo", ok=True)
    assert _item(cli, "dlc/7")["started_on"] == "2024-04-04"
    assert _history(cli, "dlc/7") == [("started", "2024-04-04"), ("completed", "2024-04-14")]


def test_work_before_a_reopening_and_on_skipped_items_changes_nothing(cli):
    cli("complete", "dlc/1", "--date", "2024-04-05", ok=True)
    cli("start", "dlc/1", "--reopen", "--date", "2024-04-12", ok=True)
    cli("done", "notes from before", "-i", "dlc/1", "--date", "2024-04-08", ok=True)
    assert _item(cli, "dlc/1")["started_on"] == "2024-04-12"
    cli("skip", "dlc/5", "--date", "2024-04-10", ok=True)
    cli("done", "a look anyway", "-i", "dlc/5", "-H", "1", ok=True)
    assert _item(cli, "dlc/5")["status"] == "skipped"
    assert _history(cli, "dlc/5") == [("skipped", "2024-04-10")]


def test_work_before_a_skip_stays_in_the_earlier_run(cli):
    cli("start", "dlc/9", "--date", "2024-04-01", ok=True)
    cli("skip", "dlc/9", "--date", "2024-04-05", ok=True)
    cli("start", "dlc/9", "--date", "2024-04-08", ok=True)
    cli("done", "old notes", "-i", "dlc/9", "--date", "2024-04-03", ok=True)
    assert _item(cli, "dlc/9")["started_on"] == "2024-04-08"
    cli("done", "right after the skip", "-i", "dlc/9", "--date", "2024-04-06", ok=True)
    assert _item(cli, "dlc/9")["started_on"] == "2024-04-06"
    assert _history(cli, "dlc/9") == [("started", "2024-04-01"), ("skipped", "2024-04-05"), ("started", "2024-04-06")]


def test_work_through_a_goal_starts_the_goals_item(cli):
    cli("goal", "finish makemore 4", "-i", "karpathy/5", "--date", "2024-04-15", ok=True)
    cli("done", "finished it", "--goal", "1", "--date", "2024-04-16", ok=True)
    assert (_item(cli, "karpathy/5")["status"], _item(cli, "karpathy/5")["started_on"]) == ("started", "2024-04-16")


def test_complete_with_hours_is_one_change(cli):
    cli("complete", "dlc/4", "--hours", "12", "--date", "2024-04-11", ok=True)
    assert _history(cli, "dlc/4") == [("started", "2024-04-11"), ("completed", "2024-04-11")]
    cli("undo", ok=True)
    assert _history(cli, "dlc/4") == [] and cli("log", "--json", ok=True).json() == []


def test_note_work_from_takes_many_items_at_once():
    from studylog.store.journal import change
    from studylog.store.status import all_statuses, note_work_from, set_status

    store = _store()
    set_status(store, "dlc/1", "started", date(2024, 4, 10), "start")
    set_status(store, "dlc/2", "skipped", date(2024, 4, 10), "skip")
    with change(store, "import") as ch:
        changed = note_work_from(
            store, ch, {"dlc/1": date(2024, 4, 3), "dlc/2": date(2024, 4, 3), "dlc/3": date(2024, 4, 4)}
        )
    assert changed == ["dlc/3", "dlc/1"]
    got = {k: (v.status, v.started_on) for k, v in all_statuses(store).items()}
    assert got == {
        "dlc/1": ("started", date(2024, 4, 3)),
        "dlc/2": ("skipped", None),
        "dlc/3": ("started", date(2024, 4, 4)),
    }
    store.close()


# --- done --complete ---------------------------------------------------------------------------


def test_done_complete_logs_and_completes_in_one_change(cli):
    out = cli("done", "finished chapter 2", "-H", "3", "-i", "dlc/2", "--complete", "--date", "2024-04-12", ok=True)
    assert out.stdout == "Done #1 on 2024-04-12: finished chapter 2 (3h, dlc/2); dlc/2 complete\n"
    item = _item(cli, "dlc/2")
    assert (item["status"], item["started_on"], item["completed_on"]) == ("complete", "2024-04-12", "2024-04-12")
    assert _history(cli, "dlc/2") == [("started", "2024-04-12"), ("completed", "2024-04-12")]
    assert cli("undo", ok=True).stdout.split(" (", 1)[1].rsplit(", ", 1)[0] == "done 'finished chapter 2' on 2024-04-12"
    assert cli("log", "--json", ok=True).json() == []
    assert _item(cli, "dlc/2")["status"] == "not started" and _history(cli, "dlc/2") == []


def test_done_complete_after_a_start_keeps_the_start(cli):
    cli("start", "dlc/6", "--date", "2024-04-01", ok=True)
    cli("done", "PPO works", "-i", "dlc/6", "--complete", ok=True)
    item = _item(cli, "dlc/6")
    assert (item["status"], item["started_on"], item["completed_on"]) == ("complete", "2024-04-01", "2024-04-18")


def test_done_complete_refusals_write_nothing(cli):
    _refused(cli, "done", "finished something", "--complete", says="--complete marks the entry's items complete")
    cli("complete", "dlc/1", "--date", "2024-04-10", ok=True)
    _refused(cli, "done", "finished it again", "-i", "dlc/1", "--complete", says="dlc/1 is already complete")
    _refused(cli, "done", "not yet", "-i", "dlc/3", "--complete", "--date", "tomorrow", says="in the future", code=2)


def test_done_complete_before_the_start_moves_the_start_back(cli):
    cli("start", "dlc/3", "--date", "2024-04-10", ok=True)
    cli("done", "it was done already", "-i", "dlc/3", "--complete", "--date", "2024-04-09", ok=True)
    assert _history(cli, "dlc/3") == [("started", "2024-04-09"), ("completed", "2024-04-09")]


def test_done_complete_through_a_goal(cli):
    cli("goal", "finish chapter 8", "-i", "dlc/8", "--date", "2024-04-17", ok=True)
    cli("done", "finished chapter 8", "--goal", "1", "--complete", ok=True)
    assert _item(cli, "dlc/8")["status"] == "complete"
