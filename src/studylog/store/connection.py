"""What ``Store`` needs from a database engine, and what the engines share.

``Store`` (``db.py``) runs the same SQL text with ``:name`` parameters on every engine, through
the small interface below. There is one class per engine: ``sqlite.SQLiteConnection`` (the
standard library's ``sqlite3``) and ``postgres.PostgresConnection`` (psycopg 3). Each turns its
driver's errors into ``StoreError`` with the one line users see. Nothing here imports a driver.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from studylog.errors import StoreError

# How a store is opened. "write": create it if missing and upgrade it if older (what everyday
# commands do). "inspect": open an existing store exactly as it is (no create, no WAL switch, no
# backup, no migration); a missing store is a StoreError. Both refuse a store from a newer schema.
# Mode and Connection exist for the type checker only: a Protocol class costs a few tenths of a
# millisecond at every start.
if TYPE_CHECKING:
    from typing import Literal, Protocol

    Mode = Literal["write", "inspect"]

MODES: tuple[Mode, ...] = ("write", "inspect")

if TYPE_CHECKING:

    class Connection(Protocol):
        """One open connection to one studylog database."""

        engine: str  # "sqlite" or "postgresql"
        path: str | None  # the file, for SQLite; None otherwise

        def rows(self, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
            """Run a query; its rows as dicts (column name -> value)."""
            ...

        def execute(self, sql: str, params: dict[str, Any]) -> None: ...

        def insert_many(self, table: str, rows: list[dict[str, Any]]) -> None:
            """Insert rows that all have the same keys (the columns), in one batch."""
            ...

        def begin(self) -> None:
            """Start a write transaction (taking the write lock at once, where the engine has one)."""
            ...

        def begin_read(self) -> None:
            """Start a read-only transaction whose reads all see one snapshot, taken now."""
            ...

        def commit(self) -> None: ...

        def rollback(self) -> None:
            """Undo the open transaction, if there is still one (an engine may have ended it itself)."""
            ...

        def lock_for_ids(self, table: str) -> None:
            """Inside a write transaction: no other writer may insert into ``table`` until it ends."""
            ...

        def sync_sequence(self, table: str) -> None:
            """After rows were inserted with explicit ids: make new ids continue after them."""
            ...

        def serialize(self, key: str) -> None:
            """Inside a write transaction: wait until no other transaction holds ``key``, then
            hold it until this one ends (for a check-then-write the engine does not lock itself)."""
            ...

        def close(self, wrote: bool) -> None:
            """Close; ``wrote`` says whether a transaction committed on this connection."""
            ...


class TxState:
    """Whether a write transaction is open, and whether one has committed: one object shared by a
    store and every ``for_owner`` view of it, since they share the connection."""

    __slots__ = ("active", "reading", "wrote")

    def __init__(self) -> None:
        self.active = False
        self.reading = False  # inside Store.snapshot()
        self.wrote = False


def latest_version() -> int:
    from studylog.store.version import SCHEMA_VERSION

    return SCHEMA_VERSION


def refuse_newer(version: int | None) -> None:
    """StoreError for a store whose schema is newer than this studylog knows."""
    latest = latest_version()
    if version is not None and version > latest:
        raise StoreError(
            f"this store has schema version {version}, newer than this studylog knows ({latest})",
            "upgrade studylog",
        )


def check_mode(mode: str) -> None:
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")


# -- URLs ------------------------------------------------------------------------------------------

# compiled on first use (only an error message needs it), not on every start
_QUERY_SECRET = r"(?i)([?&](?:password|passfile|sslpassword)=)[^&#]*"


def redact(url: str) -> str:
    """``url`` without its secrets, for messages: the user information (``user:password@``, the
    last ``@`` counting, so a password holding ``@`` or ``/`` is hidden whole) becomes ``***@``, and
    ``password=`` values in the query become ``***``. When in doubt, more is hidden, never less."""
    url = re.sub(_QUERY_SECRET, r"\1***", url)
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    at = rest.rfind("@")
    if at >= 0:
        rest = "***@" + rest[at + 1 :]
    return f"{scheme}://{rest}"


def secrets_of(url: str) -> list[str]:
    """The password-like parts of ``url`` as written and percent-decoded, to scrub them from a
    driver's message (which may quote parts of the URL)."""
    from urllib.parse import unquote

    found: list[str] = []
    _scheme, sep, rest = url.partition("://")
    if sep and "@" in rest:
        userinfo = rest[: rest.rfind("@")]
        if ":" in userinfo:
            found += [userinfo, userinfo.partition(":")[2]]
    found += [m.group(0).split("=", 1)[1] for m in re.finditer(_QUERY_SECRET, url)]
    found = [s for s in found if s]
    found += [unquote(s) for s in found]
    return sorted(set(found), key=len, reverse=True)


def scrub(text: str, url: str) -> str:
    """``text`` with every secret of ``url`` replaced by ``***``."""
    for secret in secrets_of(url):
        text = text.replace(secret, "***")
    return text
