"""What one run of a command works with: the root options, who the learner is, the store (opened
on first use, closed when the command ends, see ``errors.guarded``), the curricula and settings."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from studylog.cli.clock import now

if TYPE_CHECKING:
    from studylog.curriculum.catalog import Catalog
    from studylog.curriculum.index import ItemIndex, Resolved
    from studylog.curriculum.outline import Outlines
    from studylog.curriculum.own import OwnItem
    from studylog.store.db import Mode, Store


class State:
    """The root options, and the stores a command opened (closed when it ends)."""

    def __init__(self) -> None:
        self.db: str | None = None
        self.stores: list = []
        self.outlines: dict[bool, Outlines] = {}  # this run's curricula (with the learner's own items)

    def close(self) -> None:
        self.outlines.clear()
        while self.stores:
            self.stores.pop().close()


state = State()


def owner() -> str:
    name = os.environ.get("STUDYLOG_OWNER")
    if not name:
        import getpass

        try:
            name = getpass.getuser()
        except Exception:  # noqa: BLE001 - no user name in this environment
            name = "me"
    return name[:64]


def open_store(mode: Mode = "write") -> Store:
    """The store for this command (``--db``, ``STUDYLOG_DB`` or the data folder's), closed when the
    command ends. ``write`` creates and upgrades it as needed (every command that records
    something, and the everyday views); ``inspect`` opens it as it is, for commands that look at a
    store before anything may change it (``doctor``, ``backup``)."""
    from studylog.paths import database_target
    from studylog.store.db import open_store as open_database

    store = open_database(database_target(state.db), owner(), now(), mode=mode)
    state.stores.append(store)
    return store


def catalog(skip_broken: bool = False) -> Catalog:
    """The curricula, read and validated (YAML, pydantic): for commands that need all of them.
    ``skip_broken``: a broken file of the user's is left out (in ``broken``), not an error."""
    from studylog.curriculum.catalog import load_catalog
    from studylog.curriculum.own import join_catalog
    from studylog.paths import shipped_curricula_dir, user_curricula_dir

    cat = load_catalog(shipped_curricula_dir(), user_curricula_dir(), skip_broken=skip_broken)
    return join_catalog(cat, own_items())


def outlines(skip_broken: bool = False) -> Outlines:
    """The curricula as plain data with the item index, from a cache that is rebuilt when a
    curriculum file changes (so that everyday commands need not parse the curricula)."""
    from studylog.curriculum.cache import load_outlines
    from studylog.curriculum.own import join_outlines
    from studylog.paths import data_home, shipped_curricula_dir, user_curricula_dir

    if skip_broken not in state.outlines:
        cached = load_outlines(
            shipped_curricula_dir(),
            user_curricula_dir(),
            data_home() / "cache" / "curricula.json",
            skip_broken=skip_broken,
        )
        state.outlines[skip_broken] = join_outlines(cached, own_items())
    return state.outlines[skip_broken]


def own_items() -> list[OwnItem]:
    """The learner's own items, from the store this command opened (or opens now): they are
    curricula items like any other, kept in the store rather than in a file."""
    from studylog.store.own_items import own_items as stored

    return stored(state.stores[0] if state.stores else open_store())


def items() -> ItemIndex:
    """Every item's reference, aliases and title (see ``outlines``)."""
    return outlines().index


def resolve(ref: str | None) -> Resolved | None:
    """The item a reference typed by the user names (None for no reference)."""
    return items().resolve(ref) if ref else None


def carry_over_days() -> int:
    """The ``carry_over_days`` setting, without reading (or importing) the config module when
    there is no config file: ``today`` asks for it on every run."""
    from studylog.store.records import CARRY_OVER_DAYS

    if not _has_config():
        return CARRY_OVER_DAYS
    return int(settings()["carry_over_days"])


def settings() -> dict[str, Any]:
    from studylog.config import config_path, defaults, load
    from studylog.paths import data_home

    if not _has_config():
        return defaults()  # without pathlib, on the everyday path
    return load(config_path(data_home()))


def _has_config() -> bool:
    from studylog.paths import CONFIG_FILE, data_folder

    return os.path.exists(os.path.join(data_folder(), CONFIG_FILE))
