"""The import report's counts (issue #12): dated sections found and lines skipped, by reason."""

from __future__ import annotations

from studylog.imported import Problem, Tally
from studylog.importers import til

LOG = """# Notes

## 2024-03-01
- read the attention paper (1h)
- wrote notes

## 2024-03-02
- watched the backprop video

## 2024-03-03

## 2016-02-30
- an impossible day

## 2024-02-30
- another impossible day
"""


def test_report_counts_sections_found_and_lines_skipped_by_reason(cli, tmp_path):
    log = tmp_path / "log.md"
    log.write_text(LOG, encoding="utf-8")
    out = cli("import", str(log), ok=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("Found"))
    assert line.startswith("Found 2 dated sections; skipped 3 lines: 2 … is not a date")
    assert "1 nothing is written under this date" in " ".join(out.split())


def test_json_report_has_the_same_counts(cli, tmp_path):
    log = tmp_path / "log.md"
    log.write_text(LOG, encoding="utf-8")
    data = cli("import", str(log), "--json", ok=True).json()
    assert data["sections"] == 2
    assert data["skipped_lines"] == {
        "… is not a date (no such day in that month)": 2,
        "nothing is written under this date": 1,
    }
    assert data["doubtful"] == 0


def test_two_sections_on_one_day_are_two_sections(cli, tmp_path):
    log = tmp_path / "log.md"
    log.write_text("## 2024-03-01 morning\n- a\n- b\n\n## 2024-03-01 evening\n- c\n", encoding="utf-8")
    assert cli("import", str(log), "--json", ok=True).json()["sections"] == 2


def test_a_problem_is_counted_by_its_reason_without_particulars():
    assert Problem(3, "'Nothing done': nothing was done; not imported").why == "nothing was done"
    assert Problem(3, "2030-01-01 is after today (2026-12-01); not imported").why == "… is after today (…)"
    assert Problem(3, "anything at all", reason="a reason").why == "a reason"


def test_a_run_of_skipped_lines_counts_every_line():
    problems: list[Problem] = []
    runs = til.Skipped(problems)
    for line in (1, 2, 3):
        runs.add(line, "text before the first dated heading")
    runs.end()
    assert Tally.skipped(problems) == {"text before the first dated heading": 3}
    assert problems[0].message == "text before the first dated heading: 3 lines skipped"


def test_tally_counts_a_new_section_when_the_day_or_file_changes():
    from datetime import date

    from studylog.imported import ImportedEntry

    tally = Tally()
    one, two = date(2024, 1, 1), date(2024, 1, 2)
    for file, day in ((0, one), (0, one), (0, two), (1, two)):
        tally.entry(file, ImportedEntry("done", day, "x", 1))
    assert tally.sections == 3
