"""The curriculum file format (pydantic v2). Unknown keys are errors, so typos never pass silently.

A curriculum is a list of items (chapters, days, lectures, weeks, sections…). An item may have
hard ``prerequisites`` (items to complete first) and soft ``helps`` links (items it makes easier),
an ``importance`` rank (1 = most important), ``aliases`` (other names learners use for it), an
``estimate`` in hours, sub-``parts``, ``readings`` and an ``exercise``.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

FORMAT_VERSION = 1
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
ItemKind = Literal[
    "chapter", "section", "day", "week", "lecture", "module", "unit", "lesson", "reading",
    "project", "exercise", "video", "topic", "part",
]
Confidence = Literal["confirmed", "secondary"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _as_id(value: object) -> object:
    """YAML reads ``1`` as an int; accept it as the id ``"1"``. Floats are ambiguous (1.10 → 1.1)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        raise ValueError(f"write this id as a quoted string (\"{value}\"), since YAML reads it as a number")
    return value


class Estimate(_Strict):
    """Hours of study: ``low`` to ``high`` (equal for a single number)."""

    low: Annotated[float, Field(gt=0, le=10_000)]
    high: Annotated[float, Field(gt=0, le=10_000)]

    @model_validator(mode="before")
    @classmethod
    def _from_number_or_range(cls, value: object) -> object:
        if isinstance(value, bool):
            raise ValueError("an estimate is a number of hours or a range like '20-80'")
        if isinstance(value, (int, float)):
            return {"low": value, "high": value}
        if isinstance(value, str):
            m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(?:(?:-|–|to)\s*(\d+(?:\.\d+)?))?\s*h?\s*", value)
            if not m:
                raise ValueError("an estimate is a number of hours or a range like '20-80'")
            return {"low": m.group(1), "high": m.group(2) or m.group(1)}
        if isinstance(value, (list, tuple)) and len(value) == 2:
            return {"low": value[0], "high": value[1]}
        return value

    @model_validator(mode="after")
    def _ordered(self) -> Estimate:
        if self.high < self.low:
            raise ValueError(f"high ({self.high}) is below low ({self.low})")
        return self

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2


class Reading(_Strict):
    title: Annotated[str, Field(min_length=1)]
    url: str | None = None
    note: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: object) -> object:
        return {"title": value} if isinstance(value, str) else value


class Readings(_Strict):
    recommended: list[Reading] = []
    optional: list[Reading] = []


class Part(_Strict):
    """A sub-part of an item (an exercise set, a numbered part of a page)."""

    title: Annotated[str, Field(min_length=1)]
    url: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: object) -> object:
        return {"title": value} if isinstance(value, str) else value


class Item(_Strict):
    id: Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]
    title: Annotated[str, Field(min_length=1)]
    kind: ItemKind
    url: str | None = None
    estimate: Estimate | None = Field(default=None, description="hours: a number or a range '20-80'")
    duration: str | None = Field(default=None, description="length of a video or lecture, H:MM:SS")
    importance: Annotated[int, Field(ge=1)] | None = Field(
        default=None, description="rank among the curriculum's items, 1 = study first"
    )
    prerequisites: list[str] = Field(default=[], description="items to complete first (hard)")
    helps: list[str] = Field(default=[], description="items this one makes easier (soft)")
    aliases: list[Annotated[str, Field(min_length=1, max_length=80)]] = []
    optional: bool = False
    parts: list[Part] = []
    readings: Readings = Readings()
    exercise: str | None = None
    notes: str | None = None
    secondary: list[str] = Field(
        default=[], description="fields whose facts come from secondary (third-party) sources"
    )

    _id = field_validator("id", mode="before")(_as_id)
    _refs = field_validator("prerequisites", "helps", mode="before")(
        lambda v: [_as_id(x) for x in v] if isinstance(v, list) else v
    )

    @field_validator("duration")
    @classmethod
    def _duration(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"(\d+:)?\d{1,2}:\d{2}", value):
            raise ValueError("write a duration as H:MM:SS or MM:SS")
        return value

    @property
    def duration_hours(self) -> float | None:
        if not self.duration:
            return None
        parts = [int(p) for p in self.duration.split(":")]
        while len(parts) < 3:
            parts.insert(0, 0)
        return parts[0] + parts[1] / 60 + parts[2] / 3600


class Source(_Strict):
    url: str
    used_for: str
    confidence: Confidence = "confirmed"
    commit: str | None = None


class Curriculum(_Strict):
    """One curriculum file."""

    format: Literal[1] = FORMAT_VERSION
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_\-]*$", max_length=32)]
    title: Annotated[str, Field(min_length=1)]
    url: str
    edition: str | None = Field(default=None, description="edition or date of the material")
    author: str | None = None
    description: str | None = None
    sources: list[Source] = []
    items: Annotated[list[Item], Field(min_length=1)]

    _id = field_validator("id", mode="before")(_as_id)

    @model_validator(mode="after")
    def _consistent(self) -> Curriculum:
        seen: dict[str, str] = {}
        for index, item in enumerate(self.items):
            for name in (item.id, *item.aliases):
                key = name.lower()
                if key in seen:
                    raise ValueError(f"items[{index}]: {name!r} is already used by item {seen[key]!r}")
                seen[key] = item.id
        ids = {item.id for item in self.items}
        for index, item in enumerate(self.items):
            for field in ("prerequisites", "helps"):
                for ref in getattr(item, field):
                    if "/" not in ref and ref not in ids:
                        raise ValueError(f"items[{index}].{field}: no item {ref!r} in this curriculum")
                    if ref == item.id:
                        raise ValueError(f"items[{index}].{field}: an item cannot refer to itself")
        ranks = [item.importance for item in self.items if item.importance is not None]
        if len(ranks) != len(set(ranks)):
            raise ValueError("two items have the same importance rank")
        self._check_cycles()
        return self

    def _check_cycles(self) -> None:
        graph = {i.id: [p for p in i.prerequisites if "/" not in p] for i in self.items}
        state: dict[str, int] = {}

        def visit(node: str, trail: list[str]) -> None:
            state[node] = 1
            for nxt in graph[node]:
                if state.get(nxt) == 1:
                    cycle = " → ".join([*trail[trail.index(nxt):], nxt]) if nxt in trail else nxt
                    raise ValueError(f"prerequisites form a cycle: {cycle}")
                if nxt not in state:
                    visit(nxt, [*trail, nxt])
            state[node] = 2

        for node in graph:
            if node not in state:
                visit(node, [node])
