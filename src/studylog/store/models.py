"""The schema, defined once as SQLModel tables. Migrations must produce exactly this (a test
compares them); the everyday queries in this package read and write these tables.

Dates are calendar days (``day``); an ``owner`` is the learner a row belongs to, so one database
can hold a study group.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

OPEN_GOALS = text("kind = 'goal' AND met_on IS NULL AND dropped_on IS NULL")
SPREAD = text("period_start IS NOT NULL OR item_count IS NOT NULL")
RANGES = text("row_count IS NOT NULL")


class Entry(SQLModel, table=True):
    """A goal set for a day (``kind='goal'``) or something done on a day (``kind='done'``)."""

    __tablename__ = "entry"
    __table_args__ = (
        Index("ix_entry_owner_day", "owner", "day"),
        Index("ix_entry_owner_item", "owner", "item"),
        Index("ux_entry_owner_source_key", "owner", "source_key", unique=True),
        # Since schema 3: everyday queries cost the same at any history size.
        Index("ix_entry_open_goals", "owner", "kind", "day", sqlite_where=OPEN_GOALS, postgresql_where=OPEN_GOALS),
        Index("ix_entry_owner_met_on", "owner", "met_on"),
        Index("ix_entry_owner_dropped_on", "owner", "dropped_on"),
        Index("ix_entry_owner_kind_day", "owner", "kind", "day", "hours"),
        Index("ix_entry_owner_kind_item", "owner", "kind", "item", "hours"),
        # Since schema 4: the few entries whose hours spread over days or are shared between items.
        Index("ix_entry_spread", "owner", "day", sqlite_where=SPREAD, postgresql_where=SPREAD),
        Index("ix_entry_goal_id", "goal_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    owner: str = Field(max_length=64)
    kind: str = Field(max_length=8)
    day: date
    text: str
    hours: float | None = None
    item: str | None = Field(default=None, max_length=200)
    goal_id: int | None = Field(default=None, foreign_key="entry.id")
    met_on: date | None = None
    dropped_on: date | None = None
    created_at: datetime
    # Since schema 2: where an imported entry came from, for exact exports and idempotent imports.
    period_start: date | None = None  # the dated range it was logged under ("# 2023-08-12 - 2023-08-18")
    period_end: date | None = None
    style: str | None = Field(default=None, max_length=16)  # None, "bare" (no Done: header), "paragraph"
    source: str | None = Field(default=None, max_length=32)  # "til", "daily-notes", "markdown", ...
    source_key: str | None = Field(default=None, max_length=64)  # a hash of what was imported
    # Since schema 4. An entry covering a period is stored on the period's last day (``day`` equals
    # ``period_end``); one linked to several items keeps the first in ``item``, the others in
    # ``entry_item``, and their number here (None: at most one item).
    item_count: int | None = None
    lapse_on: date | None = None  # a goal not met by this day is no longer carried over (imported plans)


class EntryItem(SQLModel, table=True):
    """The second and later items an entry is linked to (the first is ``entry.item``)."""

    __tablename__ = "entry_item"
    __table_args__ = (
        Index("ix_entry_item_entry", "entry_id", "position"),
        Index("ix_entry_item_owner_item", "owner", "item"),
    )

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="entry.id")
    owner: str = Field(max_length=64)
    item: str = Field(max_length=200)
    position: int


class Note(SQLModel, table=True):
    """A nested line under an entry (the sub-bullets of a daily note), in order, at a depth."""

    __tablename__ = "note"
    __table_args__ = (Index("ix_note_entry", "entry_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="entry.id")
    position: int
    depth: int = 0
    text: str


class ItemStatus(SQLModel, table=True):
    """Where a learner stands on a curriculum item: started, complete or skipped."""

    __tablename__ = "item_status"
    __table_args__ = (UniqueConstraint("owner", "item", name="uq_item_status_owner_item"),)

    id: int | None = Field(default=None, primary_key=True)
    owner: str = Field(max_length=64)
    item: str = Field(max_length=200)
    status: str = Field(max_length=16)
    started_on: date | None = None
    completed_on: date | None = None
    skipped_on: date | None = None
    updated_at: datetime


class ItemEvent(SQLModel, table=True):
    """One step of an item's status history: started, completed, reopened or skipped, on a day."""

    __tablename__ = "item_event"
    __table_args__ = (Index("ix_item_event_owner_item", "owner", "item", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    owner: str = Field(max_length=64)
    item: str = Field(max_length=200)
    event: str = Field(max_length=16)
    day: date
    created_at: datetime


class Change(SQLModel, table=True):
    """One command's writes, so that ``undo`` can revert them together."""

    __tablename__ = "change"
    __table_args__ = (Index("ix_change_owner", "owner", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    owner: str = Field(max_length=64)
    created_at: datetime
    summary: str
    undone_at: datetime | None = None
    host: str | None = Field(default=None, max_length=255)  # since schema 6: the machine it was made on


class ChangeRow(SQLModel, table=True):
    """A row a change inserted, updated or deleted, with its values before (JSON)."""

    __tablename__ = "change_row"
    __table_args__ = (
        Index("ix_change_row_change", "change_id", "id"),
        # Since schema 6: the changes that touched a row (undo N refuses when a later one did).
        Index("ix_change_row_row", "table_name", "row_id", "change_id"),
        # Since schema 7: the few rows that stand for a batch, by change (``journal.depends_on``).
        Index(
            "ix_change_row_ranges",
            "change_id",
            "table_name",
            "row_id",
            sqlite_where=RANGES,
            postgresql_where=RANGES,
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    change_id: int = Field(foreign_key="change.id")
    table_name: str = Field(max_length=32)
    row_id: int
    op: str = Field(max_length=8)
    before: str | None = None
    # Since schema 7: an insert of ``row_count`` rows with the ids from ``row_id`` on (a batch);
    # None is the one row ``row_id``.
    row_count: int | None = None


class OwnItem(SQLModel, table=True):
    """Since schema 7: an item of the learner's own (a paper, a talk, a course...) in a list of
    theirs (``reading``, ``career``), referred to as ``LIST/SLUG`` like a curriculum item."""

    __tablename__ = "own_item"
    __table_args__ = (
        UniqueConstraint("owner", "list", "slug", name="uq_own_item_owner_list_slug"),
        Index("ix_own_item_owner_url_key", "owner", "url_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    owner: str = Field(max_length=64)
    list: str = Field(max_length=32)
    slug: str = Field(max_length=64)
    title: str
    kind: str = Field(max_length=16)
    url: str | None = None
    url_key: str | None = Field(default=None, max_length=300)  # the URL normalised (``studylog.urls``)
    alias: str | None = Field(default=None, max_length=80)  # another name: an arXiv paper's id
    estimate_low: float | None = None
    estimate_high: float | None = None
    tags: str | None = None  # its tags, normalised, separated by spaces
    created_at: datetime


class EntryTag(SQLModel, table=True):
    """Since schema 7: a tag of an entry, normalised (lower case, without its ``#``)."""

    __tablename__ = "entry_tag"
    __table_args__ = (
        Index("ix_entry_tag_entry", "entry_id"),
        Index("ix_entry_tag_owner_tag", "owner", "tag", "entry_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="entry.id")
    owner: str = Field(max_length=64)
    tag: str = Field(max_length=64)


class Timer(SQLModel, table=True):
    """Since schema 9: a learner's running timer (``timer start``); stopping it logs a done item."""

    __tablename__ = "timer"
    __table_args__ = (UniqueConstraint("owner", name="uq_timer_owner"),)

    id: int | None = Field(default=None, primary_key=True)
    owner: str = Field(max_length=64)
    text: str
    item: str | None = Field(default=None, max_length=200)
    started_at: datetime
    host: str | None = Field(default=None, max_length=255)
    created_at: datetime


class Plan(SQLModel, table=True):
    """Since schema 9: a learner's plan for a curriculum: finish it by a day, or study it so many
    hours a week (``plan dlc --by 2025-06-30``, ``--hours-per-week 6``)."""

    __tablename__ = "plan"
    __table_args__ = (UniqueConstraint("owner", "curriculum", name="uq_plan_owner_curriculum"),)

    id: int | None = Field(default=None, primary_key=True)
    owner: str = Field(max_length=64)
    curriculum: str = Field(max_length=32)
    by_date: date | None = None
    hours_per_week: float | None = None
    created_at: datetime


class IdHigh(SQLModel, table=True):
    """The highest id each table has ever given out: ids are never given twice, even after the
    newest rows were removed (SQLite would reuse them; so would max(id) + 1 anywhere), so that undo
    can always put a row back under its own id."""

    __tablename__ = "id_high"

    name: str = Field(primary_key=True, max_length=32)
    last_id: int


class Migration(SQLModel, table=True):
    """Each schema migration applied, by number; its presence marks a studylog store."""

    __tablename__ = "studylog_migrations"

    version: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    name: str
    applied_at: datetime
