"""``studylog edit ID`` with options: text, hours, date, items and notes (replace, add, remove),
all in one change that one undo reverts, and a one-line refusal for each bad input."""

from __future__ import annotations

import pytest


def _entry(cli, entry_id: int) -> dict:
    return next(e for e in cli("log", "--json", ok=True).json() if e["id"] == entry_id)


def _notes(cli, entry_id: int) -> list[tuple[str, int]]:
    return [(n["text"], n["depth"]) for n in _entry(cli, entry_id)["notes"]]


def _changes(cli) -> list[str]:
    return [c["summary"] for c in cli("undo", "--list", "--json", ok=True).json()]


@pytest.fixture
def logged(cli):
    cli("done", "read the DPO paper", "-H", "2", "-n", "one", "-n", "\ttwo", "-n", "three", ok=True)
    return 1


def test_notes_are_removed_added_and_replaced(cli, logged):
    cli("edit", "1", "--rm-note", "2", "--rm-note", "3", "--add-note", "four", "--add-note", "\tfive", ok=True)
    assert _notes(cli, 1) == [("one", 0), ("four", 0), ("five", 1)]
    cli("edit", "1", "--note", "only", "--note", "  - nested", ok=True)  # two spaces or a tab: one level
    assert _notes(cli, 1) == [("only", 0), ("nested", 1)]
    cli("edit", "1", "--note", "a", "--add-note", "b", ok=True)  # allowed: the added ones come after
    assert _notes(cli, 1) == [("a", 0), ("b", 0)]
    cli("edit", "1", "--note", "", ok=True)  # --note '' alone: no notes
    assert _notes(cli, 1) == []


def test_everything_at_once_is_one_change_and_one_undo(cli, logged):
    before = _entry(cli, 1)
    cli(
        "edit", "1", "--text", "reread it", "--hours", "3", "--date", "2024-04-15..2024-04-17",
        "--item", "dlc/1", "--item", "dlc/2", "--rm-note", "1", "--add-note", "new", ok=True,
    )  # fmt: skip
    after = _entry(cli, 1)
    assert (after["text"], after["hours"], after["period"], after["items"]) == (
        "reread it",
        3.0,
        {"start": "2024-04-15", "end": "2024-04-17"},
        ["dlc/1", "dlc/2"],
    )
    assert [n["text"] for n in after["notes"]] == ["two", "three", "new"]
    assert _changes(cli)[0] == "edit entry 1" and len(_changes(cli)) == 2
    cli("undo", ok=True)
    assert _entry(cli, 1) == before


def test_items_are_relinked_in_order_and_unlinked(cli, logged):
    cli("edit", "1", "-i", "dlc/2", "-i", "makemore-4", "-i", "dlc/2", ok=True)  # a repeat counts once
    assert _entry(cli, 1)["items"] == ["dlc/2", "karpathy/5"]
    cli("edit", "1", "-i", "dlc/3", ok=True)
    entry = _entry(cli, 1)
    assert (entry["item"], entry["items"]) == ("dlc/3", ["dlc/3"])
    cli("edit", "1", "-i", "dlc/1", "-i", "dlc/2", ok=True)
    cli("edit", "1", "--item", "none", ok=True)
    assert (_entry(cli, 1)["item"], _entry(cli, 1)["items"]) == (None, [])
    cli("undo", ok=True)
    assert _entry(cli, 1)["items"] == ["dlc/1", "dlc/2"]


@pytest.mark.parametrize(
    "args, code, message",
    [
        (("edit", "9", "--text", "y"), 1, "no entry 9; see the ids with"),
        (("edit", "9"), 1, "no entry 9"),  # before any editor is looked for
        (("edit", "1", "--rm-note", "4"), 1, "there is no note 4: entry 1 has 3 notes; --rm-note takes 1 to 3"),
        (("edit", "1", "--rm-note", "0"), 2, "0 is not in the range x>=1"),
        (("edit", "1", "--rm-note", "1", "--note", "x"), 2, "--rm-note takes out some of the notes and --note"),
        (("edit", "1", "--hours", "lots"), 2, "cannot read 'lots' as hours"),
        (("edit", "1", "--hours", "25"), 2, "more than 24 hours"),
        (("edit", "1", "--hours", "0"), 2, "hours must be more than 0"),
        (("edit", "1", "--date", "someday"), 2, "cannot read 'someday' as a date"),
        (("edit", "1", "--date", "2024-02-30"), 2, "invalid date '2024-02-30'"),
        (("edit", "1", "--date", "tomorrow"), 2, "is in the future"),
        (("edit", "1", "--date", "2024-04-18..2024-04-10"), 2, "starts after it ends"),
        (("edit", "1", "--item", "dlc/10"), 2, "unknown item 'dlc/10'"),
        (("edit", "1", "--item", "none", "--item", "dlc/1"), 2, "--item none unlinks every item; give it alone"),
        (("edit", "1", "--text", " "), 2, "the text is empty"),
        (("edit", "1", "--add-note", " "), 2, "the note is empty"),
        (("edit", "1", "--note", "a", "--note", ""), 2, "the note is empty"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(cli, logged, args, code, message):
    before = (cli("log", "--json", ok=True).json(), _changes(cli))
    out = cli(*args)
    assert out.exit_code == code, (out.exit_code, out.stderr)
    assert message in out.stderr, out.stderr
    assert "Traceback" not in out.stderr + out.stdout
    if "range" not in message:  # (click's own usage error has its usage lines)
        assert out.stderr.count("\n") == 1 and out.stderr.startswith("studylog: error: "), out.stderr
    assert (cli("log", "--json", ok=True).json(), _changes(cli)) == before


def test_a_goal_takes_notes_but_no_hours(cli):
    cli("goal", "plan", "-n", "a", ok=True)
    cli("edit", "1", "--add-note", "b", ok=True)
    assert _notes(cli, 1) == [("a", 0), ("b", 0)]
    assert "is a goal; hours go on done items" in cli("edit", "1", "--hours", "2", ok=False).stderr


def test_rm_note_on_an_entry_without_notes(cli):
    cli("done", "bare", ok=True)
    assert "there is no note 1: entry 1 has no notes" in cli("edit", "1", "--rm-note", "1", ok=False).stderr


def test_the_help_says_what_edit_does(cli):
    out = " ".join(cli("edit", "--help", ok=True).stdout.split())
    assert "today (default)" not in out  # edit keeps the entry's own day unless --date is given
    for words in ("--note", "--add-note", "--rm-note", "$VISUAL", "$EDITOR", "A..B", "repeatable"):
        assert words in out, words


def test_edit_tags(cli):
    """Issue #14: tags change with the text's #words, and with --tag/--untag, in one change."""
    cli("done", "rebased onto main #git", "--hours", "1", "--tag", "tools", ok=True)
    out = cli("edit", "1", "--text", "rebased onto main #rust", ok=True)
    assert out.stdout.endswith("[tools, rust]\n")
    assert cli("log", "--json", ok=True).json()[0]["tags"] == ["tools", "rust"]
    cli("edit", "1", "--tag", "#Paper", "--untag", "tools", ok=True)
    assert cli("log", "--json", ok=True).json()[0]["tags"] == ["rust", "paper"]
    bad = cli("edit", "1", "--untag", "zzz", ok=False)
    assert bad.exit_code == 1 and "entry 1 has no tag 'zzz'" in bad.stderr
    assert "is not a tag" in cli("edit", "1", "--tag", "#12", ok=False).stderr
    cli("undo", ok=True)
    cli("undo", ok=True)
    assert cli("log", "--json", ok=True).json()[0]["tags"] == ["git", "tools"]


def test_edit_tags_in_the_editor(cli, tmp_path):
    import sys

    cli("done", "read the DPO paper #paper", "--hours", "1", ok=True)
    script = tmp_path / "ed.py"
    script.write_text(
        "import sys\np = sys.argv[1]\nt = open(p).read()\n"
        "open(p, 'w').write(t.replace('tags: paper', 'tags: paper, RLHF'))\n"
    )
    out = cli("edit", "1", env={"EDITOR": f"{sys.executable} {script}", "VISUAL": ""}, ok=True)
    assert out.stdout.endswith("[paper, rlhf]\n")
    script.write_text(
        "import sys\np = sys.argv[1]\nt = open(p).read()\nopen(p, 'w').write(t.replace('tags: paper, rlhf', 'tags: #1'))\n"
    )
    bad = cli("edit", "1", env={"EDITOR": f"{sys.executable} {script}", "VISUAL": ""}, ok=False)
    assert "(tags): '#1' is not a tag" in bad.stderr
