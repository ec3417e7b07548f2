"""Plans stay plans: an unmet goal is carried over for ``carry_over_days`` (14 by default) and then
lapses; ``log``, ``day``, ``week`` and ``today`` tell every goal's state (open, met, dropped,
lapsed) alike, as of today; ``drop`` takes several ids and ``--older-than``. Today is 2024-04-18."""

from __future__ import annotations

import pytest


def _states_everywhere(cli, day: str) -> dict[str, dict[int, str]]:
    """Each goal's state as ``log``, ``day DAY`` and ``week DAY`` tell it."""
    log = {e["id"]: e["state"] for e in cli("log", "--kind", "goal", "--json", ok=True).json()}
    view = cli("day", day, "--json", ok=True).json()
    shown = {g["id"]: g["state"] for g in view["goals"] + view["carried_over"]}
    week = {g["id"]: g["state"] for g in cli("week", day, "--json", ok=True).json()["goals"]}
    return {"log": log, "day": shown, "week": week}


def test_an_unmet_goal_is_carried_for_fourteen_days_then_lapses(cli):
    cli("goal", "read the DPO paper", "--date", "2024-04-04", ok=True)  # 14 days ago
    cli("goal", "skim ORPO", "--date", "2024-04-03", ok=True)  # 15 days ago
    today = cli("today", "--json", ok=True).json()
    assert [(g["id"], g["state"]) for g in today["carried_over"]] == [(1, "open")]
    assert today["carried_over"][0]["lapses_on"] == "2024-04-19"
    log = {e["id"]: e["state"] for e in cli("log", "--json", ok=True).json()}
    assert log == {1: "open", 2: "lapsed"}
    assert "lapsed" in cli("log", ok=True).stdout
    # the day it was set, it shows as it stands now: lapsed, as in the log
    day3 = cli("day", "2024-04-03", "--json", ok=True).json()
    assert [(g["id"], g["state"]) for g in day3["goals"]] == [(2, "lapsed")]
    assert "(lapsed)" in cli("day", "2024-04-03", ok=True).stdout
    # but on the days within its window it was carried over
    assert [g["id"] for g in cli("day", "2024-04-17", "--json", ok=True).json()["carried_over"]] == [2, 1]


def test_carry_over_days_is_a_setting(cli):
    cli("config", "set", "carry_over_days", "2", ok=True)
    cli("goal", "a", "--date", "2024-04-16", ok=True)
    cli("goal", "b", "--date", "2024-04-15", ok=True)
    assert [g["id"] for g in cli("today", "--json", ok=True).json()["carried_over"]] == [1]
    cli("config", "set", "carry_over_days", "0", ok=True)
    assert cli("today", "--json", ok=True).json()["carried_over"] == []
    out = cli("config", "set", "carry_over_days", "4000", ok=False)
    assert out.exit_code != 0 and out.stderr.count("\n") == 1


def test_every_view_agrees_on_each_goal_state(cli):
    cli("goal", "met later", "--date", "2024-04-15", ok=True)  # 1
    cli("goal", "dropped", "--date", "2024-04-15", ok=True)  # 2
    cli("goal", "still open", "--date", "2024-04-16", ok=True)  # 3
    cli("goal", "long gone", "--date", "2024-03-30", ok=True)  # 4: lapsed (but shown in no week of this test)
    cli("done", "did it", "--goal", "1", "--date", "2024-04-17", ok=True)
    cli("drop", "2", ok=True)
    seen = _states_everywhere(cli, "2024-04-16")
    expected = {1: "met", 2: "dropped", 3: "open"}
    assert {k: v for k, v in seen["log"].items() if k != 4} == expected
    assert seen["log"][4] == "lapsed"
    assert seen["day"] == expected
    assert seen["week"] == {**expected}
    week = cli("week", "2024-04-16", "--json", ok=True).json()
    assert (week["goals_set"], week["goals_met"]) == (3, 1)


def test_drop_several_ids_in_one_change(cli):
    for day in ("2024-04-10", "2024-04-11", "2024-04-12"):
        cli("goal", f"goal of {day}", "--date", day, ok=True)
    out = cli("drop", "1", "3", ok=True)
    assert out.stdout == "Dropped 2 goals: #1, #3\n"
    states = {e["id"]: e["state"] for e in cli("log", "--json", ok=True).json()}
    assert states == {1: "dropped", 2: "open", 3: "dropped"}
    cli("undo", ok=True)
    assert {e["state"] for e in cli("log", "--json", ok=True).json()} == {"open"}


def test_drop_refuses_the_lot_when_one_cannot_be_dropped(cli):
    cli("goal", "a", ok=True)
    cli("goal", "b", ok=True)
    cli("done", "did b", "--goal", "2", ok=True)
    out = cli("drop", "1", "2", ok=False)
    assert out.exit_code != 0 and "goal 2 was met on 2024-04-18" in out.stderr and out.stderr.count("\n") == 1
    assert {e["id"]: e["state"] for e in cli("log", "--kind", "goal", "--json", ok=True).json()} == {
        1: "open",
        2: "met",
    }
    assert cli("drop", "99", ok=False).stderr.startswith("studylog: error: no entry 99")


@pytest.mark.parametrize("age", ["7", "7d", "1w"])
def test_drop_older_than(cli, age):
    cli("goal", "old", "--date", "2024-04-01", ok=True)
    cli("goal", "older", "--date", "2024-03-01", ok=True)
    cli("goal", "recent", "--date", "2024-04-15", ok=True)
    cli("goal", "met", "--date", "2024-04-02", ok=True)
    cli("done", "x", "--goal", "4", "--date", "2024-04-03", ok=True)
    out = cli("drop", "--older-than", age, ok=True)
    assert out.stdout == "Dropped 2 goals: #2, #1\n"
    states = {e["id"]: e["state"] for e in cli("log", "--kind", "goal", "--json", ok=True).json()}
    assert states == {1: "dropped", 2: "dropped", 3: "open", 4: "met"}
    assert cli("drop", "--older-than", age, ok=True).stdout == f"No unmet goals older than {age}.\n"


def test_drop_needs_ids_or_an_age(cli):
    out = cli("drop", ok=False)
    assert out.exit_code != 0 and out.stderr.count("\n") == 1 and "--older-than" in out.stderr
    out = cli("drop", "--older-than", "soon", ok=False)
    assert out.exit_code != 0 and "not an age in days" in out.stderr and out.stderr.count("\n") == 1
