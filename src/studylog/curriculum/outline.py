"""What reports need of the curricula, as plain data: each curriculum's items with their
estimates, ranks and links. Cached as JSON with the item index (``index.load_outlines``), so that
``progress`` and ``next`` do not parse YAML or validate it on every run."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from studylog.curriculum.index import ItemIndex


@dataclass(frozen=True)
class Hours:
    low: float
    high: float

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2


@dataclass(frozen=True)
class ItemOutline:
    id: str
    title: str
    kind: str
    url: str | None
    estimate: Hours | None
    duration: str | None
    duration_hours: float | None
    importance: int | None
    prerequisites: tuple[str, ...]
    helps: tuple[str, ...]
    aliases: tuple[str, ...]
    optional: bool


@dataclass(frozen=True)
class CurriculumOutline:
    id: str
    title: str
    url: str
    edition: str | None
    items: tuple[ItemOutline, ...]


@dataclass
class Outlines:
    """Every curriculum's outline, and the index that resolves references to their items."""

    curricula: dict[str, CurriculumOutline]
    index: ItemIndex

    def curriculum(self, cid: str) -> CurriculumOutline:
        return self.curricula[self.index.curriculum(cid)]

    def to_data(self) -> dict[str, Any]:
        return {cid: asdict(c) for cid, c in self.curricula.items()}

    @classmethod
    def from_data(cls, data: dict[str, Any], index: ItemIndex) -> Outlines:
        curricula = {}
        for cid, c in data.items():
            items = tuple(ItemOutline(**{**i, "estimate": Hours(**i["estimate"]) if i["estimate"] else None,
                                         "prerequisites": tuple(i["prerequisites"]), "helps": tuple(i["helps"]),
                                         "aliases": tuple(i["aliases"])}) for i in c["items"])
            curricula[cid] = CurriculumOutline(c["id"], c["title"], c["url"], c["edition"], items)
        return cls(curricula, index)


def outline_of(curriculum: Any) -> CurriculumOutline:
    """The outline of a validated curriculum (``model.Curriculum``)."""
    items = tuple(
        ItemOutline(i.id, i.title, i.kind, i.url, Hours(i.estimate.low, i.estimate.high) if i.estimate else None,
                    i.duration, i.duration_hours, i.importance, tuple(i.prerequisites), tuple(i.helps),
                    tuple(i.aliases), i.optional)
        for i in curriculum.items)
    return CurriculumOutline(curriculum.id, curriculum.title, curriculum.url, curriculum.edition, items)
