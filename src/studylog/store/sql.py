"""SQL fragments more than one query module uses: a range of days, and the entries whose hours
spread over days or are shared between items. Its own small module so that the everyday path
(``today``) need not import ``store.hours`` for them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from studylog.store.db import Store

# entries a report spreads over days (a period) or shares between items; the predicate of the
# partial index ix_entry_spread, repeated literally so that SQLite uses it
SPREADS = "(period_start IS NOT NULL OR item_count IS NOT NULL)"


def tagged(tag_param: str = "tag", owner: bool = True) -> str:
    """The condition on ``entry`` for the entries with the tag bound to ``:tag_param`` (of the
    owner bound to ``:owner``, read through ix_entry_tag_owner_tag; ``owner=False``: any owner's).
    Here, not in ``store.tags``, so that ``store.hours`` filters by tag without importing it."""
    who = "owner = :owner AND " if owner else ""
    return f"id IN (SELECT entry_id FROM entry_tag WHERE {who}tag = :{tag_param})"


def day_range(first: date | None, last: date | None, column: str = "day") -> tuple[str, dict[str, Any]]:
    """The SQL condition (and its parameters) for ``column`` from ``first`` to ``last``, either
    open; an empty condition when both are."""
    parts, params = [], {}
    if first:
        parts.append(f"{column} >= :first")
        params["first"] = first
    if last:
        parts.append(f"{column} <= :last")
        params["last"] = last
    return " AND ".join(parts), params


CHUNK = 512  # values bound in one IN (...) list: well inside every engine's limit on parameters


def _marks(count: int) -> int:
    """How many placeholders an IN list of ``count`` values gets: the next of 16, 32, ..., CHUNK.
    Every distinct statement text is prepared and cached by the driver (sqlite3 keeps 128), and a
    prepared IN list holds memory in proportion to its length; one text per length made an export
    of 100k entries keep a hundred statements alive, 8 MB more than at 10k."""
    size = 16
    while size < count:
        size *= 2
    return min(size, CHUNK)


def rows_in(store: Store, sql: str, values: Sequence[Any], **params: Any) -> Iterator[dict[str, Any]]:
    """The rows of ``sql`` for every value of ``values``, where ``sql`` says ``IN ({values})``: one
    query per :data:`CHUNK` values (an ORDER BY holds within each chunk). The list is padded to one
    of a few lengths (:func:`_marks`) by repeating its last value, which IN does not count twice."""
    for at in range(0, len(values), CHUNK):
        chunk = list(values[at : at + CHUNK])
        chunk += chunk[-1:] * (_marks(len(chunk)) - len(chunk))
        marks = ", ".join(f":in{n}" for n in range(len(chunk)))
        yield from store.rows(sql.replace("{values}", marks), **params, **{f"in{n}": v for n, v in enumerate(chunk)})


def extra_items(store: Store, ids: list[int]) -> dict[int, list[str]]:
    """The second and later items (``entry_item``) of the entries ``ids``, in order."""
    out: dict[int, list[str]] = defaultdict(list)
    sql = "SELECT entry_id, item FROM entry_item WHERE entry_id IN ({values}) ORDER BY entry_id, position"
    for r in rows_in(store, sql, ids):
        out[r["entry_id"]].append(r["item"])
    return out
