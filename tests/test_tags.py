"""Tags (issue #14): the #words of a goal's or done item's text and --tag, stored normalised in
entry_tag beside the entry (its text is never rewritten), filtered on by log and week, counted by
week and stats --by tag, removed and restored with the entry, kept by imports and backups."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from studylog.errors import UsageError
from studylog.tags import imported_tags, normalize_tag, tag_line, tags_in, text_and_note_tags

REAL = REPO / "tests" / "fixtures" / "real-logs"


def _entries(cli, *args):
    return cli("log", "--json", "--limit", "0", *args, ok=True).json()


# -- goal and done ---------------------------------------------------------------------------------


def test_hash_words_and_tag_options_are_stored_normalised_and_the_text_is_kept(cli):
    out = cli("goal", "read the #DPO paper", "--tag", "Paper", "-T", "#RLHF", ok=True)
    assert out.stdout == "Goal #1 for 2024-04-18: read the #DPO paper [dpo, paper, rlhf]\n"
    out = cli("done", "fixed a #git rebase, see #12", "-H", "1", "-T", "git", "--tag", "rust", ok=True)
    assert out.stdout == "Done #2 on 2024-04-18: fixed a #git rebase, see #12 (1h) [git, rust]\n"
    done, goal = _entries(cli)
    assert (goal["text"], goal["tags"]) == ("read the #DPO paper", ["dpo", "paper", "rlhf"])
    assert (done["text"], done["tags"]) == ("fixed a #git rebase, see #12", ["git", "rust"])
    today = cli("today", "--json", ok=True).json()
    assert today["goals"][0]["tags"] == ["dpo", "paper", "rlhf"] and today["done"][0]["tags"] == ["git", "rust"]


def test_an_entry_without_tags_has_an_empty_list(cli):
    cli("done", "plain", ok=True)
    assert _entries(cli)[0]["tags"] == []


@pytest.mark.parametrize("bad", ["#12", "a b", "", "#", "git!"])
@pytest.mark.parametrize("command", [["goal", "x"], ["done", "x"], ["log"], ["week"]])
def test_a_bad_tag_is_one_clear_line_and_exit_2(cli, isolated, command, bad):
    out = cli(*command, "--tag", bad)
    assert out.exit_code == 2
    assert out.stdout == ""
    assert out.stderr.startswith("studylog: error: ") and out.stderr.count("\n") == 1
    assert "is not a tag" in out.stderr
    if command[0] in ("goal", "done"):
        assert cli("log", "--json", ok=True).json() == []


def test_log_tag_lists_only_the_entries_with_that_tag(cli):
    cli("done", "a #git thing", ok=True)
    cli("done", "another", "-T", "rust", ok=True)
    cli("goal", "plan #Git work", ok=True)
    assert [e["text"] for e in _entries(cli, "--tag", "GIT")] == ["plan #Git work", "a #git thing"]
    assert [e["text"] for e in _entries(cli, "-T", "#rust", "-k", "done")] == ["another"]
    assert _entries(cli, "--tag", "none") == []
    assert "a #git thing" in cli("log", "--tag", "git", ok=True).stdout


def test_week_tag_counts_only_tagged_entries_and_week_shows_hours_per_tag(cli):
    cli("done", "rebase #git", "-H", "2", ok=True)
    cli("done", "borrow checker", "-H", "1", "-T", "rust", "-T", "git", ok=True)
    cli("done", "untagged", "-H", "3", ok=True)
    cli("done", "a period", "-H", "6", "-T", "git", "-d", "2024-04-10..2024-04-15", ok=True)  # 1h of it this week
    cli("goal", "more #rust", ok=True)
    cli("goal", "something else", ok=True)
    week = cli("week", "--json", ok=True).json()
    assert week["total_hours"] == 7.0 and week["tag"] is None
    assert week["tags"] == [
        {"tag": "git", "hours": 4.0, "entries": 3},
        {"tag": "rust", "hours": 1.0, "entries": 1},
    ]
    text = cli("week", ok=True).stdout
    assert "By tag\n  git   4h  57%\n  rust  1h  14%\n" in text
    rust = cli("week", "--tag", "rust", "--json", ok=True).json()
    assert (rust["total_hours"], rust["tag"], rust["tags"]) == (1.0, "rust", [])
    assert [e["text"] for d in rust["done"] for e in d["entries"]] == ["borrow checker"]
    assert [g["text"] for g in rust["goals"]] == ["more #rust"]
    git = cli("week", "-T", "#Git", "--json", ok=True).json()
    assert git["total_hours"] == 4.0 and git["previous_total_hours"] == 5.0  # 5 of the period's 6h
    assert "tag git" in cli("week", "--tag", "git", ok=True).stdout.splitlines()[0]
    trend = cli("week", "--weeks", "2", "--tag", "git", "--json", ok=True).json()
    assert [w["hours"] for w in trend["weeks"]] == [5.0, 4.0]


def test_week_of_a_store_without_tags_looks_as_before(cli):
    """The golden week of test_rendering, unchanged: no 'By tag' without tags."""
    cli("done", "plain", "-H", "1", ok=True)
    assert "By tag" not in cli("week", ok=True).stdout
    assert cli("week", "--json", ok=True).json()["tags"] == []


def test_stats_by_tag(cli):
    cli("done", "rebase #git", "-H", "2", "-d", "2024-04-01", ok=True)
    cli("done", "more #git #rust", "-H", "1.5", ok=True)
    cli("done", "no hours #rust", ok=True)
    cli("done", "untagged", "-H", "5", ok=True)
    data = cli("stats", "--by", "tag", "--json", ok=True).json()
    assert data["tags"] == [
        {"tag": "git", "hours": 3.5, "entries": 2},
        {"tag": "rust", "hours": 1.5, "entries": 2},
    ]
    assert "tags" not in cli("stats", "--json", ok=True).json()
    text = cli("stats", "--by", "tag", ok=True).stdout
    assert "#git" in text and "3.5h" in text
    out = cli("stats", "--by", "month")
    assert (
        out.exit_code == 2
        and out.stderr == "studylog: error: --by must be 'tag', not 'month'; try: studylog stats --by tag\n"
    )


def test_stats_by_tag_of_a_store_without_tags(cli):
    cli("done", "plain", "-H", "1", ok=True)
    assert cli("stats", "--by", "tag", "--json", ok=True).json()["tags"] == []
    assert "no tagged entries yet" in cli("stats", "--by", "tag", ok=True).stdout


def test_rm_removes_the_tags_and_undo_brings_them_back(cli):
    cli("done", "tagged #git", "-H", "1", "-T", "rust", ok=True)
    cli("goal", "a #plan", ok=True)
    cli("rm", "1", "2", ok=True)
    assert _entries(cli, "--tag", "git") == []
    assert cli("stats", "--by", "tag", "--json", ok=True).json()["tags"] == []
    cli("undo", ok=True)
    assert [e["tags"] for e in _entries(cli)] == [["plan"], ["git", "rust"]]
    cli("undo", ok=True)  # the goal
    cli("undo", ok=True)  # the done item, with its tags
    assert _entries(cli) == [] and cli("stats", "--by", "tag", "--json", ok=True).json()["tags"] == []


def test_undo_of_a_tagged_entry_removes_its_tags(cli):
    cli("done", "x #git", ok=True)
    cli("undo", ok=True)
    cli("done", "y", ok=True)
    assert cli("stats", "--by", "tag", "--json", ok=True).json()["tags"] == []
    assert _entries(cli)[0]["tags"] == []


# -- both ways into goal, done and week ---------------------------------------------------------

SESSION = [
    ["goal", "read #DPO", "-T", "paper", "--tag", "#RLHF"],
    ["done", "rebase #git", "-H", "1", "--tag=rust", "-T", "git"],
    ["done", "bad", "--tag", "#12"],
    ["done", "bad", "-T", "a b"],
    ["goal", "bad", "--tag"],
    ["week", "--tag", "git"],
    ["week", "-T", "rust", "--json"],
    ["week", "--tag", "a b"],
    ["week"],
]


def _session(home: Path, fast: bool) -> list[tuple]:
    env = {**os.environ, "STUDYLOG_HOME": str(home)}
    env.pop("STUDYLOG_NO_FAST_PATH", None)
    if not fast:
        env["STUDYLOG_NO_FAST_PATH"] = "1"
    seen = []
    for args in [*SESSION, ["log", "--json"]]:
        out = subprocess.run([sys.executable, "-m", "studylog", *args], env=env, capture_output=True, text=True)
        seen.append((args, out.returncode, out.stdout, out.stderr))
    return seen


@pytest.mark.sqlite_only  # two stores side by side
def test_the_fast_path_and_typer_tag_the_same_way(tmp_path):
    from studylog.cli.fast import parse

    assert parse(["done", "x", "-T", "a", "--tag=b"])[2] == {"text": "x", "tag": ["a", "b"]}
    assert parse(["week", "--tag", "git"])[2] == {"tag": "git"}
    fast = _session(tmp_path / "fast", fast=True)
    typer_way = _session(tmp_path / "typer", fast=False)
    for a, b in zip(fast, typer_way, strict=True):
        assert a == b
    assert [code for _, code, _, _ in fast] == [0, 0, 2, 2, 2, 0, 0, 2, 0, 0]
    assert {tuple(e["tags"]) for e in json.loads(fast[-1][2])} == {("dpo", "paper", "rlhf"), ("git", "rust")}


# -- imports -------------------------------------------------------------------------------------


def test_a_real_til_folder_tags_each_page_with_its_front_matter_tags(cli):
    """leebyron/til: ``tags: git`` and ``tags: [vim]`` front matter (tests/fixtures/real-logs)."""
    cli("import", "markdown", str(REAL / "til-frontmatter-folder-leebyron" / "entries"), ok=True)
    by_text = {e["text"]: e["tags"] for e in _entries(cli)}
    assert by_text["git alias"] == ["git"]
    assert by_text["vim time travel"] == ["vim"]
    assert sorted(e["text"] for e in _entries(cli, "--tag", "git")) == ["autoSetupRemote", "git alias"]


def test_real_jekyll_posts_tags_split_on_spaces(cli):
    """ianlewis: ``tags: learning programming weekly-reading`` is three tags, as Jekyll reads it."""
    cli("import", str(REAL / "jekyll-posts-folder-ianlewis" / "_posts"), ok=True, env={"STUDYLOG_TODAY": "2025-06-01"})
    tags = {tuple(e["tags"]) for e in _entries(cli)}
    assert ("learning", "programming", "weekly-reading") in tags
    assert ("github",) in tags


TIL = """---
layout: page
title: TIL
---

# 2024-01-05

1. Git worktrees: one checkout per branch
   - _Tags: #Git #VersionControl_
2. Read the #paper on DPO
3. Nothing tagged here

# 2024-01-04
_Tags: #Weekend_

1. Tried #Rust lifetimes
"""


def test_a_til_page_tags_entries_from_their_tags_lines_and_hash_words(cli, tmp_path):
    """A note that is a line of tags tags its entry; a line of tags on its own, its section."""
    page = tmp_path / "til.md"
    page.write_text(TIL, encoding="utf-8")
    cli("import", "til", str(page), ok=True)
    by_text = {e["text"]: e for e in _entries(cli)}
    worktrees = by_text["Git worktrees: one checkout per branch"]
    assert worktrees["tags"] == ["git", "versioncontrol"]
    assert worktrees["notes"] == [{"text": "_Tags: #Git #VersionControl_", "depth": 0}]  # kept as written
    assert by_text["Read the #paper on DPO"]["tags"] == ["paper"]
    assert by_text["Nothing tagged here"]["tags"] == []
    assert by_text["Tried #Rust lifetimes"]["tags"] == ["weekend", "rust"]  # its section's line of tags, then its own
    again = cli("import", "til", str(page), "--json", ok=True).json()
    assert (again["added"], again["already_imported"]) == (0, 4)
    assert len(_entries(cli, "--tag", "git")) == 1  # no second row of tags


LOG = """## 2024-01-05
_Tags: #study #ML_

- read the attention paper
- wrote notes #writing

## 2024-01-06
### Git worktrees
_Tags: #git #tools_
One checkout per branch.

### Rebase --onto
**tags:** machine learning, python
Moves a branch.
"""


def test_a_markdown_log_tags_a_section_from_its_tags_line(cli, tmp_path):
    log = tmp_path / "log.md"
    log.write_text(LOG, encoding="utf-8")
    cli("import", "markdown", str(log), ok=True)
    by_text = {e["text"]: e["tags"] for e in _entries(cli)}
    assert by_text == {
        "read the attention paper": ["study", "ml"],  # the section's line of tags: every entry's
        "wrote notes #writing": ["study", "ml", "writing"],
        "Git worktrees": ["git", "tools"],  # a titled item's line of tags: its own
        "Rebase --onto": ["machine-learning", "python"],
    }
    stats = cli("stats", "--by", "tag", "--json", ok=True).json()["tags"]
    assert {t["tag"] for t in stats} == {"study", "ml", "writing", "git", "tools", "machine-learning", "python"}


def test_undo_of_an_import_removes_its_tags(cli, tmp_path):
    log = tmp_path / "log.md"
    log.write_text(LOG, encoding="utf-8")
    cli("import", "markdown", str(log), ok=True)
    cli("undo", ok=True)
    assert cli("stats", "--by", "tag", "--json", ok=True).json()["tags"] == []


def test_a_big_import_writes_its_tags_in_bulk(cli, tmp_path):
    from studylog.store import tags as store_tags

    lines = []
    for n in range(3000):
        lines.append(f"## 2020-01-{1 + n % 28:02d}\n- item {n} #t{n % 7}\n  - note\n")
    log = tmp_path / "big.md"
    log.write_text("\n".join(lines), encoding="utf-8")
    calls = []
    real = store_tags.add_tags
    store_tags.add_tags = lambda *a, **k: calls.append(a) or real(*a, **k)  # the per-entry way: never
    try:
        cli("import", "markdown", str(log), ok=True)
    finally:
        store_tags.add_tags = real
    assert calls == []
    assert len(_entries(cli, "--tag", "t3")) == len([n for n in range(3000) if n % 7 == 3])


# -- backup ------------------------------------------------------------------------------------


def test_export_json_carries_tags_and_restore_puts_them_back(cli, tmp_path, switch_store):
    cli("done", "rebase #git", "-H", "1", "-T", "rust", ok=True)
    cli("goal", "read #paper", ok=True)
    cli("done", "plain", ok=True)
    before = _entries(cli)
    backup = tmp_path / "b.json"
    cli("export", "json", "--out", str(backup), ok=True)
    data = json.loads(backup.read_text())
    assert data["version"] == 3
    assert [e["tags"] for e in data["entries"]] == [["git", "rust"], ["paper"], []]
    switch_store()
    cli("import", "json", str(backup), ok=True)
    assert _entries(cli) == before
    cli("import", "json", str(backup), ok=True)  # again: nothing more
    assert len(_entries(cli, "--tag", "git")) == 1
    cli("undo", ok=True)
    cli("import", "json", str(backup), ok=True)
    assert _entries(cli) == before


def test_a_version_2_backup_still_restores_without_tags(cli, tmp_path):
    entry = {
        "id": 1, "kind": "done", "day": "2024-04-10", "text": "old #git", "hours": 1.0, "item": None,
        "goal_id": None, "met_on": None, "dropped_on": None, "created_at": "2024-04-10 20:00:00",
        "period_start": None, "period_end": None, "style": None, "source": None, "source_key": None,
        "item_count": None, "lapse_on": None, "items": [], "notes": [],
    }  # fmt: skip
    path = tmp_path / "v2.json"
    path.write_text(json.dumps({"format": "studylog-backup", "version": 2, "entries": [entry], "item_status": []}))
    cli("import", "json", str(path), ok=True)
    assert _entries(cli)[0]["tags"] == []  # a backup says what its entries' tags are: none before version 3


@pytest.mark.parametrize(
    ("tags", "problem"),
    [
        (["Git"], "tags[0] must be a tag in its normal form ('git')"),
        (["#12"], "tags[0] must be a tag (one word"),
        ([3], "tags[0] must be a string"),
        ("git", "tags must be a list"),
    ],
)
def test_a_backup_with_bad_tags_is_refused(cli, tmp_path, tags, problem):
    entry = {
        "id": 1, "kind": "done", "day": "2024-04-10", "text": "x", "hours": None, "item": None,
        "goal_id": None, "met_on": None, "dropped_on": None, "created_at": "2024-04-10 20:00:00",
        "period_start": None, "period_end": None, "style": None, "source": None, "source_key": None,
        "tags": tags,
    }  # fmt: skip
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"format": "studylog-backup", "version": 3, "entries": [entry], "item_status": []}))
    out = cli("import", "json", str(path))
    assert out.exit_code != 0 and problem in out.stderr, out.stderr
    assert _entries(cli) == []


# -- the pure functions --------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.lists(
        st.one_of(st.sampled_from([*"aZ9é_-/.#& \n:ü한İ", "#git", "&#39;", "x#y", "#12", "#Git"]), st.text()),
        max_size=30,
    ).map("".join)
)
def test_every_tag_found_is_in_normal_form_and_found_once(text):
    found = tags_in(text)
    assert all(normalize_tag(t) == t for t in found)
    assert len(found) == len(set(found))
    assert all(f"#{t}" in text.casefold() for t in found)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(max_size=80).filter(lambda s: "#" not in s))
def test_text_without_a_hash_has_no_tags(text):
    assert tags_in(text) == []
    assert text_and_note_tags(text, []) == []


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.text(max_size=20), max_size=6))
def test_imported_tags_never_raise_and_are_normal(words):
    found = imported_tags(words)
    assert all(normalize_tag(t) == t for t in found) and len(found) == len(set(found))


def test_tag_lines():
    assert tag_line("_Tags: #Git #VersionControl_") == ["Git", "VersionControl"]
    assert tag_line("Tags: are how HTML marks up text.") is None
    assert imported_tags(["machine learning", "#12", "Git,", "git"]) == ["machine-learning", "git"]
    assert imported_tags("programming go  security") == ["programming", "go", "security"]
    assert text_and_note_tags("read #DPO", ["_Tags: #paper_", "see #notatag in prose"], ["page"]) == [
        "page",
        "dpo",
        "paper",
    ]
    with pytest.raises(UsageError):
        normalize_tag("a b")


# -- the store's tag queries -------------------------------------------------------------------


def test_the_store_queries_count_periods_by_overlap_and_only_the_owners_tags(isolated):
    from datetime import date, datetime

    from studylog.paths import database_target
    from studylog.store import tags as store_tags
    from studylog.store.db import Store
    from studylog.store.entries import add_done, add_goal

    D = date.fromisoformat
    now = datetime(2024, 4, 18, 12)
    me = Store(database_target(None), "tester", now)
    other = Store(database_target(None), "someone", now)
    a = add_done(me, "one #git day", D("2024-04-10"), D("2024-04-18"), 2.0)
    b = add_done(me, "ten days", D("2024-04-10"), D("2024-04-18"), 10.0, period=(D("2024-04-01"), D("2024-04-10")))
    c = add_done(
        me,
        "tagged period",
        D("2024-04-10"),
        D("2024-04-18"),
        10.0,
        period=(D("2024-04-01"), D("2024-04-10")),
        tags=["git", "Rust"],
    )
    g = add_goal(me, "plan #git", D("2024-04-11"))
    add_done(other, "theirs #git", D("2024-04-10"), D("2024-04-18"), 5.0)
    assert store_tags.tags_for(me, [a.id, b.id, c.id, g.id]) == {a.id: ("git",), c.id: ("git", "rust"), g.id: ("git",)}
    assert store_tags.entries_with_tag(me, "git") == [a.id, c.id, g.id]
    assert store_tags.has_tags(me)
    whole = {t.tag: (t.hours, t.entries) for t in store_tags.hours_by_tag(me)}
    assert whole == {"git": (12.0, 2), "rust": (10.0, 1)}  # a goal has no hours and is no done entry
    part = {
        t.tag: (round(t.hours, 6), t.entries) for t in store_tags.hours_by_tag(me, D("2024-04-08"), D("2024-04-09"))
    }
    assert part == {"git": (2.0, 1), "rust": (2.0, 1)}  # 2 of the period's 10 days
    assert store_tags.hours_by_tag(me, D("2024-04-11"), None) == []


LOGSEQ = """tags:: journal, [[deep learning]]

- DONE read the #DPO paper
  tags:: paper
- worked on backprop
  - a note
"""


@pytest.mark.parametrize("how", [["daily-notes"], ["markdown"], []])
def test_a_logseq_journal_tags_its_entries_from_tags_properties(cli, tmp_path, how):
    """``tags::`` of the page tags every entry; under an entry, that entry (the property is no note)."""
    folder = tmp_path / "journals"
    folder.mkdir()
    (folder / "2024_01_05.md").write_text(LOGSEQ, encoding="utf-8")
    cli("import", *how, str(folder), ok=True)
    by_text = {e["text"]: (e["tags"], e["notes"]) for e in _entries(cli)}
    assert by_text == {
        "read the #DPO paper": (["journal", "deep-learning", "paper", "dpo"], []),
        "worked on backprop": (["journal", "deep-learning"], [{"text": "a note", "depth": 0}]),
    }


def test_retag_text_keeps_the_given_tags_and_follows_the_text(isolated):
    """What ``edit --text`` is to call (store.tags.retag_text), on its own."""
    from datetime import date, datetime

    from studylog.paths import database_target
    from studylog.store import tags as store_tags
    from studylog.store.db import Store
    from studylog.store.entries import add_done, get_entry
    from studylog.store.journal import change, undo

    me = Store(database_target(None), "tester", datetime(2024, 4, 18, 12))
    d = add_done(me, "old #git #keep", date(2024, 4, 18), date(2024, 4, 18), tags=["rust"])
    assert d.tags == ("git", "keep", "rust")
    with change(me, "retag") as ch:
        store_tags.retag_text(me, ch, d.id, "old #git #keep", "new #keep #python")
    assert get_entry(me, d.id).tags == ("keep", "rust", "python")
    undo(me)
    assert get_entry(me, d.id).tags == ("git", "keep", "rust")
