"""``studylog search``: what it shows (highlighted on a terminal, plain when piped), its JSON, its
filters, the Korean TIL found by a Hangul word, and one clear line for each bad input."""

from __future__ import annotations

import pytest

from conftest import SHARED

KOREAN = SHARED / "formats" / "other-real-logs" / "til-monthly-korean-dreamingjudith.md"


@pytest.fixture
def logged(cli):
    cli("done", "read attention is all you need", "--hours", "1", "--item", "dlc/1", "--note", "multi-head Attention")
    cli("done", "transformers from scratch", "--hours", "2", "--date", "2024-04-17")
    cli("goal", "review c++ templates: part 1", "--date", "2024-04-16")
    cli("done", "backprop by hand", "--date", "2024-04-15", "--note", "with a tiny MLP")
    return cli


def test_plain_output_lists_best_first_with_matching_notes(logged):
    out = logged("search", "attention", ok=True).stdout
    assert out.splitlines() == [
        "date        id        text                            hours  item",
        "2024-04-18  #1  done  read attention is all you need     1h  dlc/1",
        "                        - multi-head Attention",
    ]


def test_phrases_prefixes_and_words_across_text_and_notes(logged):
    def ids(*args):
        return [r["id"] for r in logged("search", *args, "--json", ok=True).json()["results"]]

    assert ids("attention is all") == [1]  # one argument with spaces: a phrase
    assert ids("attention", "need") == [1]
    assert ids("is all attention") == []  # that phrase is not written anywhere
    assert ids("transform*") == [2, 1]  # its own text first, then dlc/1's title "Chapter 1: Transformers"
    assert ids("backprop", "mlp") == [4]
    assert ids("c++") == [3]
    assert ids("attention", "-multi") == []  # not an option: a word to leave out
    assert ids("attention", "-notes") == [1]
    assert ids("scratch", "--since", "2024-04-18") == []
    assert ids("transformers", "--until", "2024-04-17") == [2]
    assert ids("transformers", "--item", "dlc/1") == [1]
    assert len(ids("a", "--limit", "2")) == 2  # which two: the engine's ranking (docs/json.md)
    assert len(ids("a", "--limit", "0")) == 4


def test_json_shape(logged):
    data = logged("search", "attention", "--json", ok=True).json()
    assert data["query"] == "attention" and data["limit"] == 20
    [hit] = data["results"]
    assert set(hit) == {
        "id",
        "date",
        "kind",
        "text",
        "hours",
        "item",
        "items",
        "period",
        "notes",
        "rank",
        "matches",
    }
    assert hit["matches"] == {"text": [[5, 14]], "notes": [{"note": 0, "ranges": [[11, 20]]}], "items": []}
    assert hit["notes"] == [{"text": "multi-head Attention", "depth": 0}]
    assert isinstance(hit["rank"], float) and hit["kind"] == "done" and hit["items"] == ["dlc/1"]
    by_title = logged("search", "chapter", "--json", ok=True).json()["results"]
    assert [(r["id"], r["matches"]["items"]) for r in by_title] == [(1, ["dlc/1"])]


def test_matches_are_highlighted_on_a_terminal(logged, monkeypatch):
    import studylog.cli.output as output

    monkeypatch.setattr(output, "_terminal", lambda: True)
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "xterm")
    out = logged("search", "attention", ok=True).stdout
    assert "read \x1b[1;33mattention\x1b[0m is all" in out
    monkeypatch.setenv("NO_COLOR", "1")
    assert "read \x1b[1mattention\x1b[0m is all" in logged("search", "attention", ok=True).stdout


def test_the_korean_til_is_found_by_a_hangul_word(cli):
    cli("import", str(KOREAN), ok=True)
    found = cli("search", "환경변수", "--json", ok=True).json()["results"]  # written "환경변수로", "환경변수"
    assert [r["date"] for r in found] == ["2024-01-17"]
    assert found[0]["matches"]["text"] == [[15, 19]]
    papers = cli("search", "논문", "--json", ok=True).json()["results"]  # two syllables: "논문의", "논문"
    assert sorted(r["date"] for r in papers) == ["2024-01-10", "2024-01-11"]
    shown = cli("search", "논문", ok=True).stdout
    assert "- 이 논문의 경우에도" in shown


def test_tag_filter_is_normalised(cli, isolated):
    import os
    from datetime import datetime

    from studylog.store.db import Store

    cli("done", "git worktrees", ok=True)
    cli("done", "git rebase", ok=True)
    store = Store(os.environ.get("STUDYLOG_DB") or str(isolated / "studylog.db"), "tester", datetime(2024, 4, 18))
    with store.transaction():  # entry_tag as schema 7 keeps it (filled by another part of issue #14)
        store.execute("INSERT INTO entry_tag (id, entry_id, owner, tag) VALUES (1, 2, 'tester', 'tools')")
    store.close()
    assert [r["id"] for r in cli("search", "git", "--tag", "#Tools", "--json", ok=True).json()["results"]] == [2]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["search", ""], "nothing to search for"),
        (["search", "  "], "nothing to search for"),
        (["search", '"attention is'], 'a quote (") that is not closed'),
        (["search", "--", "-ppo"], "only says what to leave out"),
        (["search", "x", "--since", "someday"], "cannot read 'someday' as a date"),
        (["search", "x", "--since", "2024-04-18", "--until", "2024-04-01"], "is after --until"),
        (["search", "x", "--item", "dlc/999"], "unknown item 'dlc/999'"),
        (["search", "x", "--tag", "#12"], "is not a tag"),
        (["search", "x", "--limit", "-1"], "-1"),
        (["search", "x", "--limt", "5"], "no such option: --limt"),
    ],
)
def test_bad_input_is_one_line(cli, args, says):
    out = cli(*args, ok=False)
    assert out.exit_code == 2
    assert says in out.stderr
    assert "Traceback" not in out.stderr
    if "--limit" not in args:
        assert out.stderr.count("\n") == 1, out.stderr


def test_no_matches(logged):
    assert logged("search", "zzz", ok=True).stdout == "No entries match.\n"
    assert logged("search", "zzz", "--json", ok=True).json()["results"] == []


def test_more_than_the_limit_says_so(logged):
    out = logged("search", "a", "--limit", "2", ok=True).stdout
    assert out.splitlines()[-1] == "The best 2 shown; --limit N shows more (0: all)."


def test_texts_are_shown_safely(cli):
    cli("done", "evil \x1b[2J attention \u202e text", ok=True)
    out = cli("search", "attention", ok=True).stdout
    assert "\x1b" not in out and "\u202e" not in out
    assert "␛[2J attention" in out
