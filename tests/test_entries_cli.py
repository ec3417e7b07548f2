"""goal, done, drop, edit, rm, undo through the command line, with fixed dates."""

from __future__ import annotations

import pytest

from conftest import user_curriculum


def test_goal_and_done_show_in_today_json(cli):
    cli("goal", "finish part 5/8 karpathy lecture", "--item", "makemore-4", ok=True)
    cli("done", "reviewed backprop notes", "--hours", "1h30m", "--note", "cs231n", "--note", "\tcolah", ok=True)
    out = cli("done", "worked through lecture 5", "-H", "2", "--goal", "1", ok=True)
    assert out.stdout == "Done #3 on 2024-04-18: worked through lecture 5 (2h, karpathy/5); goal #1 met\n"
    data = cli("today", "--json", ok=True).json()
    assert data["date"] == "2024-04-18"
    assert data["total_hours"] == 3.5
    assert [(g["id"], g["text"], g["item"], g["met"]) for g in data["goals"]] == [
        (1, "finish part 5/8 karpathy lecture", "karpathy/5", True)
    ]
    assert [(d["id"], d["hours"], d["item"]) for d in data["done"]] == [(2, 1.5, None), (3, 2.0, "karpathy/5")]
    assert data["done"][0]["notes"] == [{"text": "cs231n", "depth": 0}, {"text": "colah", "depth": 1}]
    assert data["carried_over"] == []


def test_open_goals_carry_over_until_met_or_dropped(cli):
    cli("goal", "read DPO paper", "--date", "2024-04-16", ok=True)
    cli("goal", "skim ORPO", "--date", "2024-04-16", ok=True)
    carried = cli("day", "2024-04-17", "--json", ok=True).json()["carried_over"]
    assert [g["id"] for g in carried] == [1, 2]
    cli("done", "read DPO", "--goal", "1", "--date", "2024-04-17", ok=True)
    cli("drop", "2", ok=True)  # dropped today (2024-04-18)
    day17 = cli("day", "2024-04-17", "--json", ok=True).json()
    assert [(g["id"], g["met"]) for g in day17["carried_over"]] == [(1, True), (2, False)]
    today = cli("today", "--json", ok=True).json()
    assert today["carried_over"] == []
    assert cli("day", "2024-04-16", "--json", ok=True).json()["goals"][0]["met"] is False


def test_future_goals_allowed_future_done_refused(cli):
    cli("goal", "start dlc/2", "--date", "tomorrow", ok=True)
    out = cli("done", "x", "--date", "tomorrow", ok=False)
    assert out.exit_code == 2
    assert out.stderr.startswith("studylog: error: 2024-04-19 is in the future")
    assert cli("log", "--json", ok=True).json()[0]["date"] == "2024-04-19"


def test_hours_cap_per_day(cli):
    cli("done", "a", "-H", "20", ok=True)
    out = cli("done", "b", "-H", "5", ok=False)
    assert "more than 24 hours" in out.stderr
    assert len(cli("log", "--json").json()) == 1


def test_dates_and_hours_forms(cli):
    for when, hours, expected_day, expected_hours in [
        ("yesterday", "90m", "2024-04-17", 1.5),
        ("monday", "1:30", "2024-04-15", 1.5),
        ("last thursday", "2.5", "2024-04-11", 2.5),
        ("3 days ago", "1h", "2024-04-15", 1.0),
        ("Apr 10", "45min", "2024-04-10", 0.75),
        ("18 April 2024", "2", "2024-04-18", 2.0),
    ]:
        out = cli("done", f"on {when}", "--date", when, "--hours", hours, ok=True)
        assert f"on {expected_day}" in out.stdout
        entry = cli("log", "--json", "--limit", "1", "--since", expected_day, "--until", expected_day).json()
        assert any(e["hours"] == expected_hours for e in cli("log", "--json").json() if e["date"] == expected_day)
        assert entry


def test_edit_and_rm_and_undo(cli):
    cli("goal", "g", ok=True)
    cli("done", "first", "-H", "1", "--goal", "1", ok=True)
    cli("edit", "2", "--text", "first, revised", "--hours", "2", "--item", "dlc/1", "--date", "yesterday", ok=True)
    entry = cli("log", "--json", "--kind", "done").json()[0]
    assert (entry["text"], entry["hours"], entry["item"], entry["date"]) == (
        "first, revised",
        2.0,
        "dlc/1",
        "2024-04-17",
    )
    cli("edit", "2", "--hours", "none", "--item", "none", ok=True)
    entry = cli("log", "--json", "--kind", "done").json()[0]
    assert (entry["hours"], entry["item"]) == (None, None)
    out = cli("rm", "2", ok=True)
    assert out.stdout.startswith("Removed #2")
    goal = cli("log", "--json").json()[0]
    assert goal["kind"] == "goal" and goal["met_on"] is None  # removing the only done item un-meets the goal
    assert cli("undo", ok=True).stdout.split(" (", 1)[1].rsplit(", ", 1)[0] == "rm entry 2 'first, revised'"
    assert [e["id"] for e in cli("log", "--json").json()] == [1, 2]
    assert cli("log", "--json").json()[0]["met_on"] == "2024-04-18"


def test_undo_each_kind_of_change_in_order(cli):
    cli("goal", "g", ok=True)
    cli("done", "d", "-H", "1", ok=True)
    cli("complete", "dlc/1", "--hours", "3", ok=True)
    assert cli("undo", ok=True).stdout.split(" (", 1)[1].rsplit(", ", 1)[0] == "complete dlc/1"
    assert cli("curricula", "show", "dlc", "--json").json()["items"][0]["status"] == "not started"
    assert [e["text"] for e in cli("log", "--json").json()] == ["d", "g"]
    assert cli("undo", ok=True).stdout.split(" (", 1)[1].rsplit(", ", 1)[0] == "done 'd' on 2024-04-18"
    assert cli("undo", ok=True).stdout.split(" (", 1)[1].rsplit(", ", 1)[0] == "goal 'g' for 2024-04-18"
    out = cli("undo", ok=False)
    assert out.stderr == "studylog: error: nothing to undo\n"


def test_log_filters(cli):
    cli("done", "transformer", "-i", "dlc/1", "-H", "3", "--date", "2024-04-01", ok=True)
    cli("done", "cnn", "-i", "week0_d2_cnn", "-H", "2", "--date", "2024-04-10", ok=True)
    cli("goal", "rl", "-i", "arena2/2.1", "--date", "2024-04-12", ok=True)
    ids = lambda *a: [e["id"] for e in cli("log", "--json", *a, ok=True).json()]  # noqa: E731
    assert ids() == [3, 2, 1]
    assert ids("--since", "2024-04-05") == [3, 2]
    assert ids("--until", "2024-04-10") == [2, 1]
    assert ids("--curriculum", "arena2") == [3, 2]
    assert ids("--item", "w0d2") == [2]
    assert ids("--kind", "goal") == [3]
    assert ids("--limit", "1") == [3]
    entry = cli("log", "--json", "--item", "dlc/1").json()[0]
    assert set(entry) >= {"id", "kind", "date", "text", "hours", "item", "notes"}


def test_bad_input_one_line_on_stderr_and_nothing_written(cli):
    cases = [
        (("done", "x", "--item", "dlc/10"), 2, "unknown item 'dlc/10'; did you mean dlc/1?"),
        (("done", "x", "--hours", "-1"), 2, "hours must be more than 0"),
        (("done", "x", "--hours", "0"), 2, "hours must be more than 0"),
        (("done", "x", "--hours", "25"), 2, "more than 24 hours"),
        (("done", "x", "--hours", "lots"), 2, "cannot read 'lots' as hours"),
        (("done", "x", "--date", "someday"), 2, "cannot read 'someday' as a date"),
        (("done", "x", "--date", "2024-02-30"), 2, "invalid date '2024-02-30'"),
        (("done", "  "), 2, "the text is empty"),
        (("done", "x", "--goal", "99"), 1, "no entry 99"),
        (("goal", "x", "--item", "nosuch/1"), 2, "unknown item 'nosuch/1'"),
        (("edit", "5", "--text", "y"), 1, "no entry 5"),
        (("rm", "7"), 1, "no entry 7"),
        (("drop", "3"), 1, "no entry 3"),
        (("start", "makemore4"), 2, "did you mean makemore-4"),
        (("complete", "dlc/1", "--date", "tomorrow"), 2, "is in the future"),
        (("log", "--since", "2024-04-10", "--until", "2024-04-01"), 2, "is after --until"),
        (("log", "--kind", "goals"), 2, "--kind must be 'goal' or 'done'"),
        (("curricula", "show", "dcl"), 2, "unknown curriculum 'dcl'; did you mean dlc?"),
    ]
    for args, code, message in cases:
        out = cli(*args)
        assert out.exit_code == code, (args, out.exit_code, out.stderr)
        assert message in out.stderr, (args, out.stderr)
        assert out.stderr.count("\n") == 1 and out.stderr.startswith("studylog: error: "), out.stderr
        assert "Traceback" not in out.stderr + out.stdout
    assert cli("log", "--json", ok=True).json() == []


def test_goal_id_must_be_a_goal(cli):
    cli("done", "d", ok=True)
    out = cli("done", "e", "--goal", "1", ok=False)
    assert "entry 1 is a done item, not a goal" in out.stderr
    out = cli("drop", "1", ok=False)
    assert "not a goal" in out.stderr


def test_drop_twice_and_drop_met_goal(cli):
    cli("goal", "g", ok=True)
    cli("drop", "1", ok=True)
    assert "already dropped" in cli("drop", "1", ok=False).stderr
    cli("goal", "h", ok=True)
    cli("done", "did h", "--goal", "2", ok=True)
    assert "was met on 2024-04-18" in cli("drop", "2", ok=False).stderr


def test_owner_separates_learners(cli):
    cli("done", "mine", ok=True)
    cli("done", "theirs", ok=True, env={"STUDYLOG_OWNER": "someone-else"})
    assert [e["text"] for e in cli("log", "--json").json()] == ["mine"]
    assert (
        cli("rm", "2", ok=False).stderr
        == "studylog: error: no entry 2; see the ids with 'studylog log' or 'studylog today'\n"
    )


def test_editing_a_done_item_onto_an_item_starts_that_item(cli):
    cli("done", "read chapter 2", "-H", "2", "--date", "2024-04-16", ok=True)
    assert cli("curricula", "show", "dlc", "--json", ok=True).json()["items"][1]["status"] == "not started"
    cli("edit", "1", "--item", "dlc/2", ok=True)
    item = cli("curricula", "show", "dlc", "--json", ok=True).json()["items"][1]
    assert (item["ref"], item["status"], item["started_on"]) == ("dlc/2", "started", "2024-04-16")
    cli("undo", ok=True)
    assert cli("curricula", "show", "dlc", "--json", ok=True).json()["items"][1]["status"] == "not started"


def test_rm_takes_several_ids_as_printed_in_one_undoable_change(cli):
    cli("goal", "read the DPO paper", ok=True)
    cli("done", "read the DPO paper", "-H", "1", "--goal", "1", "--note", "section 2", ok=True)
    cli("done", "notes on it", "-H", "0.5", ok=True)
    cli("done", "kept", ok=True)
    out = cli("rm", "#2", "1", "#3", "2", ok=True).stdout.splitlines()  # a repeated id is removed once
    assert [line.split(" from ")[0] for line in out] == ["Removed #2", "Removed #1", "Removed #3"]
    assert [e["text"] for e in cli("log", "--json").json()] == ["kept"]
    undid = cli("undo", ok=True).stdout
    assert "rm entries 2, 1, 3" in undid
    log = {e["id"]: e for e in cli("log", "--json").json()}
    assert sorted(log) == [1, 2, 3, 4]
    assert log[1]["met_on"] == "2024-04-18" and log[2]["goal"] == 1  # the goal met by its done item again
    assert [n["text"] for n in log[2]["notes"]] == ["section 2"]


def test_rm_of_several_with_an_unknown_id_removes_none(cli):
    cli("done", "a", ok=True)
    cli("done", "b", ok=True)
    bad = cli("rm", "1", "#9", "2", ok=False)
    assert bad.exit_code == 1 and bad.stderr.startswith("studylog: error: no entry 9")
    assert len(cli("log", "--json").json()) == 2
    assert cli("rm", "#0", ok=False).exit_code == 2  # not an id at all


def test_done_url_links_the_item_with_that_url_however_it_is_written(cli, isolated):
    """Issue #14: ``done --url`` finds the item by its URL in any curriculum or list of one's own;
    the same page written another way (another branch, www., a tracking parameter) is the same."""
    blob = "https://www.github.com/jacobhilton/deep_learning_curriculum/blob/main/1-Transformers.md?utm_source=x"
    out = cli("done", "read the transformer chapter", "--url", blob, "-H", "2", ok=True).stdout
    assert "dlc/1" in out
    user_curriculum(
        isolated,
        "reading.yaml",
        "id: reading\ntitle: Reading\nitems:\n"
        "  - {id: dpo, title: DPO, kind: paper, url: 'https://arxiv.org/abs/2305.18290'}\n"
        "  - {id: orpo, title: ORPO, kind: paper, url: 'https://arxiv.org/abs/2403.07691'}\n",
    )
    # the learner's own notes link the PDF: the same paper as its abstract page, any version
    cli("done", "1st pass of the DPO paper", "--url", "https://arxiv.org/pdf/2305.18290v2.pdf", ok=True)
    assert [e["item"] for e in cli("log", "--json").json()] == ["reading/dpo", "dlc/1"]
    user_curriculum(
        isolated,
        "more.yaml",
        "id: more\ntitle: More\nitems:\n  - {id: dpo, title: DPO, kind: paper, url: 'https://arxiv.org/html/2305.18290'}\n",
    )
    bad = cli("done", "again", "--url", "https://arxiv.org/abs/2305.18290", ok=False)
    assert bad.exit_code == 2
    assert bad.stderr.startswith("studylog: error: several items have the URL https://arxiv.org/abs/2305.18290: ")
    assert "more/dpo" in bad.stderr and "reading/dpo" in bad.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ("--url", "https://example.org/not-an-item"),
            "no curriculum item has the URL https://example.org/not-an-item",
        ),
        (("--url", "https://youtu.be/VMj-3S1tku0", "--item", "dlc/1"), "give --item or --url, not both"),
        (("--url", "not a url"), "no curriculum item has the URL not a url"),
    ],
)
def test_done_url_that_names_no_one_item_is_refused(cli, args, message):
    bad = cli("done", "x", *args, ok=False)
    assert bad.exit_code == 2 and bad.stderr.startswith(f"studylog: error: {message}")
    assert cli("log", "--json").json() == []
