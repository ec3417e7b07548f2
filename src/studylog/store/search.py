"""``studylog search``: the entries whose text and notes hold every word of a query (or that are
linked to an item whose title does), best first, newest first among equals.

The index (schema 8, ``migrations.m008_search_index``) finds substrings: an FTS5 trigram table on
SQLite, ``pg_trgm`` GIN indexes read through ``ILIKE`` on PostgreSQL, so that the two engines find
the same entries for a query (``search_query`` says what a query means). How matches are ranked:

- SQLite: FTS5's bm25, the text's twice a note's, summed over the entry's text and notes, among
  the :data:`CANDIDATES` newest matching texts and notes (by id) when a query matches more than
  that, so that a word found in half the history costs no more than a rare one. When filters
  (days, item, tag, words to leave out) leave fewer than ``limit`` of those, the query runs again
  over every match.
- PostgreSQL (among the newest :data:`CANDIDATES` matching entries), and SQLite for a query made
  only of words of one or two characters (which the trigram index cannot find: a scan, the
  newest :data:`CANDIDATES` matches): per word, 2 when
  the text holds it and 1 when a note does (both: 3). So the two engines find the same entries,
  and may order them differently when a query has a longer word. SQLite's ``LIKE`` ignores the
  case of ASCII letters only, so a one- or two-letter word in another alphabet (``Σε``) is found
  in its own case there (PostgreSQL's ``ILIKE`` and the trigram index fold every alphabet).
- Entries matched only through an item's title rank after those matched by their own words.
- Equal ranks: newest day first, then newest id.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import date
from typing import Any

from studylog.errors import StoreError
from studylog.namedtuple import NamedTuple
from studylog.search_query import Query, Term, fts5_any, fts5_match, like_pattern, spans
from studylog.store.db import Store
from studylog.store.records import Note, as_date, period_json
from studylog.store.sql import CHUNK, day_range, extra_items, rows_in

CANDIDATES = 200
"""How many of the newest texts and notes matching the words are ranked, at least (SQLite; five
times ``limit`` when that is more). 200 keeps a search flat from 10k to 100k entries (2000 cost
7 ms more at 100k for a word in one entry in sixty), and a study log's best matches are
usually among its newest."""

Span = tuple[int, int]


class SearchHit(NamedTuple):
    """One entry a search found, with where the query's words are in its text and notes."""

    id: int
    day: date
    kind: str  # "goal" or "done"
    text: str
    hours: float | None
    items: tuple[str, ...]
    notes: tuple[Note, ...]
    rank: float  # higher is better; the scale is the engine's (see the module's docstring)
    text_spans: tuple[Span, ...]  # (start, end) offsets in ``text`` of the query's words
    note_spans: tuple[tuple[int, tuple[Span, ...]], ...]  # (index in ``notes``, its spans), notes that hold one
    matched_items: tuple[str, ...] = ()  # linked items whose title or reference holds every word
    period: tuple[date, date] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.day.isoformat(),
            "kind": self.kind,
            "text": self.text,
            "hours": self.hours,
            "item": self.items[0] if self.items else None,
            "items": list(self.items),
            "period": period_json(self.period),
            "notes": [n._asdict() for n in self.notes],
            "rank": round(self.rank, 4),
            "matches": {
                "text": [list(s) for s in self.text_spans],
                "notes": [{"note": i, "ranges": [list(s) for s in found]} for i, found in self.note_spans],
                "items": list(self.matched_items),
            },
        }


_COLUMNS = "e.id, e.kind, e.day, e.text, e.hours, e.item, e.item_count, e.period_start, e.period_end"
_ESC = " ESCAPE '\\'"


@contextmanager
def bulk(store: Store, entry_ids: list[int], note_ids: list[int]) -> Iterator[None]:
    """Inside a write transaction, around inserts of many entries and notes (an import): the
    insert triggers are taken away for the block and put back after it (in the same transaction:
    no other connection ever sees the store without them), and the ids the block appended to
    ``entry_ids`` and ``note_ids`` are indexed in a few statements, by runs of consecutive ids
    (see ``search_index.INSERT_TRIGGERS`` for why). PostgreSQL's indexes need nothing."""
    if store.engine != "sqlite":
        yield
        return
    from studylog.store.search_index import INSERT_TRIGGERS, search_statements_sqlite

    for name in INSERT_TRIGGERS:
        store.execute(f"DROP TRIGGER IF EXISTS {name}")
    try:
        yield
    finally:
        with suppress(StoreError):  # after an error the transaction is rolled back, triggers and all
            for sql in search_statements_sqlite():
                if any(f"TRIGGER {name} " in sql for name in INSERT_TRIGGERS):
                    store.execute(sql)
    for first, last in _runs(entry_ids):
        store.execute(
            "INSERT INTO entry_search (rowid, text) SELECT id, text FROM entry WHERE id >= :first AND id <= :last",
            first=first,
            last=last,
        )
    for first, last in _runs(note_ids):
        store.execute(
            "INSERT INTO note_search (rowid, text, entry_id) SELECT id, text, entry_id FROM note "
            "WHERE id >= :first AND id <= :last",
            first=first,
            last=last,
        )


def _runs(ids: list[int]) -> Iterator[tuple[int, int]]:
    """``ids`` as runs of consecutive numbers, ``(first, last)``."""
    start = prev = None
    for i in sorted(ids):
        if prev is not None and i == prev + 1:
            prev = i
            continue
        if start is not None:
            yield start, prev  # type: ignore[misc]
        start = prev = i
    if start is not None:
        yield start, prev  # type: ignore[misc]


def search(
    store: Store,
    query: Query,
    *,
    since: date | None = None,
    until: date | None = None,
    item: str | None = None,
    tag: str | None = None,
    title_items: Sequence[str] = (),
    limit: int | None = 20,
) -> list[SearchHit]:
    """The owner's entries matching ``query``, best first (see the module's docstring), at most
    ``limit`` (None: all). ``title_items`` are the items whose title or reference holds every word
    of the query (the caller knows the curricula): entries linked to them match too. ``item`` and
    ``tag`` (normalised) keep only the entries linked to that item or carrying that tag."""
    cap = max(CANDIDATES, 5 * limit) if limit else None
    rows = _run(store, query, since, until, item, tag, title_items, limit, cap)
    # Fewer than asked for: were matches left out by filters among the candidates? (A scan for
    # short words alone stops after ``cap`` of the owner's matches, so only filters can do that.)
    filtered = bool(since or until or item or tag or query.negative) or any(t.indexed for t in query.positive)
    if store.engine == "postgresql":
        filtered = bool(since or until or item or tag or query.negative)
    if cap and limit and len(rows) < limit and filtered and _capped(store, query, cap):
        rows = _run(store, query, since, until, item, tag, title_items, limit, None)
    return _hits(store, query, rows, set(title_items))


def _params(query: Query) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for n, t in enumerate(query.positive):
        params[f"p{n}"] = like_pattern(t)
    for n, t in enumerate(query.negative):
        params[f"n{n}"] = like_pattern(t)
    found = fts5_any(query.positive)
    if found:
        params["any"] = found
        params["all"] = fts5_match(query.positive)
    for n, t in enumerate(query.positive):
        if t.indexed:
            params[f"t{n}"] = fts5_match((t,))
    exclude = fts5_any(query.negative)
    if exclude:
        params["exclude"] = exclude
    return params


def _sqlite_words(query: Query, cap: int | None) -> str:
    """The entries (``id``, ``score``) whose text or a note holds every positive term: the texts
    holding every indexed term and the notes holding any (the newest ``cap`` of each, by rowid),
    ranked by bm25 (text 2, notes 1), then the entries among them that hold each term somewhere
    (a word in the text and another in a note: found through the note)."""
    indexed = [t for t in query.positive if t.indexed]
    limit = f" ORDER BY rowid DESC LIMIT {int(cap)}" if cap else ""
    holds = []
    if indexed:
        rows = (
            f"SELECT * FROM (SELECT rowid AS id, -2.0 * bm25(entry_search) AS score FROM entry_search "
            f"WHERE entry_search MATCH :all{limit}) AS t UNION ALL "
            f"SELECT * FROM (SELECT entry_id AS id, -bm25(note_search) AS score FROM note_search "
            f"WHERE note_search MATCH :any{limit}) AS n"
        )
        if len(indexed) > 1:  # the rows hold any term: each term must be in the entry's text or a note
            for n, term in enumerate(query.positive):
                if term.indexed:
                    holds.append(
                        f"m.id IN (SELECT rowid FROM entry_search WHERE entry_search MATCH :t{n} "
                        f"UNION SELECT entry_id FROM note_search WHERE note_search MATCH :t{n})"
                    )
        sql = f"SELECT id, 1.0 + sum(score) AS score FROM ({rows}) AS m"
    else:  # only short terms: a scan of the entries, ranked as on PostgreSQL (text 2, a note 1)
        score = " + ".join(
            f"CASE WHEN e.text LIKE :p{n}{_ESC} THEN 2 ELSE 0 END + CASE WHEN EXISTS (SELECT 1 FROM note "
            f"WHERE entry_id = e.id AND text LIKE :p{n}{_ESC}) THEN 1 ELSE 0 END"
            for n, _term in enumerate(query.positive)
        )
        sql = f"SELECT e.id AS id, 1.0 + {score} AS score FROM entry e WHERE e.owner = :owner"
    for n, term in enumerate(query.positive):
        if not term.indexed:
            col = "m.id" if indexed else "e.id"
            holds.append(
                f"(EXISTS (SELECT 1 FROM entry WHERE id = {col} AND text LIKE :p{n}{_ESC}) "
                f"OR EXISTS (SELECT 1 FROM note WHERE entry_id = {col} AND text LIKE :p{n}{_ESC}))"
            )
    if holds:
        sql += (" WHERE " if indexed else " AND ") + " AND ".join(holds)
    if indexed:
        return sql + " GROUP BY id"
    # newest first through the day index, stopping after ``cap`` matches: a common short word
    # costs little; a rare one reads every entry
    return sql + (f" ORDER BY e.day DESC, e.id DESC LIMIT {int(cap)}" if cap else "")


def _pg_ids(query: Query, cap: int | None, col: str = "e2.id") -> str:
    """PostgreSQL: the ids of the owner's entries holding every positive term (in the text or a
    note), the newest ``cap`` by id."""
    holds = [
        f"{col} IN (SELECT id FROM entry WHERE owner = :owner AND text ILIKE :p{n}{_ESC} "
        f"UNION SELECT entry_id FROM note WHERE text ILIKE :p{n}{_ESC})"
        for n, _term in enumerate(query.positive)
    ]
    sql = f"SELECT {col} AS id FROM entry e2 WHERE e2.owner = :owner AND {' AND '.join(holds)}"
    return sql + (f" ORDER BY {col} DESC LIMIT {int(cap)}" if cap else "")


def _pg_words(query: Query, cap: int | None) -> str:
    """PostgreSQL: the entries holding every positive term, with their rank, among the newest
    ``cap`` of them (scored after the cap, so that a common word costs no more than a rare one)."""
    score = [
        f"CASE WHEN e.text ILIKE :p{n}{_ESC} THEN 2 ELSE 0 END + CASE WHEN EXISTS (SELECT 1 FROM note "
        f"WHERE entry_id = e.id AND text ILIKE :p{n}{_ESC}) THEN 1 ELSE 0 END"
        for n, _term in enumerate(query.positive)
    ]
    return f"SELECT e.id, 1.0 + {' + '.join(score)} AS score FROM entry e WHERE e.id IN ({_pg_ids(query, cap)})"


def _excluded(store: Store, negative: Sequence[Term]) -> list[str]:
    """Conditions that leave out the entries holding a negated term."""
    out = []
    like = "ILIKE" if store.engine == "postgresql" else "LIKE"
    if store.engine == "sqlite" and any(term.indexed for term in negative):
        out.append(
            "e.id NOT IN (SELECT rowid FROM entry_search WHERE entry_search MATCH :exclude "
            "UNION SELECT entry_id FROM note_search WHERE note_search MATCH :exclude)"
        )
    for n, term in enumerate(negative):
        if store.engine == "postgresql" or not term.indexed:
            out.append(
                f"e.id NOT IN (SELECT id FROM entry WHERE owner = :owner AND text {like} :n{n}{_ESC} "
                f"UNION SELECT entry_id FROM note WHERE text {like} :n{n}{_ESC})"
            )
    return out


def _run(
    store: Store,
    query: Query,
    since: date | None,
    until: date | None,
    item: str | None,
    tag: str | None,
    title_items: Sequence[str],
    limit: int | None,
    cap: int | None,
) -> list[dict[str, Any]]:
    params: dict[str, Any] = {"owner": store.owner, **_params(query)}
    parts = [_pg_words(query, cap) if store.engine == "postgresql" else _sqlite_words(query, cap)]
    refs = list(dict.fromkeys(title_items))[:CHUNK]
    if refs:
        marks = ", ".join(f":ref{n}" for n in range(len(refs)))
        params.update({f"ref{n}": r for n, r in enumerate(refs)})
        parts.append(f"SELECT id, 0.0 AS score FROM entry WHERE owner = :owner AND item IN ({marks})")
        parts.append(f"SELECT entry_id AS id, 0.0 AS score FROM entry_item WHERE owner = :owner AND item IN ({marks})")
    hits = " UNION ALL ".join(f"SELECT * FROM ({p}) AS w{n}" for n, p in enumerate(parts))
    where = ["e.owner = :owner"]
    days, day_params = day_range(since, until, "e.day")
    if days:
        where.append(days)
        params.update(day_params)
    if item:
        where.append(
            "(e.item = :item OR e.id IN (SELECT entry_id FROM entry_item WHERE owner = :owner AND item = :item))"
        )
        params["item"] = item
    if tag:
        where.append("e.id IN (SELECT entry_id FROM entry_tag WHERE owner = :owner AND tag = :tag)")
        params["tag"] = tag
    where += _excluded(store, query.negative)
    sql = (
        f"SELECT {_COLUMNS}, max(h.score) AS score FROM ({hits}) AS h JOIN entry e ON e.id = h.id "
        f"WHERE {' AND '.join(where)} GROUP BY e.id ORDER BY score DESC, e.day DESC, e.id DESC"
    )
    if limit:
        sql += " LIMIT :limit"
        params["limit"] = limit
    return store.rows(sql, **params)


def _capped(store: Store, query: Query, cap: int) -> bool:
    """Whether the words alone match more entries than were ranked (so filters may have left out
    matches beyond the candidates)."""
    if store.engine == "postgresql":
        sql = f"SELECT count(*) AS n FROM ({_pg_ids(query, cap)}) AS w"
        return int(store.scalar(sql, owner=store.owner, **_params(query)) or 0) >= cap
    if not any(t.indexed for t in query.positive):
        sql = f"SELECT count(*) AS n FROM ({_sqlite_words(query, cap)}) AS w"
        return int(store.scalar(sql, owner=store.owner, **_params(query)) or 0) >= cap
    sql = (
        f"SELECT max((SELECT count(*) FROM (SELECT rowid FROM entry_search WHERE entry_search MATCH :all "
        f"LIMIT {int(cap)}) AS t), (SELECT count(*) FROM (SELECT rowid FROM note_search WHERE note_search MATCH :any "
        f"LIMIT {int(cap)}) AS n)) AS n"
    )
    return int(store.scalar(sql, any=fts5_any(query.positive), all=fts5_match(query.positive)) or 0) >= cap


def _hits(store: Store, query: Query, rows: list[dict[str, Any]], title_items: set[str]) -> list[SearchHit]:
    ids = [r["id"] for r in rows]
    notes: dict[int, list[Note]] = defaultdict(list)
    sql = "SELECT entry_id, depth, text FROM note WHERE entry_id IN ({values}) ORDER BY entry_id, position, id"
    for r in rows_in(store, sql, ids):
        notes[r["entry_id"]].append(Note(r["text"], r["depth"]))
    linked = [r["id"] for r in rows if r["item_count"]]
    extra = extra_items(store, linked) if linked else {}
    out = []
    for r in rows:
        items = tuple(x for x in (r["item"], *extra.get(r["id"], [])) if x)
        own = tuple(notes.get(r["id"], []))
        found = tuple((i, s) for i, n in enumerate(own) if (s := spans(query, n.text)))
        period = (as_date(r["period_start"]), as_date(r["period_end"])) if r["period_start"] else None
        out.append(
            SearchHit(
                r["id"],
                as_date(r["day"]),
                r["kind"],
                r["text"],
                r["hours"],
                items,
                own,
                float(r["score"]),
                spans(query, r["text"]),
                found,
                tuple(i for i in items if i in title_items),
                period,
            )
        )
    return out
