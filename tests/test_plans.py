"""plan CURRICULUM --by DATE | --hours-per-week H, plan, plan rm; progress and next with plans (issue #16)."""

from __future__ import annotations

import pytest


@pytest.fixture
def dlc_going(cli):
    """dlc/1 (20-80h, 50h the middle) complete in 20h (ratio 0.4); 8h on dlc/2 in the last 4 weeks."""
    cli("complete", "dlc/1", "--date", "2024-03-10", "--hours", "20", ok=True)
    cli("done", "scaling laws", "--hours", "8", "--item", "dlc/2", "--date", "2024-04-10", ok=True)


def test_a_plan_that_is_behind(cli, dlc_going):
    out = cli("plan", "dlc", "--by", "2024-12-31", "--json", ok=True).json()
    # 7 chapters left at 50h x 0.4 = 20h each, less the 8h on dlc/2: 152h; 258 days to go
    assert (out["remaining_hours"], out["ratio"], out["ratio_items"]) == (152.0, 0.4, 1)
    assert out["needed_hours_per_week"] == round(152 / (258 / 7), 2)
    assert out["recent_hours_per_week"] == 2.0  # 8h over the last 4 weeks
    assert out["finish_at_pace"] == "2025-10-02"  # ceil(152 / (8 / 28)) = 532 days
    assert (out["state"], out["ahead_days"]) == ("behind", -275)
    line = cli("plan", ok=True).stdout
    assert "dlc plan by 2024-12-31: 152h left (your ×0.40 from 1 completed item); needs 4.12h a week" in " ".join(
        line.split()
    )
    assert "behind by 275 days" in " ".join(line.split())
    progress = cli("progress", "--json", ok=True).json()[0]
    assert progress["plan"]["state"] == "behind"
    assert "behind by 275 days" in " ".join(cli("progress", "dlc", ok=True).stdout.split())
    first = cli("next", "--json", ok=True).json()[0]
    assert first["ref"].startswith("dlc/") and first["why"][0] == "dlc is behind its plan by 275 days"


def test_a_plan_that_is_ahead(cli, dlc_going):
    out = cli("plan", "dlc", "--hours-per-week", "1", "--json", ok=True).json()
    # at 1h a week the 152h take 1064 days; at the recent 2h a week, 532
    assert (out["planned_finish"], out["finish_at_pace"], out["ahead_days"], out["state"]) == (
        "2027-03-18",
        "2025-10-02",
        532,
        "ahead",
    )
    assert cli("next", "--json", ok=True).json()[0]["why"][0] != "dlc is behind its plan by 275 days"


def test_plans_are_listed_replaced_and_removed(cli, dlc_going):
    assert cli("plan", ok=True).stdout.startswith("No plans yet")
    cli("plan", "dlc", "--by", "2024-12-31", ok=True)
    cli("plan", "dlc", "--hours-per-week", "6", ok=True)  # one plan a curriculum: this replaces it
    plans = cli("plan", "--json", ok=True).json()
    assert [(p["curriculum"], p["by"], p["hours_per_week"]) for p in plans] == [("dlc", None, 6.0)]
    assert cli("plan", "rm", "dlc", ok=True).stdout == "Removed the plan for dlc\n"
    assert cli("plan", "--json", ok=True).json() == []
    cli("undo", ok=True)
    assert len(cli("plan", "--json", ok=True).json()) == 1
    assert cli("progress", "karpathy", "--all", "--json", ok=True).json()[0]["plan"] is None


def test_a_plan_without_estimates_cannot_tell(cli):
    out = cli("plan", "karpathy", "--by", "in 8 weeks", "--json", ok=True).json()
    assert (out["by"], out["state"], out["unestimated"], out["needed_hours_per_week"]) == (
        "2024-06-13",
        "unknown",
        8,
        None,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["plan", "dlc"], "give --by DATE or --hours-per-week H"),
        (["plan", "dlc", "--by", "2025-01-01", "--hours-per-week", "3"], "give --by DATE or --hours-per-week H"),
        (["plan", "dlc", "--by", "2020-01-01"], "2020-01-01 is in the past"),
        (["plan", "dlc", "--by", "someday"], "cannot read 'someday' as a date"),
        (["plan", "dlc", "--hours-per-week", "200"], "more than 24 hours a day over 7 days"),
        (["plan", "nosuch", "--by", "2025-01-01"], "unknown curriculum 'nosuch'"),
        (["plan", "rm", "dlc"], "there is no plan for dlc"),  # not found: exit 1
        (["plan", "rm"], "plan rm takes one curriculum id"),
        (["plan", "dlc", "arena"], "plan takes one curriculum id"),
        (["plan", "--by", "2025-01-01"], "--by and --hours-per-week need a curriculum"),
    ],
)
def test_bad_input_is_one_line(cli, args, message):
    out = cli(*args, ok=False)
    assert out.exit_code == (1 if "there is no plan" in message else 2)
    assert message in out.stderr and out.stderr.count("\n") == 1
    assert cli("plan", "--json", ok=True).json() == []


def test_plans_go_into_the_backup_and_come_back(cli, tmp_path, switch_store):
    import json

    cli("plan", "dlc", "--by", "2024-12-31", ok=True)
    cli("plan", "karpathy", "--hours-per-week", "3", ok=True)
    backup = tmp_path / "b.json"
    cli("export", "json", "--out", str(backup), ok=True)
    assert [(p["curriculum"], p["by"], p["hours_per_week"]) for p in json.loads(backup.read_text())["plans"]] == [
        ("dlc", "2024-12-31", None),
        ("karpathy", None, 3.0),
    ]
    switch_store()
    cli("import", str(backup), ok=True)
    assert [(p["curriculum"], p["by"], p["hours_per_week"]) for p in cli("plan", "--json", ok=True).json()] == [
        ("dlc", "2024-12-31", None),
        ("karpathy", None, 3.0),
    ]
    cli("import", str(backup), ok=True)  # idempotent
    assert len(cli("plan", "--json", ok=True).json()) == 2
    data = json.loads(backup.read_text())
    data["plans"][0]["hours_per_week"] = 2
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    switch_store()
    out = cli("import", str(bad), ok=False)
    assert "plan 0: a plan has 'by' or 'hours_per_week', one of the two" in out.stderr
    assert cli("plan", "--json", ok=True).json() == []
