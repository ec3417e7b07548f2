"""The search index (schema 8) and ``store.search``: the index's own objects (which the schema
comparison in test_store.py leaves out), kept in step by every kind of write (a done with notes,
an edit, rm, undo, a bulk import), checked and rebuilt by doctor, and the same entries found for the
same queries on SQLite and PostgreSQL."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ON_PG, PG_SERVER, _pg_database
from studylog.errors import UsageError
from studylog.search_query import parse
from studylog.store import entries
from studylog.store.db import Store
from studylog.store.maintenance import doctor
from studylog.store.records import Note
from studylog.store.search import search
from studylog.store.search_index import SEARCH_INDEXES_PG, SEARCH_TABLES, SEARCH_TRIGGERS

NOW = datetime(2024, 4, 18, 9, 30)
TODAY = date(2024, 4, 18)
FIXTURES = Path(__file__).parent / "fixtures"


def _fill(store: Store) -> dict[str, int]:
    """A small history; the ids by a short name."""
    ids = {}

    def done(name, text, day, notes=(), item=None, hours=None):
        ids[name] = entries.add_done(
            store, text, day, TODAY, hours=hours, item=item, notes=[Note(n, 0) for n in notes]
        ).id

    done("attn", "read attention is all you need", date(2024, 4, 10), ["multi-head attention", "RL aside"], "dlc/1")
    done("attn2", "attention again, shorter", date(2024, 4, 12))
    done("trans", "Transformers from scratch", date(2024, 4, 11), ["positional encodings"])
    done("ko", "Ubuntu Linux에서 환경변수로 no_proxy 사용할 때", date(2024, 4, 9), ["이 논문의 경우에도"])
    done("rl", "RLHF and the KL penalty", date(2024, 4, 8), ["PPO details"])
    done("cpp", "c++ templates: 50% done", date(2024, 4, 7))
    done("split", "backprop by hand", date(2024, 4, 6), ["with a tiny MLP"])
    ids["goal"] = entries.add_goal(store, "finish the attention chapter", TODAY).id
    return ids


QUERIES = {
    "attention": ["goal", "attn2", "attn"],
    '"attention is all"': ["attn"],
    "transform*": ["trans"],
    "TRANSFORMERS": ["trans"],
    "환경변수": ["ko"],
    "논문": ["ko"],
    "rl": ["attn", "rl"],
    "attention -shorter": ["goal", "attn"],
    "attention -rl": ["goal", "attn2"],
    "backprop mlp": ["split"],  # one word in the text, the other in a note
    "c++": ["cpp"],
    "50%": ["cpp"],
    "_": ["ko"],  # a LIKE wildcard, searched as text
    "zzz": [],
}


def _ids(hits, ids):
    names = {v: k for k, v in ids.items()}
    return [names[h.id] for h in hits]


@pytest.fixture
def store(isolated):
    target = os.environ.get("STUDYLOG_DB") or str(isolated / "studylog.db")
    isolated.mkdir(parents=True, exist_ok=True)
    s = Store(target, "tester", NOW)
    yield s
    s.close()


def test_queries_find_what_they_say(store):
    ids = _fill(store)
    for query, expected in QUERIES.items():
        found = _ids(search(store, parse(query)), ids)
        assert sorted(found) == sorted(expected), query
    # best first, newest first among equals: same-ranked goal (today) before older entries
    assert _ids(search(store, parse("attention")), ids)[0] in ("goal", "attn2", "attn")


def test_equal_matches_are_newest_first(store):
    for day in (date(2024, 4, 2), date(2024, 4, 9), date(2024, 4, 5)):
        entries.add_done(store, "same words, same rank", day, TODAY)
    entries.add_done(store, "same words", date(2024, 4, 1), TODAY, notes=[Note("same words", 0)])  # more: ranks first
    hits = search(store, parse("same words"))
    assert [h.day.day for h in hits] == [1, 9, 5, 2]
    assert hits[0].rank > hits[1].rank == hits[2].rank == hits[3].rank
    short = search(store, parse("am"))  # short words alone: ranked alike on both engines
    assert [h.day.day for h in short] == [1, 9, 5, 2]


def test_filters_limit_and_spans(store):
    ids = _fill(store)
    q = parse("attention")
    assert _ids(search(store, q, since=date(2024, 4, 11)), ids) == [
        n for n in _ids(search(store, q), ids) if n in ("goal", "attn2")
    ]
    assert _ids(search(store, q, until=date(2024, 4, 10)), ids) == ["attn"]
    assert _ids(search(store, q, item="dlc/1"), ids) == ["attn"]
    assert len(search(store, q, limit=1)) == 1
    hit = search(store, parse('"attention is all"'))[0]
    assert hit.text_spans == ((5, 21),)
    hit = next(h for h in search(store, q) if h.id == ids["attn"])
    assert hit.note_spans == ((0, ((11, 20),)),)
    assert hit.items == ("dlc/1",) and hit.kind == "done"


def test_tag_filter_reads_entry_tag(store):
    ids = _fill(store)
    with store.transaction():  # the tag rows as schema 7 keeps them (another part of issue #14 fills them)
        store.execute(
            "INSERT INTO entry_tag (id, entry_id, owner, tag) VALUES (1, :e, 'tester', 'papers')", e=ids["attn"]
        )
    assert _ids(search(store, parse("attention"), tag="papers"), ids) == ["attn"]
    assert search(store, parse("attention"), tag="other") == []


def test_items_matched_by_title_rank_after_own_words(store):
    ids = _fill(store)
    hits = search(store, parse("chapter"), title_items=["dlc/1"])
    assert _ids(hits, ids) == ["goal", "attn"]  # the goal's own text, then the entry linked to dlc/1
    assert hits[1].matched_items == ("dlc/1",) and hits[1].rank < hits[0].rank


def test_candidates_cap_is_widened_when_filters_leave_too_few(store, monkeypatch):
    import studylog.store.search as module

    ids = _fill(store)
    monkeypatch.setattr(module, "CANDIDATES", 1)
    assert _ids(search(store, parse("attention"), until=date(2024, 4, 10), limit=5), ids) == ["attn"]


@pytest.mark.sqlite_only
def test_the_index_objects_exist_and_stay_in_step_through_every_write(tmp_path, cli):
    cli("done", "first text", "--note", "a note here", ok=True)
    cli("done", "second one", ok=True)
    cli("edit", "1", "--text", "edited words", ok=True)
    cli("rm", "2", ok=True)
    cli("undo", ok=True)
    db = Path(os.environ["STUDYLOG_HOME"]) / "studylog.db"
    conn = sqlite3.connect(db)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")}
    assert set(SEARCH_TABLES) | set(SEARCH_TRIGGERS) <= names
    for table in SEARCH_TABLES:
        conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)")
    assert conn.execute("SELECT rowid FROM entry_search WHERE entry_search MATCH '\"edited\"'").fetchall() == [(1,)]
    assert conn.execute("SELECT rowid FROM entry_search WHERE entry_search MATCH '\"first\"'").fetchall() == []
    assert conn.execute("SELECT count(*) FROM entry_search_docsize").fetchone()[0] == 2
    assert conn.execute("SELECT entry_id FROM note_search WHERE note_search MATCH '\"note\"'").fetchall() == [(1,)]
    conn.close()


@pytest.mark.sqlite_only
@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema-v*.db")), ids=lambda p: p.name)
def test_an_upgraded_store_has_its_history_indexed(tmp_path, fixture):
    path = tmp_path / "store.db"
    shutil.copy(fixture, path)
    store = Store(str(path), "tester", NOW)
    assert [h.id for h in search(store, parse("colah"))] == [2]  # a note of done #2 in every fixture
    assert [h.id for h in search(store, parse('"lecture 5"'))] == [2]
    assert next(f for f in doctor(store, lambda r: True).findings if f.check == "search index").ok
    store.close()


@pytest.mark.sqlite_only
def test_a_bulk_import_is_indexed_in_its_transaction(cli):
    from conftest import SHARED

    cli("import", str(SHARED / "formats" / "other-real-logs" / "til-monthly-korean-dreamingjudith.md"), ok=True)
    found = cli("search", "환경변수", "--json", ok=True).json()["results"]
    assert [r["date"] for r in found] == ["2024-01-17"]
    cli("undo", ok=True)
    assert cli("search", "환경변수", "--json", ok=True).json()["results"] == []
    assert "     ok  search index" in cli("doctor", ok=True).stdout


@pytest.mark.sqlite_only
def test_doctor_finds_an_index_out_of_step_and_fix_rebuilds_it(cli):
    cli("done", "indexed text", "--note", "noted", ok=True)
    db = Path(os.environ["STUDYLOG_HOME"]) / "studylog.db"
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER entry_search_update")
    conn.execute("UPDATE entry SET text = 'changed behind its back' WHERE id = 1")
    conn.commit()
    report = cli("doctor", "--json", ok=False).json()
    finding = next(f for f in report["findings"] if f["check"] == "search index")
    assert not finding["ok"] and "entry_search_update" in finding["message"]
    conn.execute(
        "CREATE TRIGGER entry_search_update AFTER UPDATE OF id, text ON entry BEGIN SELECT 1; END"
    )  # there, but the index is stale
    conn.commit()
    report = cli("doctor", "--json", ok=False).json()
    finding = next(f for f in report["findings"] if f["check"] == "search index")
    assert not finding["ok"] and "does not match" in finding["message"], finding
    conn.execute("INSERT INTO note (entry_id, position, depth, text) VALUES (1, 1, 0, 'x')")  # note trigger: fine
    conn.execute("DELETE FROM note_search_docsize")
    conn.commit()
    conn.close()
    report = cli("doctor", "--json", ok=False).json()
    finding = next(f for f in report["findings"] if f["check"] == "search index")
    assert "note_search holds 0 rows for 2 note rows" in finding["message"]
    fixed = cli("doctor", "--fix", "--json").json()
    assert next(f for f in fixed["findings"] if f["check"] == "search index")["fixed"]
    assert "     ok  search index" in cli("doctor", ok=True).stdout
    assert [r["id"] for r in cli("search", "behind", "--json", ok=True).json()["results"]] == [1]


@pytest.mark.skipif(not PG_SERVER, reason="needs STUDYLOG_TEST_PG (a PostgreSQL server)")
def test_sqlite_and_postgresql_find_the_same_entries(tmp_path):
    with contextlib.ExitStack() as stack:
        url = stack.enter_context(_pg_database())
        lite = Store(str(tmp_path / "lite.db"), "tester", NOW)
        pg = Store(url, "tester", NOW)
        stack.callback(lite.close)
        stack.callback(pg.close)
        found = [h["indexname"] for h in pg.rows("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%search'")]
        assert sorted(found) == sorted(SEARCH_INDEXES_PG)
        assert _fill(lite) == _fill(pg)
        for query, expected in QUERIES.items():
            on_lite = [h.id for h in search(lite, parse(query))]
            on_pg = [h.id for h in search(pg, parse(query))]
            assert sorted(on_lite) == sorted(on_pg), query
            assert len(on_lite) == len(expected), query
            if not any(t.indexed for t in parse(query).positive):  # ranked alike: the same order
                assert on_lite == on_pg, query
        # (the order may differ: bm25 on SQLite, counts of the words found on PostgreSQL)
        for kw in ({"since": date(2024, 4, 11)}, {"item": "dlc/1"}, {"title_items": ["dlc/1"]}):
            assert sorted(h.id for h in search(lite, parse("attention"), **kw)) == sorted(
                h.id for h in search(pg, parse("attention"), **kw)
            ), kw
        report = doctor(pg, lambda r: True)
        assert next(f for f in report.findings if f.check == "search index").ok


def _search_finding(report):
    return next(f for f in report.findings if f.check == "search index")


@pytest.mark.skipif(not ON_PG, reason="the suite runs on SQLite (STUDYLOG_TEST_BACKEND=postgresql runs this)")
def test_doctor_on_postgresql_creates_missing_trigram_indexes(store):
    with store.transaction():
        store.execute("DROP INDEX ix_note_text_search")
    finding = _search_finding(doctor(store, lambda r: True))
    assert not finding.ok and "ix_note_text_search" in finding.message
    assert _search_finding(doctor(store, lambda r: True, fix=True)).fixed
    assert _search_finding(doctor(store, lambda r: True)).ok


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    path = tmp_path_factory.mktemp("search") / "store.db"
    s = Store(str(path), "tester", NOW)
    _fill(s)
    yield s
    s.close()


@pytest.mark.sqlite_only
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60) | st.text(alphabet='"-*:()^+ ae논\\%_', max_size=20))
def test_any_query_finds_entries_or_is_a_usage_error(filled, text):
    try:
        q = parse(text)
    except UsageError:
        return
    search(filled, q, limit=5)
    search(filled, q, limit=None, since=date(2024, 4, 1))


def test_import_json_indexes_what_it_restores(cli, tmp_path, switch_store):
    cli("done", "restored words", "--note", "and a restored note", ok=True)
    cli("export", "json", "--out", str(tmp_path / "backup.json"), ok=True)
    switch_store()
    cli("import", "json", str(tmp_path / "backup.json"), ok=True)
    found = cli("search", "restored", "--json", ok=True).json()["results"]
    assert [(r["text"], r["matches"]["notes"]) for r in found] == [
        ("restored words", [{"note": 0, "ranges": [[6, 14]]}])
    ]
    assert "     ok  search index" in cli("doctor", ok=True).stdout
