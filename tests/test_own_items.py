"""Items of the learner's own (issue #14): add, edit-item, rm-item, done --url --add, and their
lists behaving as curricula everywhere (done --item, progress, next, curricula, items, imports)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from studylog.curriculum.own import SLUG_PATTERN, slug_for, title_from_text

DPO = "https://arxiv.org/pdf/2305.18290.pdf"


def test_add_prints_a_reference_that_can_be_typed(cli):
    out = cli("add", "paper", "DPO paper", "--url", DPO, "--estimate", "3", "--tag", "#RLHF", ok=True)
    assert out.stdout == "Added reading/dpo (paper): DPO paper; it also answers to 2305.18290\n"
    item = cli("add", "talk", "Stanford CS25 lecture from Nathan Lambert", "--list", "talks", "--json", ok=True).json()
    assert item == {
        "ref": "talks/stanford-cs25-lecture-from",
        "list": "talks",
        "id": "stanford-cs25-lecture-from",
        "title": "Stanford CS25 lecture from Nathan Lambert",
        "kind": "talk",
        "url": None,
        "alias": None,
        "estimate": None,
        "tags": [],
    }
    for name in ("reading/dpo", "dpo", "2305.18290", "READING/DPO"):
        out = cli("done", f"read it ({name})", "--hours", "1", "--item", name, ok=True)
        assert "reading/dpo" in out.stdout
    assert [d["item"] for d in cli("log", "--json", ok=True).json()] == ["reading/dpo"] * 4


def test_own_lists_are_curricula(cli):
    cli("add", "paper", "DPO paper", "--url", DPO, "--estimate", "2-4", ok=True)
    cli("add", "paper", "ORPO paper", "--url", "https://arxiv.org/abs/2403.07691", ok=True)
    cli("add", "project", "Applied to FAR.AI tech lead job", "--list", "career", ok=True)
    cli("done", "1st pass of reading DPO", "--hours", "1.5", "--item", "dpo", ok=True)
    cli("complete", "reading/orpo", ok=True)
    listed = {c["id"]: c for c in cli("curricula", "list", "--json", ok=True).json()}
    assert listed["reading"] | {"title": None} == {
        "id": "reading",
        "title": None,
        "edition": None,
        "items": 2,
        "url": None,
        "source": "store",
        "file": None,
        "replaces": None,
    }
    assert listed["career"]["title"] == "Career"
    shown = cli("curricula", "show", "reading", "--json", ok=True).json()
    assert [(i["ref"], i["status"]) for i in shown["items"]] == [
        ("reading/dpo", "started"),
        ("reading/orpo", "complete"),
    ]
    progress = cli("progress", "reading", "--json", ok=True).json()[0]
    assert (progress["complete"], progress["total"]) == (1, 2)
    assert cli("next", "reading", "--json", ok=True).json()[0]["ref"] == "reading/dpo"
    items = cli("items", "--json", ok=True).json()
    assert [(i["ref"], i["status"], i["hours"]) for i in items] == [
        ("career/applied-far-ai-tech", "not started", 0),
        ("reading/dpo", "started", 1.5),
        ("reading/orpo", "complete", 0),
    ]
    assert [i["ref"] for i in cli("items", "reading", "--kind", "paper", "--json", ok=True).json()] == [
        "reading/dpo",
        "reading/orpo",
    ]
    assert "ok  items" in cli("doctor", ok=True).stdout


def test_own_items_belong_to_their_owner(cli):
    cli("add", "paper", "DPO paper", "--url", DPO, ok=True)
    other = cli("done", "x", "--item", "reading/dpo", env={"STUDYLOG_OWNER": "someone-else"}, ok=False)
    assert "unknown item 'reading/dpo'" in other.stderr
    assert cli("items", "--json", env={"STUDYLOG_OWNER": "someone-else"}, ok=True).json() == []


def test_references_stay_unique(cli):
    cli("add", "paper", "DPO paper", ok=True)
    assert cli("add", "paper", "The DPO Paper", ok=True).stdout.startswith("Added reading/dpo-2 ")
    out = cli("add", "paper", "another", "--id", "DPO", ok=False)
    assert out.exit_code == 1  # the list has it already: a conflict, not a usage error
    assert out.stderr == "studylog: error: your list 'reading' already has an item reading/DPO; choose another --id\n"


def test_one_url_one_item(cli):
    cli("add", "paper", "DPO paper", "--url", DPO, ok=True)
    out = cli("add", "paper", "Direct Preference Optimization", "--url", "https://arxiv.org/abs/2305.18290v3", ok=False)
    assert "reading/dpo (DPO paper) already has that URL" in out.stderr
    assert [i["ref"] for i in cli("items", "--json", ok=True).json()] == ["reading/dpo"]


def test_bad_input_is_one_line_and_adds_nothing(cli):
    cases = {
        ("add", "papr", "x"): "'papr' is not a kind of item",
        ("add", "paper", "x", "--list", "dlc"): "'dlc' is a curriculum defined in a file, not a list of your own",
        ("add", "paper", "x", "--list", "My List"): "'My List' is not a list name",
        ("add", "paper", "x", "--url", "arxiv dot org"): "'arxiv dot org' is not a web address",
        ("add", "paper", "x", "--url", "ftp://example.com/x"): "is not a web address",
        ("add", "paper", "  "): "the title is empty",
        ("add", "paper", "x", "--estimate", "lots"): "'lots' is not an estimate",
        ("add", "paper", "x", "--tag", "two words"): "'two words' is not a tag",
        ("add", "paper", "x", "--id", "-x"): "'-x' cannot be a reference",
        ("items", "nolist"): "unknown curriculum 'nolist'",
        ("edit-item", "dlc/1", "--title", "x"): "dlc/1 is an item of a curriculum file, not one of your own",
        ("rm-item", "nothing-here"): "unknown item 'nothing-here'",
        ("done", "x", "--add", "paper"): "--add needs --url",
    }
    for args, message in cases.items():
        out = cli(*args, ok=False)
        assert out.exit_code == 2, args
        assert message in out.stderr, (args, out.stderr)
        assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
    assert cli("items", "--json", ok=True).json() == []
    assert cli("undo", "--list", "--json", ok=True).json() == []


def test_edit_item_changes_what_is_given_and_undo_puts_it_back(cli):
    cli("add", "paper", "DPO paper", "--url", DPO, "--tag", "rlhf", ok=True)
    out = cli(
        "edit-item", "dpo", "--title", "Direct Preference Optimization", "--tag", "paper", "--untag", "rlhf",
        "--estimate", "2-3", "--json", ok=True,
    ).json()  # fmt: skip
    assert (out["ref"], out["title"], out["tags"], out["estimate"]) == (
        "reading/dpo",
        "Direct Preference Optimization",
        ["paper"],
        {"low": 2.0, "high": 3.0},
    )
    assert cli("edit-item", "dpo", "--url", "none", "--json", ok=True).json()["alias"] is None
    assert "no tag 'zzz'" in cli("edit-item", "dpo", "--untag", "zzz", ok=False).stderr
    assert "nothing to change" in cli("edit-item", "dpo", ok=False).stderr
    cli("undo", ok=True)
    cli("undo", ok=True)
    back = cli("items", "--json", ok=True).json()[0]
    assert (back["title"], back["url"]) == ("DPO paper", DPO)


def test_rm_item_keeps_logged_work_unless_forced(cli):
    cli("add", "paper", "DPO paper", "--url", DPO, ok=True)
    cli("done", "read DPO", "--hours", "1", "--item", "dpo", "--complete", ok=True)
    out = cli("rm-item", "dpo", ok=False)
    assert out.stderr.startswith("studylog: error: 1 entry links to reading/dpo; give --force")
    out = cli("rm-item", "dpo", "--force", ok=True)
    assert out.stdout == "Removed reading/dpo (paper): DPO paper; 1 entry keeps its reference\n"
    assert cli("items", "--json", ok=True).json() == []
    assert cli("log", "--json", ok=True).json()[0]["item"] == "reading/dpo"
    cli("undo", ok=True)
    assert cli("items", "--json", ok=True).json()[0]["status"] == "complete"
    cli("add", "talk", "A talk", ok=True)
    assert cli("rm-item", "a-talk", ok=True).stdout == "Removed reading/a-talk (talk): A talk\n"


def test_done_url_add_creates_and_links_in_one_change(cli):
    url = "https://arxiv.org/abs/2403.07691"
    out = cli("done", f"skim [ORPO paper]({url})", "--url", url, "--add", "paper", "--hours", "0.5", ok=True)
    assert out.stdout.splitlines() == [
        "Added reading/orpo (paper): ORPO paper",
        f"Done #1 on 2024-04-18: skim [ORPO paper]({url}) (0.5h, reading/orpo)",
    ]
    # the next time, the URL is known (written another way): --add links to the item it has
    out = cli("done", "2nd pass", "--url", "https://arxiv.org/pdf/2403.07691v2", "--add", "paper", ok=True)
    assert out.stdout == "Done #2 on 2024-04-18: 2nd pass (reading/orpo)\n"
    cli("undo", ok=True)
    cli("undo", ok=True)
    assert cli("items", "--json", ok=True).json() == []
    assert cli("log", "--json", ok=True).json() == []
    out = cli("done", "x", "--url", "https://example.com/talk", ok=False)
    assert "add it with --add KIND" in out.stderr


def test_imports_link_lines_to_own_items_by_url(cli, isolated, tmp_path):
    cli("add", "paper", "DPO paper", "--url", "https://arxiv.org/abs/2305.18290", ok=True)
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "2024-04-17.md").write_text(
        "Goals:\n- read DPO\n\nDone:\n- 1st pass of reading [DPO paper](https://arxiv.org/pdf/2305.18290.pdf)\n"
    )
    cli("import", str(notes), ok=True)
    done = [e for e in cli("log", "--json", ok=True).json() if e["kind"] == "done"]
    assert [(d["date"], d["item"]) for d in done] == [("2024-04-17", "reading/dpo")]


def test_a_curriculum_file_named_like_a_list_takes_its_items(cli, isolated):
    from conftest import user_curriculum

    cli("add", "paper", "DPO paper", "--list", "papers", ok=True)
    user_curriculum(
        isolated,
        "papers.yaml",
        "id: papers\ntitle: Papers\nitems:\n  - {id: attn, title: Attention Is All You Need, kind: paper}\n",
    )
    shown = cli("curricula", "show", "papers", "--json", ok=True).json()
    assert [i["ref"] for i in shown["items"]] == ["papers/attn", "papers/dpo"]
    assert "is a curriculum defined in a file" in cli("add", "paper", "x", "--list", "papers", ok=False).stderr


def test_slugs():
    assert slug_for("DPO paper", "paper") == "dpo"
    assert slug_for("The Annotated Transformer", "post") == "annotated-transformer"
    assert slug_for("Attention Is All You Need (Section 3)", "paper") == "attention-is-all-you"
    assert slug_for("Révision générale", "book") == "revision-generale"
    assert slug_for("트랜스포머 논문", "paper") == "paper"
    assert slug_for("DPO paper", "paper", ["dpo", "DPO-2"]) == "dpo-3"
    assert title_from_text("skim [ORPO paper](https://x.org/a) today", "https://x.org/a") == "ORPO paper"
    assert title_from_text("watched it", "https://x.org/a") == "watched it"


@given(st.text(max_size=80), st.sampled_from(["paper", "talk", "other"]), st.lists(st.text(max_size=12), max_size=5))
def test_a_slug_is_always_a_reference_and_never_taken(title, kind, taken):
    slug = slug_for(title, kind, taken)
    assert SLUG_PATTERN.fullmatch(slug)
    assert slug.lower() not in {t.lower() for t in taken}


def test_own_items_go_into_the_backup_and_come_back(cli, tmp_path, switch_store):
    cli("add", "paper", "DPO paper", "--url", DPO, "--estimate", "2-4", "--tag", "rlhf", ok=True)
    cli("add", "talk", "Nathan Lambert at CS25", "--list", "talks", ok=True)
    cli("done", "read DPO", "--hours", "1", "--item", "dpo", "--complete", ok=True)
    backup = tmp_path / "backup.json"
    cli("export", "json", "--out", str(backup), ok=True)
    saved = json.loads(backup.read_text())
    assert [(i["list"], i["id"], i["estimate"], i["tags"]) for i in saved["own_items"]] == [
        ("reading", "dpo", {"low": 2.0, "high": 4.0}, ["rlhf"]),
        ("talks", "nathan-lambert-at-cs25", None, []),
    ]
    before = cli("items", "--json", ok=True).json()
    switch_store()
    out = cli("import", str(backup), ok=True)
    assert "2 items of your own" in out.stdout
    assert cli("items", "--json", ok=True).json() == before
    again = cli("import", str(backup), "--json", ok=True).json()
    assert (again["entries"], again["own_items"]) == (0, 0)  # idempotent
    assert cli("progress", "reading", "--json", ok=True).json()[0]["complete"] == 1


def test_a_backup_with_a_broken_own_item_adds_nothing(cli, tmp_path):
    cli("add", "paper", "DPO paper", ok=True)
    backup = tmp_path / "backup.json"
    cli("export", "json", "--out", str(backup), ok=True)
    data = json.loads(backup.read_text())
    cli("rm-item", "dpo", ok=True)
    for broken, message in [
        ({"kind": "poem"}, "own item 0: kind must be a kind of item"),
        ({"list": "My List"}, "own item 0: list must be a list name"),
        ({"title": " "}, "own item 0: title must not be empty"),
        ({"colour": "red"}, "own item 0: colour is not a field of the backup format"),
    ]:
        bad = dict(data, own_items=[{**data["own_items"][0], **broken}])
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(bad))
        out = cli("import", str(path), ok=False)
        assert message in out.stderr, out.stderr
        assert cli("items", "--json", ok=True).json() == []
