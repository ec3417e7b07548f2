"""The curriculum file format (pydantic v2). Unknown keys are errors, so typos never pass silently.

A curriculum is a list of items (chapters, days, lectures, weeks, sections…). An item may have
hard ``prerequisites`` (items to complete first) and soft ``helps`` links (items it makes easier),
an ``importance`` rank (1 = most important), ``aliases`` (other names learners use for it), an
``estimate`` in hours, sub-``parts``, ``readings`` and an ``exercise``.
"""

from __future__ import annotations

import re
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

FORMAT_VERSION: Final = 1
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
ItemKind = Literal[
    "chapter",
    "section",
    "day",
    "week",
    "lecture",
    "module",
    "unit",
    "lesson",
    "reading",
    "project",
    "exercise",
    "video",
    "topic",
    "part",
    # the learner's own material beside the curricula (issue #14)
    "paper",
    "post",
    "talk",
    "course",
    "book",
    "other",
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
        raise ValueError(f'write this id as a quoted string ("{value}"), since YAML reads it as a number')
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
    secondary: list[str] = Field(default=[], description="fields whose facts come from secondary (third-party) sources")

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
    url: str | None = None  # a reading list of one's own has no home page
    edition: str | None = Field(default=None, description="edition or date of the material")
    author: str | None = None
    description: str | None = None
    sources: list[Source] = []
    items: Annotated[list[Item], Field(min_length=1)]

    _id = field_validator("id", mode="before")(_as_id)

    def link_problems(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Problems between items, each with its path in the file: ids or aliases used twice,
        references to missing items, an item referring to itself, shared ranks, cycles."""
        problems: list[tuple[tuple[str | int, ...], str]] = []
        seen: dict[str, str] = {}
        for index, item in enumerate(self.items):
            names: list[tuple[tuple[str | int, ...], str]] = [(("items", index, "id"), item.id)]
            names += [(("items", index, "aliases", n), alias) for n, alias in enumerate(item.aliases)]
            for loc, name in names:
                key = name.lower()
                if key in seen:
                    problems.append((loc, f"{name!r} is already used by item {seen[key]!r}"))
                else:
                    seen[key] = item.id
        ids = {item.id for item in self.items}
        ranks: dict[int, str] = {}
        for index, item in enumerate(self.items):
            for field in ("prerequisites", "helps"):
                for n, ref in enumerate(getattr(item, field)):
                    loc = ("items", index, field, n)
                    if ref == item.id:
                        problems.append((loc, "an item cannot refer to itself"))
                    elif "/" not in ref and ref not in ids:
                        problems.append((loc, f"no item {ref!r} in this curriculum"))
            if item.importance is not None:
                if item.importance in ranks:
                    problems.append(
                        (
                            ("items", index, "importance"),
                            f"rank {item.importance} is already item {ranks[item.importance]!r}'s",
                        )
                    )
                else:
                    ranks[item.importance] = item.id
        for cycle in self._cycles():
            index = next(i for i, item in enumerate(self.items) if item.id == cycle[0])
            problems.append((("items", index, "prerequisites"), "prerequisites form a cycle: " + " → ".join(cycle)))
        return problems

    def _cycles(self) -> list[list[str]]:
        """One cycle for each back edge a depth-first walk of the prerequisites meets."""
        graph: dict[str, list[str]] = {}
        for item in self.items:
            graph.setdefault(item.id, []).extend(p for p in item.prerequisites if "/" not in p and p != item.id)
        state: dict[str, int] = {}
        found: list[list[str]] = []

        def visit(node: str, trail: list[str]) -> None:
            state[node] = 1
            for nxt in graph.get(node, []):
                if state.get(nxt) == 1:
                    found.append([*trail[trail.index(nxt) :], nxt])
                elif nxt not in state and nxt in graph:
                    visit(nxt, [*trail, nxt])
            state[node] = 2

        for node in graph:
            if node not in state:
                visit(node, [node])
        return found
