"""Where studylog keeps its data: ``STUDYLOG_HOME`` or the platform's user data folder."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

DB_FILE = "studylog.db"
CONFIG_FILE = "config.toml"


def data_home() -> Path:
    from pathlib import Path

    return Path(data_folder())


def data_folder() -> str:
    """``data_home`` as a string: the everyday commands open their store without importing
    pathlib (with the ``urllib.parse`` and ``ipaddress`` it imports, ~4 ms of a ~50 ms command)."""
    home = os.environ.get("STUDYLOG_HOME")
    if home:
        return os.path.expanduser(home)
    xdg = _linux_data_folder()
    if xdg is not None:
        return xdg
    from platformdirs import user_data_dir

    return user_data_dir("studylog", appauthor=False)


def _linux_data_folder() -> str | None:
    """platformdirs' ``user_data_dir`` on Linux, without importing it (~18 ms: it imports
    pathlib, tempfile and random): ``$XDG_DATA_HOME/studylog`` when that is an absolute path,
    else ``~/.local/share/studylog``. None elsewhere, or when ``HOME`` is not an absolute path
    (platformdirs then asks the password database), so platformdirs decides."""
    if not sys.platform.startswith("linux") or hasattr(sys, "getandroidapilevel"):
        return None
    xdg = os.environ.get("XDG_DATA_HOME", "")
    if os.path.isabs(xdg):
        return os.path.join(xdg, "studylog")
    home = os.environ.get("HOME")
    if not home or not os.path.isabs(home):
        return None
    return os.path.join(home.rstrip("/") or "/", ".local", "share", "studylog")


def database_target(option: str | None) -> str:
    """The database the user asked for (``--db``, then ``STUDYLOG_DB``), or the default file."""
    target = option or os.environ.get("STUDYLOG_DB")
    if not target:
        return os.path.join(data_folder(), DB_FILE)
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
    from pathlib import Path

    here = Path(__file__).resolve().parent
    packaged = here / "curricula"
    if packaged.is_dir():
        return packaged
    return here.parents[1] / "curriculum"
