"""Your own curricula: loaded from the data folder, replacing shipped ones by id, and broken
files reported by file, line and field."""

from __future__ import annotations

import pytest

from conftest import REPO, user_curriculum

MINI = """\
format: 1
id: {cid}
title: {title}
url: https://example.org
items:
  - id: "1"
    title: First
    kind: chapter
    aliases: [{alias}]
"""


def test_user_curriculum_loads_beside_shipped(cli, isolated):
    user_curriculum(isolated, "linalg.yaml", (REPO / "examples" / "my-curriculum.yaml").read_text())
    data = cli("curricula", "list", "--json", ok=True).json()
    mine = next(c for c in data if c["id"] == "linalg")
    assert (mine["source"], mine["replaces"]) == ("user", None)
    cli("start", "la-vectors", ok=True)
    assert cli("curricula", "show", "linalg", "--json").json()["items"][0]["status"] == "started"


def test_user_file_replaces_shipped_and_list_says_so(cli, isolated):
    path = user_curriculum(isolated, "my-dlc.yaml", MINI.format(cid="dlc", title="My DLC", alias="mine-1"))
    data = cli("curricula", "list", "--json", ok=True).json()
    dlc = next(c for c in data if c["id"] == "dlc")
    assert (dlc["title"], dlc["items"], dlc["source"], dlc["file"]) == ("My DLC", 1, "user", str(path))
    assert dlc["replaces"].endswith("dlc.yaml")
    text = cli("curricula", "list", ok=True, env={"COLUMNS": "200"}).stdout
    assert f"dlc: your {path} replaces the shipped dlc" in text
    assert "unknown item 'dlc/2'" in cli("start", "dlc/2", ok=False).stderr


def test_two_user_files_with_one_id_is_an_error(cli, isolated):
    user_curriculum(isolated, "a.yaml", MINI.format(cid="mine", title="A", alias="a-1"))
    user_curriculum(isolated, "b.yaml", MINI.format(cid="mine", title="B", alias="b-1"))
    out = cli("curricula", "list", ok=False)
    assert "two curriculum files use the id 'mine'" in out.stderr
    assert out.stderr.count("\n") == 1


def test_broken_user_file_names_file_line_and_field(cli, isolated):
    path = user_curriculum(
        isolated, "bad.yaml", MINI.format(cid="mine", title="T", alias="x").replace("kind: chapter", "kind: chapterr")
    )
    out = cli("start", "dlc/1", ok=False)
    assert out.exit_code == 1
    assert out.stderr.startswith(f"studylog: error: {path}:8:5: items[0].kind: Input should be")
    assert out.stderr.count("\n") == 1
    assert cli("log", "--json", ok=True).json() == []  # commands that need no curricula still work


def test_malformed_user_yaml(cli, isolated):
    path = user_curriculum(isolated, "bad.yaml", "id: x\ntitle: [oops\n")
    out = cli("start", "dlc/1", ok=False)
    assert out.stderr.startswith(f"studylog: error: {path}:")
    assert "malformed YAML" in out.stderr
    listed = cli("curricula", "list", ok=True)  # the listing names the broken file and lists the others
    assert "dlc" in listed.stdout and listed.stderr.startswith(f"studylog: warning: {path}:")


def test_ambiguous_alias_across_curricula(cli, isolated):
    user_curriculum(isolated, "a.yaml", MINI.format(cid="first", title="A", alias="shared"))
    user_curriculum(isolated, "b.yaml", MINI.format(cid="second", title="B", alias="shared"))
    out = cli("start", "shared", ok=False)
    assert "'shared' names more than one item (first/1, second/1); give the full reference" in out.stderr
    cli("start", "second/shared", ok=True)


def test_shipped_cross_references_resolve(cli):
    from studylog.curriculum.catalog import load_catalog
    from studylog.paths import shipped_curricula_dir

    cat = load_catalog(shipped_curricula_dir(), None)
    assert cat.link_problems() == []
    for c in cat.curricula.values():
        for item in c.items:
            for ref in [*item.prerequisites, *item.helps]:
                full = ref if "/" in ref else f"{c.id}/{ref}"
                assert cat.lookup(full) is not None, full


def test_validate_reports_dangling_cross_references(cli, tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(MINI.format(cid="mine", title="T", alias="m1") + '    prerequisites: ["karpathy/99"]\n')
    out = cli("curricula", "validate", str(path), ok=False)
    assert out.stdout == f"{path}: mine/1 prerequisites: no item 'karpathy/99'\n"
    path.write_text(MINI.format(cid="mine", title="T", alias="m1") + '    prerequisites: ["karpathy/1"]\n')
    assert cli("curricula", "validate", str(path), ok=True).stdout == f"{path}: ok (mine: 1 items)\n"


READING = """\
id: reading
title: My reading list
items:
  - id: dpo
    title: Direct Preference Optimization
    kind: paper
  - id: cs25
    title: Stanford CS25, Nathan Lambert on RLHF
    kind: talk
  - {id: book, title: Deep Learning, kind: book}
  - {id: post, title: A blog post, kind: post}
  - {id: course, title: A course, kind: course}
  - {id: misc, title: Something else, kind: other}
"""


def test_a_reading_list_of_ones_own_needs_no_urls_and_has_its_kinds(cli, isolated):
    """Issue #14: user YAML takes the kinds of the learner's own material (paper, post, talk,
    course, book, other) and a url neither for the list nor for its items."""
    path = user_curriculum(isolated, "reading.yaml", READING)
    assert cli("curricula", "validate", str(path), ok=True).stdout.endswith("ok (reading: 6 items)\n")
    cli("done", "1st pass of the DPO paper", "-H", "1.5", "--item", "reading/dpo", "--complete", ok=True)
    shown = cli("curricula", "show", "reading", ok=True).stdout
    assert "reading/dpo" in shown and "1/6 complete\n" in shown  # no " · url" after it
    data = cli("curricula", "show", "reading", "--json", ok=True).json()
    assert data["url"] is None and [i["url"] for i in data["items"]] == [None] * 6
    assert "1/6 complete" in cli("progress", "reading", ok=True).stdout
    cli("export", "til", "--out", str(isolated / "til.md"), ok=True)
    assert "Around 1.5 hours: 1st pass of the DPO paper" in (isolated / "til.md").read_text()  # no link to make


def test_an_unknown_kind_is_named_with_the_kinds_there_are(cli, isolated):
    path = user_curriculum(isolated, "reading.yaml", READING.replace("kind: paper", "kind: article"))
    bad = cli("curricula", "validate", str(path), ok=False)
    assert "items[0].kind" in bad.stdout + bad.stderr and "'paper'" in bad.stdout + bad.stderr


def test_imported_lines_link_to_a_reading_list_by_url(cli, isolated):
    """The learner's daily notes link the papers' PDFs (``…/pdf/2305.18290.pdf``,
    ``…/pdf/2403.07691v2.pdf``); a reading list naming their abstract pages gets those lines."""
    user_curriculum(
        isolated,
        "reading.yaml",
        "id: reading\ntitle: Reading\nitems:\n"
        "  - {id: dpo, title: Direct Preference Optimization, kind: paper, url: 'https://arxiv.org/abs/2305.18290'}\n"
        "  - {id: orpo, title: ORPO, kind: paper, url: 'https://arxiv.org/abs/2403.07691'}\n",
    )
    notes = REPO / "tests" / "fixtures" / "shared" / "formats" / "daily-notes-goals-done.md"
    cli("import", str(notes), ok=True)
    linked = {e["text"]: e["item"] for e in cli("log", "--json", ok=True).json() if e["item"]}
    assert linked["1st pass of reading [DPO paper](https://arxiv.org/pdf/2305.18290.pdf)"] == "reading/dpo"
    assert linked["skim [ORPO paper](https://arxiv.org/pdf/2403.07691v2.pdf)"] == "reading/orpo"


def test_items_lists_your_own_lists_with_status_and_hours(cli, isolated):
    """Issue #14: ``items [LIST] [--status S] [--kind K]``."""
    user_curriculum(isolated, "reading.yaml", READING)
    assert "no lists of your own" not in cli("items", ok=True).stdout
    cli("done", "read DPO", "-H", "2", "--item", "reading/dpo", "--complete", ok=True)
    cli("start", "reading/cs25", ok=True)
    rows = cli("items", "--json", ok=True).json()
    assert [r["ref"] for r in rows] == [
        "reading/dpo", "reading/cs25", "reading/book", "reading/post", "reading/course", "reading/misc"
    ]  # fmt: skip
    dpo = rows[0]
    assert (dpo["list"], dpo["kind"], dpo["status"], dpo["hours"], dpo["completed_on"]) == (
        "reading", "paper", "complete", 2, "2024-04-18"
    )  # fmt: skip
    assert [r["ref"] for r in cli("items", "--kind", "talk", "--json", ok=True).json()] == ["reading/cs25"]
    assert [r["ref"] for r in cli("items", "--status", "started", "--json", ok=True).json()] == ["reading/cs25"]
    assert len(cli("items", "--status", "not-started", "--json", ok=True).json()) == 4
    shown = cli("items", ok=True).stdout
    assert "reading/dpo" in shown and "complete 2024-04-18" in shown and "2h" in shown
    assert [r["ref"] for r in cli("items", "dlc", "--json", ok=True).json()][:2] == ["dlc/1", "dlc/2"]  # any curriculum
    assert cli("items", "--kind", "paper", "--status", "skipped", ok=True).stdout == "No items match.\n"


def test_items_without_lists_says_how_to_make_one(cli, isolated):
    out = cli("items", ok=True).stdout
    assert out.startswith("You have no lists of your own yet: put a YAML file in ")
    assert cli("items", "--json", ok=True).json() == []


@pytest.mark.parametrize(
    "args, message",
    [
        (("--status", "done"), "--status must be one of not-started, started, complete, skipped, not 'done'"),
        (("--kind", "article"), "--kind must be one of chapter, "),
        (("nosuch",), "unknown curriculum 'nosuch'"),
    ],
)
def test_items_bad_filters_are_one_line(cli, args, message):
    bad = cli("items", *args, ok=False)
    assert bad.exit_code == 2 and bad.stderr.startswith(f"studylog: error: {message}")


def test_readings_can_be_checked_off_by_their_reference(cli):
    """Issue #14: each reading of an item has a reference (dlc/1/r1: the first recommended one);
    complete, skip, start and done --item take it, curricula show counts them per item."""
    out = cli("complete", "dlc/1/r1", ok=True).stdout
    assert out.startswith("Completed dlc/1/r1 Attention Is All You Need (Section 3) on 2024-04-18")
    cli("done", "read the scaling laws paper", "-H", "1.5", "--item", "dlc/2/r1", ok=True)
    data = cli("curricula", "show", "dlc", "--json", ok=True).json()
    first, second = data["items"][0], data["items"][1]
    assert [(r["ref"], r["optional"], r["status"]) for r in first["readings"]] == [("dlc/1/r1", False, "complete")]
    assert second["readings"][0]["status"] == "started"  # work logged on it starts it
    assert first["status"] == "not started"  # the item itself is its own status
    shown = cli("curricula", "show", "dlc", ok=True).stdout
    assert "1 of 1 recommended readings done" in shown
    assert cli("doctor", ok=True).exit_code == 0  # a reading is a known reference
    bad = cli("complete", "dlc/1/r9", ok=False)
    assert bad.exit_code == 2 and "unknown item 'dlc/1/r9'; did you mean dlc/1/r1" in bad.stderr
    cli("undo", ok=True)
    cli("undo", ok=True)
    assert cli("curricula", "show", "dlc", "--json", ok=True).json()["items"][0]["readings"][0]["status"] == (
        "not started"
    )


def test_progress_of_a_curriculum_counts_each_items_readings(cli):
    cli("complete", "dlc/1/r1", ok=True)
    detail = cli("progress", "dlc", "--json", ok=True).json()[0]
    assert detail["items"][0]["readings"] == {
        "recommended_done": 1, "recommended": 1, "optional_done": 0, "optional": 0
    }  # fmt: skip
    assert detail["complete"] == 0  # a reading done is not its item done
    assert "1 of 1 recommended readings done" in cli("progress", "dlc", ok=True).stdout


def test_hours_on_a_reading_count_toward_its_item(cli):
    cli("done", "read Attention Is All You Need", "--hours", "2", "--item", "dlc/1/r1", ok=True)
    cli("done", "chapter 1 exercises", "--hours", "1", "--item", "dlc/1", ok=True)
    progress = cli("progress", "dlc", "--json", ok=True).json()[0]
    assert progress["hours"] == 3.0
    assert progress["items"][0]["ref"] == "dlc/1" and progress["items"][0]["hours"] == 3.0
    assert cli("items", "dlc", "--json", ok=True).json()[0]["hours"] == 3.0


def test_reading_item():
    from studylog.curriculum.index import reading_item

    assert reading_item("dlc/1/r1") == "dlc/1"
    assert reading_item("dlc/1/o12") == "dlc/1"
    assert reading_item("dlc/1") == "dlc/1"
    assert reading_item("reading/dpo") == "reading/dpo"
    assert reading_item("a/b/rx") == "a/b/rx"
