"""`studylog import PATH`: which format it recognises and why, that it imports what the named form
imports, `--format`, and that an import finding no dated entries exits 1 and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import SHARED

from studylog.importers.detect import HEAD_BYTES, describe, detect, detect_folder

FORMATS = SHARED / "formats"
REAL = FORMATS / "other-real-logs"
PAGE = FORMATS / "til-page-jekyll.md"
NOTES = FORMATS / "daily-notes-goals-done.md"


def _detect(path: Path) -> tuple[str, str]:
    data = path.read_bytes()
    return detect(path.name, data[:HEAD_BYTES].decode("utf-8", errors="ignore"), len(data) > HEAD_BYTES)


# --- detection of every shared fixture -----------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected", "because"),
    [
        (PAGE, "til", "Jekyll front matter, 11 dated headings in the first 8 KB"),
        (NOTES, "daily-notes", "3 [[YYYY-MM-DD]] lines and Goals:/Done: lists"),
        (REAL / "100days-hours-el3um4s.md", "markdown", "dated heading"),
        (REAL / "100days-template-kallaway.md", "markdown", "3 dated headings"),
        (REAL / "journal-weekly-dated-bullets-jfashe.md", "markdown", "dated lines"),
        (REAL / "til-monthly-korean-dreamingjudith.md", "markdown", "6 dated headings"),
    ],
    ids=lambda v: v.name if isinstance(v, Path) else None,
)
def test_every_shared_fixture_is_recognised(path, expected, because):
    kind, why = _detect(path)
    assert kind == expected
    assert because in why


def test_every_real_log_is_covered():
    """A fixture added to other-real-logs/ gets a line above."""
    logs = {p.name for p in REAL.glob("*.md")} - {"SOURCES.md"}
    assert logs == {
        "100days-hours-el3um4s.md",
        "100days-template-kallaway.md",
        "journal-weekly-dated-bullets-jfashe.md",
        "til-monthly-korean-dreamingjudith.md",
    }


def test_dated_headings_over_bullets_are_a_markdown_log_not_a_til_page():
    # the Korean monthly TIL has `## YYYY-MM-DD` headings, but over bullets; numbered lines make a TIL page
    assert detect("x.md", "## 2024-01-24\n- read\n- wrote\n")[0] == "markdown"
    assert detect("x.md", "# 2024-01-24\n1. read\n2. wrote\n") == ("til", "1 dated heading, numbered lines")


def test_backup_and_other_json():
    assert detect("b.json", '{\n  "format": "studylog-backup",\n  "version": 2,') == (
        "json",
        '"format": "studylog-backup"',
    )
    assert detect("b.json", '{"a": 1}')[0] == "json"


def test_daily_note_file_names():
    assert detect("2022_12_24.md", "- DONE read\n") == ("daily-notes", "a Logseq daily note: the file name is a date")
    assert detect("2022-12-24.md", "read\n") == ("daily-notes", "an Obsidian daily note: the file name is a date")


def test_folders_by_their_file_names():
    assert detect_folder(["2022_12_24.md", "2022_12_25.md"]) == (
        "daily-notes",
        "Logseq daily notes: 2 of 2 .md files named by a date",
    )
    assert detect_folder(["daily/2024-04-17.md", "daily/2024-04-18.md", "index.md"])[0] == "daily-notes"
    assert detect_folder(["git.md", "bash.md"]) == ("markdown", "2 .md files, 0 named by a date")


PROSE_DAY = (
    "# Day 1 - January 30, 2026\n\n## 🎯 Today's Goal\nStart.\n\n---\n\n## ✅ What I Did\n\n### 1. Set up\n"
    "- made the repo\n- wrote a README\n\n## 🎯 Tomorrow's Plan\n\n1. post on Zulip\n\n## 💭 Reflections\n\n"
    "### Day one\n\nToday I decided to start.\n\nIt felt good.\n"
)


def test_date_named_pages_of_headings_and_prose_are_a_dated_markdown_log():
    names = ["2026/2026-01-30.md", "2026/2026-01-31.md"]
    assert detect_folder(names, dict.fromkeys(names, PROSE_DAY)) == (
        "markdown",
        "2 of 2 .md files named by a date, all pages of headings and prose, with no Goals:/Done: list and not an outline",
    )
    assert detect("2026-01-30.md", PROSE_DAY) == (
        "markdown",
        "a dated page of headings and prose: the file name is a date, with no Goals:/Done: list and not an outline",
    )
    # a sample: said as such; and a majority of the files read decides
    many = [f"{d:04}-01-01.md" for d in range(2000, 2100)]
    picked = dict.fromkeys(many[:40], PROSE_DAY)
    assert detect_folder(many, picked)[1].startswith("100 of 100 .md files named by a date; 40 of the 40 read are")
    half = {n: (PROSE_DAY if i % 2 else "Done:\n- read\n") for i, n in enumerate(names)}
    assert detect_folder(names, half)[0] == "daily-notes"


def test_date_named_files_with_goals_done_lists_or_an_outline_stay_daily_notes():
    names = ["2024-04-17.md", "2024-04-18.md"]
    for head in (
        "## Goals\n- read ch. 3\n\n## Notes\nlong prose\nmore prose\neven more\n",  # a Goals: header
        "# Thursday\n**Done:**\n- read ch. 3\n\nSome prose.\nMore prose.\nAnd more.\n",  # a bold label line
        "# Thursday\n- read ch. 3\n  - closures\n- DONE wrote notes\n",  # an outline
        "---\ntitle: Apr 17th\n---\n\n- ## Focus\n  - parsing\n",  # a Logseq journal, front matter aside
        "Some prose, no heading.\n",  # nothing says it is a page: as before
        "[[2024-04-17]]\n# Thursday\nprose\n",
    ):
        assert detect_folder(names, dict.fromkeys(names, head))[0] == "daily-notes", head
        assert detect(names[0], head)[0] == "daily-notes", head


def test_describe_says_what_the_file_looks_like():
    text = "# Notes\nsome text\n\n# Ideas\nmore\n## Later\n- a\n# Links\n"
    assert describe(text) == "no dated headings or lines; 7 lines, 4 headings: 'Notes', 'Ideas', 'Later', ..."
    assert describe("\n\n") == "the file is empty"


# --- import PATH end to end ---------------------------------------------------------------------


def _without_detection(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in ("format", "detected_because")}


@pytest.mark.parametrize(
    ("path", "form", "today"),
    [
        (PAGE, "til", None),
        (NOTES, "daily-notes", "2024-04-19"),
        (REAL / "100days-hours-el3um4s.md", "markdown", None),
        (REAL / "100days-template-kallaway.md", "markdown", None),
        (REAL / "journal-weekly-dated-bullets-jfashe.md", "markdown", "2026-03-25"),
        (REAL / "til-monthly-korean-dreamingjudith.md", "markdown", "2024-10-13"),
    ],
    ids=lambda v: v.name if isinstance(v, Path) else v,
)
def test_import_path_equals_the_named_form(cli, path, form, today):
    env = {"STUDYLOG_TODAY": today} if today else None
    named = cli("import", form, str(path), "--dry-run", "--json", ok=True, env=env).json()
    detected = cli("import", str(path), "--dry-run", "--json", ok=True, env=env).json()
    assert named["format"] == detected["format"] == form
    assert named["detected_because"] is None and detected["detected_because"]
    assert _without_detection(named) == _without_detection(detected)
    assert detected["entries"] > 0
    stored = cli("import", str(path), "--json", ok=True, env=env).json()
    assert stored["added"] == detected["added"]
    again = cli("import", form, str(path), "--json", ok=True, env=env).json()
    assert again["added"] == 0 and again["already_imported"] == stored["entries"]


def test_report_first_line_says_what_and_why(cli):
    out = cli("import", str(PAGE), "--dry-run", ok=True).stdout
    first = " ".join(" ".join(out.split("\n")[:2]).split())
    assert first.startswith(f"Reading {PAGE} as a TIL page (Jekyll front matter, 11 dated headings")
    named = cli("import", "til", str(PAGE), "--dry-run", ok=True).stdout
    assert named.startswith("Would import")


def test_options_before_or_after_the_path(cli):
    a = cli("import", "--dry-run", "--no-link", "--no-status", "--json", str(PAGE), ok=True).json()
    b = cli("import", str(PAGE), "--json", "--no-status", "--no-link", "--dry-run", ok=True).json()
    assert a == b and a["dry_run"] and a["linked"] == [] and a["statuses"] == []
    assert cli("export", "json", ok=True).json()["entries"] == []


def test_format_overrides(cli, tmp_path):
    data = cli("import", "--format", "markdown", str(PAGE), "--dry-run", "--json", ok=True).json()
    assert data["format"] == "markdown" and data["detected_because"] == "--format markdown"
    markdown = cli("import", "markdown", str(PAGE), "--dry-run", "--json", ok=True).json()
    assert _without_detection(data) == _without_detection(markdown)
    # a format named like a subcommand is --format's value, not the subcommand
    til = cli("import", "--format", "til", str(PAGE), "--dry-run", "--json", ok=True).json()
    assert til["format"] == "til"
    undated = tmp_path / "notes.md"
    undated.write_text("# Notes\n- attention is all you need\n")
    out = cli("import", str(undated), "-f", "daily-notes", "--dry-run", ok=False)
    assert out.exit_code == 1 and "as daily notes" in out.stderr
    bad = cli("import", str(PAGE), "--format", "csv", ok=False)
    assert bad.exit_code == 2 and "--format must be one of til, daily-notes, markdown, json" in bad.stderr


def test_json_backup_is_recognised(cli, tmp_path):
    cli("done", "read the DPO paper", "--hours", "2", "--date", "2024-04-10", ok=True)
    backup = tmp_path / "backup.json"
    cli("export", "json", "--out", str(backup), ok=True)
    cli("rm", "1", ok=None)
    out = cli("import", str(backup), "--dry-run", ok=True).stdout
    assert out.startswith(f'Reading {backup} as a studylog JSON backup ("format": "studylog-backup")')
    data = cli("import", str(backup), "--json", ok=True).json()
    assert data["format"] == "json" and data["detected_because"] == '"format": "studylog-backup"'
    assert data["entries"] + data["skipped"] == 1
    named = cli("import", "json", str(backup), "--json", ok=True).json()
    assert named["format"] == "json" and named["detected_because"] is None and named["entries"] == 0


def test_obsidian_folder(cli, tmp_path):
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "2024-04-16.md").write_text("Goals:\n- read the DPO paper\n\nDone:\n- read the DPO paper\n")
    (vault / "2024-04-17.md").write_text("Done:\n- skimmed the ORPO paper\n")
    out = cli("import", str(vault), ok=True).stdout
    assert " ".join(out.split()).startswith(
        f"Reading {vault} as daily notes (Obsidian daily notes: 2 of 2 .md files named by a date)"
    )
    days = {e["day"] for e in cli("export", "json", ok=True).json()["entries"]}
    assert days == {"2024-04-16", "2024-04-17"}


def _logseq(tmp_path: Path) -> Path:
    graph = tmp_path / "journals"
    graph.mkdir()
    (graph / "2022_12_24.md").write_text("Done:\n- read SICP chapter 1\n")
    (graph / "2022_12_25.md").write_text("Done:\n- read SICP chapter 2\n")
    return graph


def test_logseq_folder_is_recognised(tmp_path):
    graph = _logseq(tmp_path)
    assert detect_folder([p.name for p in graph.glob("*.md")])[0] == "daily-notes"


def test_logseq_folder_imports(cli, tmp_path):
    graph = _logseq(tmp_path)
    data = cli("import", str(graph), "--json", ok=True).json()
    assert data["format"] == "daily-notes" and data["added"] == 2


# --- nothing found: exit 1, write nothing, say why ----------------------------------------------


def test_empty_file(cli, tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_text("")
    for args in (["import", str(empty)], ["import", "til", str(empty)], ["import", "markdown", str(empty)]):
        out = cli(*args, ok=False)
        assert out.exit_code == 1
        assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
        assert "no dated entries reading" in out.stderr and "the file is empty" in out.stderr
        assert "nothing was written" in out.stderr
    assert (
        "try 'studylog import PATH' or 'import daily-notes or markdown'"
        in cli("import", "til", str(empty), ok=False).stderr
    )
    assert cli("export", "json", ok=True).json()["entries"] == []


def test_undated_notes_file(cli, tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\nsome text\n\n# Ideas\n- try ruff\n- try uv\n\n# Links\n- https://example.com\n")
    out = cli("import", str(notes), ok=False)
    assert out.exit_code == 1 and out.stdout == ""
    assert out.stderr.startswith(
        f"studylog: error: no dated entries reading {notes} as a dated markdown log "
        "(looked for dated headings or dated lines): no dated headings or lines; 7 lines, 3 headings: "
        "'Notes', 'Ideas', 'Links'; nothing was written; try --format til or daily-notes, or dates it reads: "
        "'## 2024-04-18'"
    )
    for form in ("til", "daily-notes", "markdown"):
        named = cli("import", form, str(notes), "--json", ok=False)
        assert named.exit_code == 1 and named.stdout == "" and "no dated headings or lines" in named.stderr
    assert cli("export", "json", ok=True).json()["entries"] == []


def test_entries_all_after_today_is_nothing_found(cli):
    out = cli("import", str(REAL / "journal-weekly-dated-bullets-jfashe.md"), ok=False)
    assert out.exit_code == 1
    assert "17 dated lines" in out.stderr and "the first at line 10: 2025-06-01 is after today" in out.stderr


def test_folder_without_dated_files(cli, tmp_path):
    folder = tmp_path / "topics"
    folder.mkdir()
    (folder / "git.md").write_text("# Git worktrees\nUse them for parallel branches.\n")
    (folder / "bash.md").write_text("# Escaping\nQuote everything.\n")
    out = cli("import", str(folder), ok=False)
    assert out.exit_code == 1 and out.stderr.count("\n") == 1
    assert "none in any of its 2 .md files (bash.md: no dated headings or lines; 2 lines, 1 heading: " in out.stderr
    assert "git.md: no dated headings or lines" in out.stderr
    out = cli("import", "daily-notes", str(folder), ok=False)
    assert out.exit_code == 1 and "as daily notes" in out.stderr
    assert cli("export", "json", ok=True).json()["entries"] == []


def test_empty_backup(cli, tmp_path):
    backup = tmp_path / "backup.json"
    cli("export", "json", "--out", str(backup), ok=True)
    for args in (["import", str(backup)], ["import", "json", str(backup)]):
        out = cli(*args, ok=False)
        assert out.exit_code == 1 and "the backup's entries list is empty" in out.stderr


def test_help_stays_clear(cli):
    out = cli("import", "--help", ok=True).stdout
    assert "Usage: studylog import [OPTIONS] PATH | COMMAND PATH [OPTIONS]" in out
    assert "recognises a studylog JSON backup, a TIL page" in " ".join(out.split())
    for name in ("til", "daily-notes", "markdown", "json"):
        assert f"  {name} " in out
    assert "detect" not in out
    assert "Import a Jekyll TIL page" in cli("import", "til", "--help", ok=True).stdout
    bare = cli("import", ok=None)
    assert "Usage: studylog import" in bare.stdout + bare.stderr


def test_help_of_import_path_lists_its_options(cli):
    out = cli("import", str(PAGE), "--help", ok=True).stdout
    assert out.startswith("Usage: studylog import [OPTIONS] PATH")
    for option in ("--format", "--dry-run", "--no-link", "--no-status", "--json"):
        assert option in out
