"""The backup format (``studylog export json``) as a strict pydantic model, so that ``import json``
refuses a backup that would store what studylog itself never stores: ``"hours": "lots"``, a
done entry in the future, a note that is a number, a period that ends before it starts.

Validation is per record (one entry, status or event at a time, each checked and dropped), so
memory stays what the parsed file takes. The first problem is one line that names the record and
the field (:func:`problem`); what needs the whole file or the store (duplicate ids, a day's total
hours) is checked by the restore (``exporters.backup``).

The rules (docs/json.md, "What import json checks"):

- ``kind`` is ``"goal"`` or ``"done"``; a status is ``started``, ``complete`` or ``skipped``; an
  event ``started``, ``completed``, ``reopened`` or ``skipped``.
- Days are ISO ``YYYY-MM-DD``; a done entry's day, the days a goal was met or dropped, and the days
  of statuses and events are not after today (a goal may be planned ahead, and lapse ahead).
  Times (``created_at``, ``updated_at``) are ISO date-times.
- ``hours`` is null or a number, more than 0 and at most 24 a day (24 × the days of its period).
- Texts are strings that can be stored (no NUL, no lone surrogate); an entry's text and a note's
  text are not empty; item references, ``style``, ``source`` and ``source_key`` fit their columns.
- A period has both ends, the first on or before the last, at most 366 days.
- Ids (``id``, ``goal_id``) are whole numbers from 1 to 2⁶³ − 1 (a 64-bit integer column).
- An entry's ``tags`` (version 3) are tags in their normal form (``git``, not ``#Git``:
  ``studylog.tags.normalize_tag``).
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from studylog.curriculum.own import LIST_PATTERN, SLUG_PATTERN

MAX_ID = 2**63 - 1
MAX_HOURS_PER_DAY = 24.0
MAX_PERIOD_DAYS = 366
ITEM_CHARS = 200


class Whole(ValueError):
    """A message that says the value itself (no ``, not VALUE`` after it)."""


def _storable(value: Any) -> str:
    """A string the store can hold: no NUL, no lone surrogate (JSON's ``"\\ud800"`` is one)."""
    if not isinstance(value, str):
        raise ValueError("must be a string")
    if "\x00" in value:
        raise ValueError("must not contain a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = value[exc.start]
        raise Whole(f"holds a lone surrogate (\\u{ord(bad):04x}), which is not a character") from None
    return value


def _text(value: Any) -> str:
    text = _storable(value)
    if not text.strip():
        raise ValueError("must not be empty")
    return text


def _day(value: Any) -> date:
    if not isinstance(value, str) or len(value) != 10:
        raise ValueError("must be an ISO day like 2024-04-18")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError("must be an ISO day like 2024-04-18") from None


def _time(value: Any) -> datetime:
    if not isinstance(value, str):
        raise ValueError("must be an ISO date and time like 2024-04-18 09:30:00")
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("must be an ISO date and time like 2024-04-18 09:30:00") from None


def _id(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ID:
        raise ValueError(f"must be a whole number from 1 to {MAX_ID}")
    return value


def _hours(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value <= 0:
        raise ValueError("must be a number of hours from 0 to 24 (more than 0), or null")
    return float(value)


def _limited(chars: int) -> Any:
    def check(value: Any) -> str:
        text = _text(value)
        if len(text) > chars:
            raise ValueError(f"must be at most {chars} characters (it has {len(text)})")
        return text

    return check


def _or_null(check: Any) -> Any:
    """``check``, or None for null (one validator, so that an error names the field, not a union)."""
    return PlainValidator(lambda value: None if value is None else check(value))


Text = Annotated[str, PlainValidator(_text)]
Day = Annotated[date, PlainValidator(_day)]
Time = Annotated[datetime, PlainValidator(_time)]
Id = Annotated[int, PlainValidator(_id)]
OptDay = Annotated[date | None, _or_null(_day)]
OptId = Annotated[int | None, _or_null(_id)]
OptHours = Annotated[float | None, _or_null(_hours)]
OptItem = Annotated[str | None, _or_null(_limited(ITEM_CHARS))]


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("must be a whole number, 0 or more")
    return value


def _tag(value: Any) -> str:
    from studylog.errors import UsageError
    from studylog.tags import normalize_tag

    text = _text(value)
    try:
        normal = normalize_tag(text)
    except UsageError:
        raise ValueError("must be a tag (one word of letters and digits, with - _ / . inside)") from None
    if normal != text:
        raise ValueError(f"must be a tag in its normal form ({normal!r})")
    return text


Tag = Annotated[str, PlainValidator(_tag)]
Count = Annotated[int, PlainValidator(_count)]
OptCount = Annotated[int | None, _or_null(_count)]
Label = Annotated[str | None, _or_null(_limited(16))]
Source = Annotated[str | None, _or_null(_limited(32))]
SourceKey = Annotated[str | None, _or_null(_limited(64))]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


def _not_after_today(day: date | None, info: ValidationInfo) -> date | None:
    today = (info.context or {}).get("today")
    if day is not None and today is not None and day > today:
        raise Whole(f"is {day.isoformat()}, after today ({today.isoformat()})")
    return day


class BackupNote(_Strict):
    depth: Count = 0
    text: Text


class BackupEntry(_Strict):
    """One entry: every column of the ``entry`` table, its items and its notes."""

    id: Id
    kind: Literal["goal", "done"]
    day: Day
    text: Text
    hours: OptHours
    item: OptItem
    goal_id: OptId
    met_on: OptDay
    dropped_on: OptDay
    created_at: Time
    period_start: OptDay
    period_end: OptDay
    style: Label
    source: Source
    source_key: SourceKey
    item_count: OptCount = None  # version 2 on; restore counts the items itself
    lapse_on: OptDay = None  # version 2 on
    items: list[Annotated[str, PlainValidator(_limited(ITEM_CHARS))]] = Field(default_factory=list)  # version 2 on
    notes: list[BackupNote] = Field(default_factory=list)
    tags: list[Tag] = Field(default_factory=list)  # version 3 on

    _today = field_validator("met_on", "dropped_on")(_not_after_today)

    @field_validator("day")
    @classmethod
    def _done_not_ahead(cls, day: date, info: ValidationInfo) -> date:
        if info.data.get("kind") == "done":
            _not_after_today(day, info)
        return day

    @field_validator("period_end")
    @classmethod
    def _period(cls, end: date | None, info: ValidationInfo) -> date | None:
        start = info.data.get("period_start")
        if "period_start" not in info.data:
            return end  # period_start itself is wrong: that is the problem to name
        if (start is None) != (end is None):
            ends = [d.isoformat() if d else "null" for d in (start, end)]
            raise Whole(f"is {ends[1]} and period_start {ends[0]}: a period needs both days, or neither")
        if start is not None and end is not None:
            if start > end:
                raise Whole(f"is {end.isoformat()}, before period_start ({start.isoformat()})")
            if (end - start).days + 1 > MAX_PERIOD_DAYS:
                raise Whole(f"is more than {MAX_PERIOD_DAYS} days after period_start ({start.isoformat()})")
        return end

    def days(self) -> int:
        """The days the entry's hours cover (its period, or one)."""
        if self.period_start is None or self.period_end is None:
            return 1
        return (self.period_end - self.period_start).days + 1

    @model_validator(mode="after")
    def _hours_of_days(self) -> BackupEntry:
        if self.hours is not None and self.hours > MAX_HOURS_PER_DAY * self.days() + 1e-9:
            limit = f"{MAX_HOURS_PER_DAY * self.days():g} (24 a day over its {self.days()} days)"
            if self.days() == 1:
                limit = "24"
            raise Whole(f"hours must be a number of hours from 0 to {limit}, not {self.hours:g}")
        return self


class BackupStatus(_Strict):
    item: Annotated[str, PlainValidator(_limited(ITEM_CHARS))]
    status: Literal["started", "complete", "skipped"]
    started_on: OptDay
    completed_on: OptDay
    skipped_on: OptDay
    updated_at: Time

    _today = field_validator("started_on", "completed_on", "skipped_on")(_not_after_today)


class BackupEvent(_Strict):
    item: Annotated[str, PlainValidator(_limited(ITEM_CHARS))]
    event: Literal["started", "completed", "reopened", "skipped"]
    day: Day
    created_at: Time

    _today = field_validator("day")(_not_after_today)


def _pattern(pattern: Any, what: str) -> Any:
    def check(value: Any) -> str:
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise ValueError(f"must be {what}")
        return value

    return PlainValidator(check)


def _title(value: Any) -> str:
    text = _limited(2000)(value)
    if not text.strip():
        raise ValueError("must not be empty")
    return text


def _kind(value: Any) -> str:
    from typing import get_args

    from studylog.curriculum.model import ItemKind

    if value not in get_args(ItemKind):
        raise ValueError("must be a kind of item (paper, talk, course...)")
    return str(value)


class BackupEstimate(_Strict):
    low: Annotated[float, Field(gt=0, le=10_000)]
    high: Annotated[float, Field(gt=0, le=10_000)]


class BackupOwnItem(_Strict):
    """An item of the learner's own (``studylog add``), version 3 on."""

    list_: Annotated[str, _pattern(LIST_PATTERN, "a list name (lower-case letters, digits, - and _)")] = Field(
        alias="list"
    )
    id: Annotated[str, _pattern(SLUG_PATTERN, "an item reference (letters, digits, - _ and .)")]
    title: Annotated[str, PlainValidator(_title)]
    kind: Annotated[str, PlainValidator(_kind)]
    url: Annotated[str | None, _or_null(_limited(2000))] = None
    estimate: BackupEstimate | None = None
    tags: list[Tag] = Field(default_factory=list)
    created_at: Time


def problem(exc: ValidationError | ValueError, record: Any) -> str:
    """The first thing wrong, as ``FIELD MUST …, not VALUE`` (or ``FIELD is missing``)."""
    if not isinstance(exc, ValidationError):
        return str(exc)
    error = exc.errors(include_url=False)[0]
    loc = [str(p) for p in error["loc"]]
    field = loc[0] if loc else ""
    where = ".".join(loc)
    if len(loc) >= 3 and loc[0] == "notes":  # notes.2.text -> note 2 text
        where = f"note {loc[1]} {'.'.join(loc[2:])}"
    elif len(loc) == 2 and loc[0] in ("items", "tags"):
        where = f"{loc[0]}[{loc[1]}]"
    kind = error["type"]
    if kind == "missing":
        return f"{where} is missing"
    if kind == "extra_forbidden":
        return f"{where} is not a field of the backup format"
    cause = error.get("ctx", {}).get("error")
    if isinstance(cause, Whole):
        return f"{where} {cause}".strip()
    given = error.get("input")
    if not loc:
        return f"it must be an object, not {shown(given)}"
    if kind == "literal_error":
        allowed = error.get("ctx", {}).get("expected", "")
        return f"{where} must be one of {allowed}, not {shown(given)}"
    if kind in ("list_type", "model_type", "dict_type"):
        what = {"list_type": "a list", "model_type": "an object", "dict_type": "an object"}[kind]
        return f"{where} must be {what}, not {shown(given)}"
    message = str(cause or error["msg"])
    if field == "hours" and kind == "value_error":
        return f"hours must be a number of hours from 0 to 24, not {shown(given)}"
    return f"{where} {message}, not {shown(given)}"


def shown(value: Any) -> str:
    """A value as the message quotes it: short, and safe for a terminal."""
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return text.encode("ascii", "backslashreplace").decode("ascii")


def entry(record: Any, today: date) -> BackupEntry:
    return BackupEntry.model_validate(record, context={"today": today})


def status(record: Any, today: date) -> BackupStatus:
    return BackupStatus.model_validate(record, context={"today": today})


class BackupPlan(_Strict):
    """A plan (``studylog plan``), version 3 on: by a day, or hours a week."""

    curriculum: Annotated[str, _pattern(LIST_PATTERN, "a curriculum id")]
    by: OptDay = None
    hours_per_week: Annotated[float, Field(gt=0, le=168)] | None = None
    created_at: Time


def plan(record: Any) -> BackupPlan:
    """A plan of the backup; ValueError when it has both or neither of ``by`` and ``hours_per_week``."""
    checked = BackupPlan.model_validate(record)
    if (checked.by is None) == (checked.hours_per_week is None):
        raise ValueError("a plan has 'by' or 'hours_per_week', one of the two")
    return checked


def own_item(record: Any) -> BackupOwnItem:
    return BackupOwnItem.model_validate(record)


def event(record: Any, today: date) -> BackupEvent:
    return BackupEvent.model_validate(record, context={"today": today})
