"""Ids are never reused (issue #13 item 6): an id that was taken stays taken, across owners and
after removal, so undo can always put back what it took away."""

from __future__ import annotations

import shutil

import pytest

from conftest import REPO


def _id(out: str) -> int:
    return int(out.split("#", 1)[1].split()[0].rstrip(":"))


def test_an_id_removed_by_one_owner_is_not_given_to_another(cli):
    alice, bob = {"STUDYLOG_OWNER": "alice"}, {"STUDYLOG_OWNER": "bob"}
    cli("done", "alice one", env=alice, ok=True)
    second = _id(cli("done", "alice two", env=alice, ok=True).stdout)
    cli("rm", str(second), env=alice, ok=True)
    bobs = _id(cli("done", "bob one", env=bob, ok=True).stdout)
    assert bobs != second
    cli("undo", env=alice, ok=True)  # puts "alice two" back under its own id
    texts = {(e["id"], e["text"]) for e in cli("log", "--json", env=alice, ok=True).json()}
    assert (second, "alice two") in texts
    assert [e["text"] for e in cli("log", "--json", env=bob, ok=True).json()] == ["bob one"]


def test_the_newest_id_undone_is_not_taken_again(cli):
    first = _id(cli("done", "first", ok=True).stdout)
    cli("undo", ok=True)
    again = _id(cli("done", "again", ok=True).stdout)
    assert again > first


def test_many_rows_at_once_take_fresh_ids_too(cli, tmp_path):
    log = tmp_path / "log.md"
    log.write_text("## 2024-04-01\n- a\n- b\n- c\n", encoding="utf-8")
    cli("import", "markdown", str(log), ok=True)
    top = max(e["id"] for e in cli("log", "--json", ok=True).json())
    cli("undo", ok=True)
    new = _id(cli("done", "after the undo", ok=True).stdout)
    assert new > top


@pytest.mark.sqlite_only
def test_an_upgraded_store_never_reuses_the_ids_it_had(cli, isolated):
    isolated.mkdir(parents=True)
    shutil.copy(REPO / "tests" / "fixtures" / "schema-v4.db", isolated / "studylog.db")
    top = max(e["id"] for e in cli("log", "--json", "--all-owners", ok=True).json())
    cli("rm", str(top), ok=True)
    assert _id(cli("done", "new", ok=True).stdout) > top
