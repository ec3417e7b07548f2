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
    return target if target else str(data_home() / DB_FILE)


def user_curricula_dir() -> Path:
    return data_home() / "curricula"


def shipped_curricula_dir() -> Path:
    """The curricula inside the installed package, or ``curriculum/`` in a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "curricula"
    if packaged.is_dir():
        return packaged
    return here.parents[1] / "curriculum"
