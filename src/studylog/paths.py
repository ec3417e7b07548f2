"""Where studylog keeps its data: ``STUDYLOG_HOME`` or the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

DB_FILE = "studylog.db"
CONFIG_FILE = "config.toml"


def data_home() -> Path:
    home = os.environ.get("STUDYLOG_HOME")
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("studylog", appauthor=False))


def database_target(option: str | None) -> str:
    """The database the user asked for (``--db``, then ``STUDYLOG_DB``), or the default file."""
    target = option or os.environ.get("STUDYLOG_DB")
    if not target:
        return str(data_home() / DB_FILE)
    if "://" not in target or target.startswith("sqlite:///"):
        check_database_file(target.removeprefix("sqlite:///"))
    return target


def check_database_file(path: str) -> None:
    """Refuse an SQLite target that cannot hold a store: an in-memory database (``:memory:``, or
    SQLite's ``file:`` names) would be gone when the command ends (every command is a process of
    its own, and the schema is made on a second connection, which sees another empty database:
    "no such table"), and a path that exists but is not a regular file (``/dev/null``, a FIFO)
    is no database; SQLite would create ``/dev/null-journal`` beside it."""
    import stat

    from studylog.errors import StoreError

    if path.startswith("file:"):
        raise StoreError(
            f"{path}: SQLite URI names (file:…) are not supported: one connection would read it as a file "
            "name, another as a URI (an in-memory one: 'no such table')",
            "give a plain path of a database file with --db / STUDYLOG_DB",
        )
    if path in ("", ":memory:"):
        raise StoreError(
            f"{path or 'an empty path'} is an in-memory SQLite database, which would be lost when the command ends",
            "give the path of a database file with --db / STUDYLOG_DB, or leave it unset for the data folder's",
        )
    try:
        mode = os.stat(os.path.expanduser(path)).st_mode
    except OSError:
        return  # missing (created on first write) or unreadable: opening it says which
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):  # a folder has its own message
        raise StoreError(
            f"{path} is not a regular file, so it cannot be a studylog store",
            "give the path of a database file with --db / STUDYLOG_DB",
        )


def user_curricula_dir() -> Path:
    return data_home() / "curricula"


def shipped_curricula_dir() -> Path:
    """The curricula inside the installed package, or ``curriculum/`` in a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "curricula"
    if packaged.is_dir():
        return packaged
    return here.parents[1] / "curriculum"
