"""SQL fragments more than one query module uses: a range of days, and the entries whose hours
spread over days or are shared between items. Its own small module so that the everyday path
(``today``) need not import ``store.hours`` for them."""

from __future__ import annotations

from datetime import date
from typing import Any

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
