"""SQL fragments more than one query module uses: a range of days, and the entries whose hours
spread over days or are shared between items. Its own small module so that the everyday path
(``today``) need not import ``store.hours`` for them."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from studylog.store.db import Store

# entries a report spreads over days (a period) or shares between items; the predicate of the
# partial index ix_entry_spread, repeated literally so that SQLite uses it
SPREADS = "(period_start IS NOT NULL OR item_count IS NOT NULL)"


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


def extra_items(store: Store, ids: list[int]) -> dict[int, list[str]]:
    """The second and later items (``entry_item``) of the entries ``ids``, in order."""
    out: dict[int, list[str]] = defaultdict(list)
    for at in range(0, len(ids), 500):
        chunk = ids[at : at + 500]
        marks = ", ".join(f":i{n}" for n in range(len(chunk)))
        for r in store.rows(
            f"SELECT entry_id, item FROM entry_item WHERE entry_id IN ({marks}) ORDER BY entry_id, position",
            **{f"i{n}": v for n, v in enumerate(chunk)},
        ):
            out[r["entry_id"]].append(r["item"])
    return out
