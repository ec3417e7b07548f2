"""Imports set item status from what the log says, in the import's own change, never backwards."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHARED
from studylog.importers import daily_notes, markdown, til
from studylog.importers.status_text import find_status
from studylog.store.imports import plan_status
from studylog.store.records import Status

PAGE = SHARED / "formats" / "til-page-jekyll.md"
NOTES = SHARED / "formats" / "daily-notes-goals-done.md"
CURRICULA = ("dlc", "arena2", "aisf", "karpathy", "3b1b", "arena")

# The learner's page: every item it says was finished, on its entry's date (a period's last day).
COMPLETE = {
    "dlc/1": "2023-06-19",
    "dlc/2": "2023-07-23",
    "dlc/6": "2023-07-23",
    "dlc/7": "2023-08-11",
    "dlc/8": "2023-06-30",
    "arena2/0.2": "2023-06-24",
    "arena2/0.3": "2023-06-24",
    "arena2/0.4": "2023-06-30",
    "arena2/0.5": "2023-06-30",
    "arena2/1.1": "2023-06-30",
    "arena2/1.2": "2023-06-30",
    "arena2/2.1": "2023-06-30",
    "arena2/2.2": "2023-07-23",
    "arena2/2.3": "2023-07-23",
    "aisf/2": "2023-07-31",
    "aisf/3": "2023-08-11",
    "aisf/4": "2023-08-11",
}


def statuses(cli) -> dict[str, tuple[str, str | None, str | None]]:
    """(status, started_on, completed_on) of every item that has a status, over every curriculum."""
    found = {}
    for cid in CURRICULA:
        for item in cli("curricula", "show", cid, "--json", ok=True).json()["items"]:
            if item["status"] != "not started":
                found[item["ref"]] = (item["status"], item["started_on"], item["completed_on"])
    return found


def import_page(cli, *extra: str) -> dict:
    return cli("import", "til", str(PAGE), "--json", *extra, ok=True).json()


# -- the learner's page ----------------------------------------------------------------------------


def test_the_learners_page_completes_what_it_says_was_finished(cli):
    import_page(cli)
    found = statuses(cli)
    assert {ref: s[2] for ref, s in found.items()} == COMPLETE  # nothing else has a status
    assert {s[0] for s in found.values()} == {"complete"}
    # dlc/7: "In the progress of doing Alignment exercise in DLC" (2023-07-24 - 2023-07-31), then
    # "Finished DLC Alignment topic exericise, it takes me around 30 hours" (2023-08-01 - 2023-08-11)
    assert found["dlc/7"] == ("complete", "2023-07-31", "2023-08-11")
    # hours logged against an item with no status start it on the period's first day
    assert found["dlc/2"] == ("complete", "2023-07-16", "2023-07-23")
    assert found["dlc/1"] == ("complete", "2023-06-14", "2023-06-19")
    # "Finished [Week 3 …] and [Week 4 …] reading" has no hours: complete on the day, started then too
    assert found["aisf/3"] == found["aisf/4"] == ("complete", "2023-08-11", "2023-08-11")
    progress = {c["id"]: c["complete"] for c in cli("progress", "--json", ok=True).json()}
    assert (progress["dlc"], progress["arena2"], progress["aisf"]) == (5, 9, 3)


def test_the_report_lists_every_status_it_set(cli):
    report = import_page(cli)
    listed = report["statuses"]
    assert [s["date"] for s in listed] == sorted(s["date"] for s in listed)  # set in date order
    assert {s["item"]: s["date"] for s in listed if s["status"] == "complete"} == COMPLETE
    assert {"item": "dlc/7", "status": "started", "date": "2023-07-31", "line": 21} in listed
    assert {"item": "dlc/7", "status": "complete", "date": "2023-08-11", "line": 16} in listed
    assert {"item": "aisf/3", "status": "complete", "date": "2023-08-11", "line": 17} in listed
    assert {"item": "aisf/4", "status": "complete", "date": "2023-08-11", "line": 17} in listed
    # the Eval Hackathon line says "I am currently working on this" but names no curriculum item
    assert all(s["line"] != 13 for s in listed)
    assert {"item": "dlc/2", "status": "started", "date": "2023-07-16", "line": 27} in listed


def test_the_text_report_lists_them_too(cli):
    out = cli("import", "til", str(PAGE), ok=True).stdout
    assert "Set item status from the log (--no-status turns this off):" in out
    assert "dlc/7         started   2023-07-31" in out


def test_no_status_sets_none(cli):
    report = import_page(cli, "--no-status")
    assert report["added"] == 76 and report["statuses"] == []
    assert statuses(cli) == {}
    assert report["linked"]  # linking still happens


def test_dry_run_shows_what_it_would_set_and_sets_nothing(cli):
    report = import_page(cli, "--dry-run")
    assert {s["item"]: s["date"] for s in report["statuses"] if s["status"] == "complete"} == COMPLETE
    assert statuses(cli) == {}
    out = cli("import", "til", str(PAGE), "--dry-run", ok=True).stdout
    assert "Would set item status from the log" in out


def test_importing_twice_sets_nothing_twice(cli):
    import_page(cli)
    before = statuses(cli)
    again = import_page(cli)
    assert (again["added"], again["statuses"]) == (0, [])
    assert statuses(cli) == before
    assert (
        cli("undo", ok=True).stdout.split(" (", 1)[1].rsplit(", ", 1)[0] == "import til: 76 entries, 31 item statuses"
    )


def test_undo_takes_the_statuses_back_with_the_entries(cli):
    cli("start", "dlc/3", "--date", "2023-06-01", ok=True)
    import_page(cli)
    assert (
        cli("undo", ok=True).stdout.split(" (", 1)[1].rsplit(", ", 1)[0] == "import til: 76 entries, 31 item statuses"
    )
    assert statuses(cli) == {"dlc/3": ("started", "2023-06-01", None)}
    assert cli("log", "--json", ok=True).json() == []


# -- never backwards -------------------------------------------------------------------------------


def test_a_complete_item_stays_as_it_was(cli):
    cli("complete", "dlc/7", "--date", "2023-07-01", ok=True)
    report = import_page(cli)
    assert not [s for s in report["statuses"] if s["item"] == "dlc/7"]
    assert statuses(cli)["dlc/7"] == ("complete", "2023-07-01", "2023-07-01")


def test_a_completion_before_the_start_moves_the_start_back(cli):
    cli("start", "dlc/2", "--date", "2023-08-01", ok=True)
    report = import_page(cli)
    assert [s for s in report["statuses"] if s["item"] == "dlc/2"] == [
        {"item": "dlc/2", "status": "started", "date": "2023-07-23", "line": 27},
        {"item": "dlc/2", "status": "complete", "date": "2023-07-23", "line": 27},
    ]
    assert statuses(cli)["dlc/2"] == ("complete", "2023-07-23", "2023-07-23")


def test_a_later_start_is_kept_when_hours_come_first(cli):
    cli("start", "dlc/1", "--date", "2023-06-18", ok=True)
    import_page(cli)
    assert statuses(cli)["dlc/1"] == ("complete", "2023-06-18", "2023-06-19")  # hours alone start nothing


def test_a_skipped_item_is_left_skipped(cli):
    cli("skip", "dlc/8", "--date", "2023-06-01", ok=True)
    report = import_page(cli)
    assert not [s for s in report["statuses"] if s["item"] == "dlc/8"]
    assert statuses(cli)["dlc/8"][0] == "skipped"


def S(status: str, started: str | None = None, completed: str | None = None) -> Status:
    return Status(
        "x/1",
        status,
        date.fromisoformat(started) if started else None,
        date.fromisoformat(completed) if completed else None,
        None,
    )


@pytest.mark.parametrize(
    ("current", "says", "day", "changes"),
    [
        (None, "follow", "2023-06-10", [("started", "2023-06-10")]),
        (None, "started", "2023-06-10", [("started", "2023-06-10")]),
        (None, "complete", "2023-06-10", [("complete", "2023-06-10")]),
        (S("started", "2023-06-01"), "follow", "2023-05-01", []),
        (S("started", "2023-06-01"), "started", "2023-05-01", [("started", "2023-05-01")]),
        (S("started", "2023-06-01"), "started", "2023-06-05", []),
        (S("started", "2023-06-01"), "complete", "2023-06-05", [("complete", "2023-06-05")]),
        (S("started", "2023-06-01"), "complete", "2023-05-20", [("started", "2023-05-20"), ("complete", "2023-05-20")]),
        (S("complete", "2023-06-01", "2023-06-02"), "complete", "2023-06-09", []),
        (S("complete", "2023-06-01", "2023-06-02"), "started", "2023-06-09", []),
        (S("skipped"), "complete", "2023-06-09", []),
    ],
)
def test_plan_status_only_moves_forward(current, says, day, changes):
    found = plan_status(current, says, date.fromisoformat(day))
    assert found == [(s, date.fromisoformat(d)) for s, d in changes]


# -- what a line says ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Finished DLC Alignment topic exericise, it takes me around 30 hours.", "complete"),
        ("Around 15 hours to finish [Topic 2 Scaling Laws](https://colab.research.google.com/x) in DLC", "complete"),
        ("Finish reading [Doing Good Better](https://www.goodreads.com/book/show/1)", "complete"),
        ("Followed the curriculum and finished [Topic 1 Transformer](https://x.y/1-Transformers.md)", "complete"),
        ("Completed week0_d2_cnn", "complete"),
        ("done with makemore part 3", "complete"),
        ("started and finished the PPO exercise", "complete"),
        ("In the progress of doing Alignment exercise in [DLC](https://github.com/x/y)", "started"),
        ("started Topic 3", "started"),
        ("working on week2_PPO", "started"),
        ("I am currently working on this.", "started"),
        ("worked through part of karpathy lecture 5/8", "started"),
        ("didn't finish Topic 3", None),
        ("almost finished Topic 3", None),
        ("plan to finish Topic 3 next week", None),
        ("I will finish it tomorrow", None),
        ("Not started yet", None),
        ("read [a post](https://example.com/finished-it) about scaling", None),
        ("Reviewed backprop calculus notes", None),
        ("", None),
    ],
)
def test_find_status(text, status):
    assert find_status(text) == status


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("finshedstartworkg on't[](h:/)., \n")) | st.characters(), max_size=200))
def test_find_status_never_raises(text):
    assert find_status(text) in ("complete", "started", None)


def test_every_importer_reads_status():
    page = til.parse(PAGE.read_text(encoding="utf-8"))
    by_line = {e.line: e.status for e in page.entries}
    assert (by_line[16], by_line[21], by_line[24]) == ("complete", "started", None)
    notes = daily_notes.parse(NOTES.read_text(encoding="utf-8"), None)
    said = {(e.kind, e.text): e.status for e in notes.entries}
    assert said[("goal", "finish part 5/8 karpathy lecture")] is None  # a plan says nothing yet
    assert said[("goal", "start part 5/8 karpathy lecture")] is None
    assert said[("done", "Finished part3 of karpathy makemore series (video 4/8 total)")] == "complete"
    assert said[("done", "worked through part of karpathy lecture 5/8")] == "started"
    log = markdown.parse(
        "## 2024-03-01\n- Finished week0_d2_cnn (2h)\n- working on week0_d3_resnet\n", None, date(2024, 4, 18)
    )
    assert [e.status for e in log.entries] == ["complete", "started"]


def test_daily_notes_import_sets_what_the_notes_say(cli):
    report = cli("import", "daily-notes", str(NOTES), "--json", ok=True).json()
    assert report["statuses"] == [
        {"item": "karpathy/4", "status": "complete", "date": "2024-04-17", "line": 43},
        {"item": "karpathy/5", "status": "started", "date": "2024-04-18", "line": 22},
    ]


def test_markdown_import_sets_status(cli, tmp_path):
    log = tmp_path / "log.md"
    log.write_text("## 2024-03-01\n- Finished week0_d2_cnn (2h)\n\n## 2024-03-04\n- 3h on week0_d3_resnet\n")
    report = cli("import", "markdown", str(log), "--json", ok=True).json()
    assert report["statuses"] == [
        {"item": "arena2/0.2", "status": "complete", "date": "2024-03-01", "line": 2},
        {"item": "arena2/0.3", "status": "started", "date": "2024-03-04", "line": 5},
    ]
