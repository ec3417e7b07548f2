"""An import is one change: undo takes all of it back, and the same import then adds it again."""

from __future__ import annotations

from conftest import SHARED


def test_undo_an_import(cli):
    cli("done", "before the import", ok=True)
    page = SHARED / "formats" / "til-page-jekyll.md"
    report = cli("import", "til", str(page), "--json", ok=True).json()
    assert report["added"] == 76
    assert len(cli("log", "--json", ok=True).json()) == 77
    assert cli("undo", ok=True).stdout == "Undid: import til: 76 entries\n"
    assert [e["text"] for e in cli("log", "--json", ok=True).json()] == ["before the import"]
    assert cli("import", "til", str(page), "--json", ok=True).json()["added"] == 76
    cli("done", "after the import", ok=True)
    ids = [e["id"] for e in cli("log", "--json", ok=True).json()]
    assert len(ids) == len(set(ids)) == 78
