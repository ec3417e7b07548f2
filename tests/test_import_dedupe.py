"""An import adds only what is new: what is already stored for the day with the same text, typed
by hand or imported from another file, is matched, not added twice."""

from __future__ import annotations

import pytest

from conftest import SHARED
from studylog.imported import normal_text
from studylog.store import imports

NOTES = SHARED / "formats" / "daily-notes-goals-done.md"
PAGE = SHARED / "formats" / "til-page-jekyll.md"


def type_april_18(cli) -> None:
    """2024-04-18 of the learner's daily notes, typed by hand."""
    day = ("--date", "2024-04-18")
    cli("goal", "start part 5/8 karpathy lecture", *day, ok=True)
    cli("goal", "review some backprop notes", *day, ok=True)
    cli("done", "reviewed backprop calculus notes", *day, ok=True)
    cli("done", "worked through part of karpathy lecture 5/8", *day, ok=True)
    cli(
        "done",
        "watched live stanford [cs25 transformers](https://web.stanford.edu/class/cs25/) lecture "
        "from Nathan Lambert on alignment of LMs",
        *day,
        ok=True,
    )


def import_notes(cli, *extra: str) -> dict:
    return cli("import", "daily-notes", str(NOTES), "--json", *extra, ok=True).json()


def week(cli) -> dict:
    data = cli("week", "2024-W16", "--json", ok=True).json()
    return {"goals_set": data["goals_set"], "goals_met": data["goals_met"], "total_hours": data["total_hours"]}


def test_typed_by_hand_then_imported_adds_nothing_twice(cli, switch_store):
    import_notes(cli)
    fresh_week = week(cli)
    fresh_log = sorted((e["date"], e["kind"], e["text"]) for e in cli("log", "--json", ok=True).json())

    switch_store()
    type_april_18(cli)
    report = import_notes(cli)
    assert (report["entries"], report["added"], report["matched"], report["already_imported"]) == (13, 8, 5, 0)
    assert report["conflicts"] == []
    log = cli("log", "--json", ok=True).json()
    assert sorted((e["date"], e["kind"], e["text"]) for e in log) == fresh_log  # each entry once
    assert week(cli) == fresh_week  # the week's goals met are what the notes alone give
    again = import_notes(cli)  # the imported lines by their key, the typed ones by their text again
    assert (again["added"], again["already_imported"], again["matched"], again["statuses"]) == (0, 8, 5, [])


def test_the_text_report_says_how_many_matched(cli):
    type_april_18(cli)
    out = cli("import", "daily-notes", str(NOTES), ok=True).stdout
    assert "Imported 8 of 13 entries" in out and "5 already stored" in out


def test_a_matched_line_still_says_what_it_did(cli):
    type_april_18(cli)  # "worked through part of karpathy lecture 5/8" typed without its item
    report = import_notes(cli)
    assert {"item": "karpathy/5", "status": "started", "date": "2024-04-18", "line": 22} in report["statuses"]


@pytest.mark.parametrize(
    ("typed", "in_file"),
    [
        ("Reviewed  backprop calculus NOTES", "reviewed backprop calculus notes"),
        ("watched [cs25](https://example.com) lecture", "watched cs25 lecture"),
        ("**Finished** `week0_d2_cnn`", "finished week0_d2_cnn"),
        ("read [[2024-04-18|today's]] *notes*", "read today's notes"),
        ("read [[DPO paper]]", "Read DPO paper"),
    ],
)
def test_text_is_compared_without_markup(cli, tmp_path, typed, in_file):
    cli("done", typed, "--date", "2024-04-10", ok=True)
    notes = tmp_path / "notes.md"
    notes.write_text(f"[[2024-04-10]]\n\nDone:\n- {in_file}\n")
    report = cli("import", "daily-notes", str(notes), "--json", "--no-link", ok=True).json()
    assert (report["added"], report["matched"]) == (0, 1)
    assert normal_text(typed) == normal_text(in_file)


def test_other_days_other_kinds_and_other_words_are_added(cli, tmp_path):
    cli("done", "reviewed backprop calculus notes", "--date", "2024-04-17", ok=True)
    cli("goal", "review some backprop notes", "--date", "2024-04-18", ok=True)
    notes = tmp_path / "notes.md"
    notes.write_text(
        "[[2024-04-18]]\n\nGoals:\n- reviewed backprop calculus notes\n\nDone:\n- review some backprop notes\n"
        "- reviewed backprop calculus notes again\n"
    )
    report = cli("import", "daily-notes", str(notes), "--json", ok=True).json()
    assert (report["added"], report["matched"]) == (3, 0)


def test_same_text_other_hours_is_a_conflict_not_added(cli, tmp_path):
    cli("done", "read the DPO paper (2h)", "--hours", "1", "--date", "2024-03-01", ok=True)
    log = tmp_path / "log.md"
    log.write_text("## 2024-03-01\n- read the DPO paper (2h)\n- read the ORPO paper\n")
    report = cli("import", "markdown", str(log), "--json", ok=True).json()
    assert (report["added"], report["matched"]) == (1, 0)
    assert report["conflicts"] == [
        {
            "line": 2,
            "kind": "done",
            "day": "2024-03-01",
            "text": "read the DPO paper (2h)",
            "hours": 2.0,
            "stored_hours": 1.0,
        }
    ]
    assert sorted((e["text"], e["hours"]) for e in cli("log", "--json", ok=True).json()) == [
        ("read the DPO paper (2h)", 1.0),
        ("read the ORPO paper", None),
    ]
    out = cli("import", "markdown", str(log), ok=True).stdout
    assert "1 with other hours" in out and "Not added: already stored for that day with other hours" in out
    assert "2h (stored 1h)" in out


def test_an_entry_of_another_import_is_matched(cli, tmp_path):
    import_notes(cli)
    log = tmp_path / "2024-04-17.md"
    log.write_text("- Talked with 80k hours career advisor\n- a new line\n")
    report = cli("import", "markdown", str(log), "--json", ok=True).json()
    assert (report["added"], report["matched"]) == (1, 1)


def test_a_line_written_twice_is_two_entries(cli, tmp_path, monkeypatch):
    """Repeats inside one file are not matched against each other, even across batches."""
    monkeypatch.setattr(imports, "BATCH", 2)
    notes = tmp_path / "notes.md"
    notes.write_text("[[2024-04-10]]\n\nDone:\n- one more exercise\n- one more exercise\n- one more exercise\n")
    cli("done", "one more exercise", "--date", "2024-04-10", ok=True)  # typed once by hand
    report = cli("import", "daily-notes", str(notes), "--json", ok=True).json()
    assert (report["added"], report["matched"]) == (2, 1)
    again = cli("import", "daily-notes", str(notes), "--json", ok=True).json()
    # the hand-typed line matches the first again; the two imported ones are known by their keys
    assert (again["added"], again["matched"], again["already_imported"]) == (0, 1, 2)
    assert len(cli("log", "--json", ok=True).json()) == 3


def test_dry_run_matches_too_and_writes_nothing(cli):
    type_april_18(cli)
    report = import_notes(cli, "--dry-run")
    assert (report["added"], report["matched"]) == (8, 5)
    assert len(cli("log", "--json", ok=True).json()) == 5


def test_undo_after_matching_keeps_what_was_typed(cli):
    type_april_18(cli)
    import_notes(cli)
    assert cli("undo", ok=True).stdout.split(" (", 1)[1].startswith("import daily-notes: 8 entries")
    assert len(cli("log", "--json", ok=True).json()) == 5


def test_the_til_page_over_hand_typed_lines(cli):
    cli("done", "Did my first introductory to EA course.", "--date", "2023-08-18", ok=True)
    report = cli("import", "til", str(PAGE), "--json", ok=True).json()
    assert (report["added"], report["matched"]) == (75, 1)
