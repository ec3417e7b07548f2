"""A big import holds one batch of entries at a time, not the whole file (flat memory, issue #5)."""

from __future__ import annotations

import gc
import os

import pytest

from studylog.imported import ImportedEntry
from studylog.importers import forked
from studylog.store import imports


def _log(days: int, per_day: int) -> str:
    lines = ["# Learning log", ""]
    for n in range(days):
        lines += [f"## 2023-{1 + n // 28:02d}-{1 + n % 28:02d}", ""]
        lines += [f"- studied topic {n}.{k} (1h)\n\t- a note on {k}" for k in range(per_day)]
        lines.append("")
    return "\n".join(lines)


@pytest.mark.parametrize("fork", ["0", "1"], ids=["in-process", "forked"])
def test_markdown_import_is_streamed_in_batches(cli, tmp_path, monkeypatch, fork):
    if fork == "1" and not hasattr(os, "fork"):
        pytest.skip("the forked reader needs os.fork")
    monkeypatch.setenv("STUDYLOG_IMPORT_FORK", fork)
    path = tmp_path / "log.md"
    path.write_text(_log(40, 25), encoding="utf-8")  # 1000 entries
    monkeypatch.setattr(imports, "BATCH", 50)
    live: list[int] = []
    existing = imports._existing

    def spy(store, keys):
        live.append(sum(isinstance(o, ImportedEntry) for o in gc.get_objects()))
        return existing(store, keys)

    monkeypatch.setattr(imports, "_existing", spy)
    report = cli("import", "markdown", str(path), "--json", ok=True).json()
    assert report["entries"] == report["added"] == 1000 and report["days"] == 40
    assert len(live) == 20
    # this batch, and at most the rest of the section being read; read in a child, also the one
    # message of events the parent is taking apart
    assert max(live) <= 50 + 25 + (forked.BATCH if fork == "1" else 0)
    again = cli("import", "markdown", str(path), "--json", ok=True).json()
    assert again["added"] == 0 and again["already_imported"] == 1000


def test_identical_entries_get_their_occurrence_across_batches(cli, tmp_path, monkeypatch):
    path = tmp_path / "log.md"
    path.write_text(
        "## 2023-05-01\n\n" + "- the same thing\n" * 120 + "\n## 2023-05-02\n\n- the same thing\n", encoding="utf-8"
    )
    monkeypatch.setattr(imports, "BATCH", 50)
    assert cli("import", "markdown", str(path), "--json", ok=True).json()["added"] == 121
    assert cli("import", "markdown", str(path), "--json", ok=True).json()["already_imported"] == 121


def test_occurrences_match_a_plain_counter():
    from collections import Counter
    from datetime import date

    entries = [ImportedEntry("done", date(2023, 1, 1 + n % 3), f"text {n % 7}", n) for n in range(3000)]
    seen: Counter[str] = Counter()
    expected = []
    for e in entries:
        base = imports.source_key("markdown", e, 0)
        expected.append(imports.source_key("markdown", e, seen[base]))
        seen[base] += 1
    unique = [ImportedEntry("done", date(2023, 1, 1), f"unique {n}", n) for n in range(5000)]  # grows the table
    occurrences = imports._Occurrences()
    assert [occurrences.key("markdown", e) for e in unique] == [imports.source_key("markdown", e, 0) for e in unique]
    assert [occurrences.key("markdown", e) for e in entries] == expected


def test_linked_packs_its_tuples():
    linked = imports.Linked()
    rows = [(n, f"dlc/{n % 4}", f"text é {n}\n") for n in range(1, 200)]
    for row in rows:
        linked.append(*row)
    assert len(linked) == 199 and list(linked) == rows and linked[:30] == rows[:30] and linked[-1] == rows[-1]
    assert imports.ImportSummary(linked=linked).to_json()["linked"][0] == {
        "line": 1,
        "item": "dlc/1",
        "items": ["dlc/1"],
        "text": "text é 1\n",
    }
    linked.append(7, ["aisf/3", "aisf/4"], "two weeks")
    assert linked[-1] == (7, "aisf/3", "two weeks") and linked.items(len(linked) - 1) == ["aisf/3", "aisf/4"]


def test_streamed_json_is_the_same_text_as_json_dumps(capsys):
    import json

    from studylog.cli.output import echo_json

    for data in (
        {"a": 1, "linked": [], "b": [1, {"c": "é"}]},
        {"linked": [{"line": 1, "text": "x\ny"}, {"line": 2, "nested": {"k": [1, 2]}}], "z": None},
    ):
        echo_json({k: iter(v) if k == "linked" else v for k, v in data.items()}, streamed={"linked"})
        assert capsys.readouterr().out == json.dumps(data, indent=2, ensure_ascii=False) + "\n"
