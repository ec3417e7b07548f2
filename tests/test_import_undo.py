"""An import is one change: undo takes all of it back, and the same import then adds it again."""

from __future__ import annotations

from datetime import datetime

from conftest import SHARED
from studylog.paths import database_target
from studylog.store.db import Store


def rows(table: str) -> int:
    store = Store(database_target(None), "tester", datetime(2024, 4, 18, 12))
    try:
        return int(store.scalar(f"SELECT count(*) AS n FROM {table}"))
    finally:
        store.close()


def test_undo_an_import(cli):
    cli("done", "before the import", ok=True)
    page = SHARED / "formats" / "til-page-jekyll.md"
    report = cli("import", "til", str(page), "--json", ok=True).json()
    assert report["added"] == 76
    assert len(cli("log", "--json", ok=True).json()) == 77
    assert (
        cli("undo", ok=True).stdout.split(" (", 1)[1].rsplit(", ", 1)[0] == "import til: 76 entries, 31 item statuses"
    )
    assert [e["text"] for e in cli("log", "--json", ok=True).json()] == ["before the import"]
    assert cli("import", "til", str(page), "--json", ok=True).json()["added"] == 76
    cli("done", "after the import", ok=True)
    ids = [e["id"] for e in cli("log", "--json", ok=True).json()]
    assert len(ids) == len(set(ids)) == 78


def test_undo_takes_back_links_and_statuses(cli):
    """The entries, their second and later items (entry_item) and the statuses the import set."""
    page = SHARED / "formats" / "til-page-jekyll.md"
    cli("import", "til", str(page), ok=True)
    both = [e for e in cli("log", "--json", ok=True).json() if e["items"] == ["aisf/3", "aisf/4"]]
    assert len(both) == 1 and both[0]["item"] == "aisf/3"
    assert cli("curricula", "show", "aisf", "--json", ok=True).json()["items"][3]["status"] == "complete"
    assert (rows("entry_item"), rows("item_status")) == (1, 17)
    cli("undo", ok=True)
    assert (rows("entry_item"), rows("item_status"), rows("entry")) == (0, 0, 0)
    assert {i["status"] for i in cli("curricula", "show", "aisf", "--json", ok=True).json()["items"]} == {"not started"}
    assert {i["status"] for i in cli("curricula", "show", "dlc", "--json", ok=True).json()["items"]} == {"not started"}
    cli("import", "til", str(page), ok=True)  # and comes back whole
    both = [e for e in cli("log", "--json", ok=True).json() if e["items"] == ["aisf/3", "aisf/4"]]
    assert len(both) == 1
    assert cli("curricula", "show", "aisf", "--json", ok=True).json()["items"][3]["status"] == "complete"
