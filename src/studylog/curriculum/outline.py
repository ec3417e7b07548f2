"""What reports need of the curricula, as plain data: each curriculum's items with their
estimates, ranks and links. Cached as JSON with the item index (``cache.load_outlines``), so that
``progress`` and ``next`` do not parse YAML or validate it on every run. NamedTuples, not
dataclasses, for start-up time (see ``store.records``)."""

from __future__ import annotations

from typing import Any

from studylog.curriculum.index import ItemIndex
from studylog.namedtuple import NamedTuple


class Estimate(NamedTuple):
    """Estimated hours of study for an item: ``low`` to ``high`` (``model.Estimate``, as data)."""

    low: float
    high: float

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2


class ItemOutline(NamedTuple):
    id: str
    title: str
    kind: str
    url: str | None
    estimate: Estimate | None
    duration: str | None
    duration_hours: float | None
    importance: int | None
    prerequisites: tuple[str, ...]
    helps: tuple[str, ...]
    aliases: tuple[str, ...]
    optional: bool
    readings: tuple[int, int] = (0, 0)  # how many recommended and optional readings (dlc/1/r1, dlc/1/o1)


class CurriculumOutline(NamedTuple):
    id: str
    title: str
    url: str | None
    edition: str | None
    items: tuple[ItemOutline, ...]


class Outlines:
    """Every curriculum's outline, and the index that resolves references to their items."""

    def __init__(
        self, curricula: dict[str, CurriculumOutline], index: ItemIndex, broken: list[str] | None = None
    ) -> None:
        self.curricula = curricula
        self.index = index
        self.broken = broken or []  # user files left out, each one's problem (``load_catalog``)
        self.stored: set[str] = set()  # the learner's own lists kept in the store (``own.join_outlines``)

    def curriculum(self, cid: str) -> CurriculumOutline:
        return self.curricula[self.index.curriculum(cid)]

    def by_url(self, url: str) -> list[str]:
        """The references of the items whose URL is ``url``, written in any of the ways that name
        the same page (:func:`studylog.urls.normalize_url`), in catalog order."""
        from studylog.urls import normalize_url

        wanted = normalize_url(url)
        if wanted is None:
            return []
        return [
            f"{cid}/{item.id}"
            for cid, c in self.curricula.items()
            for item in c.items
            if item.url and normalize_url(item.url) == wanted
        ]

    def to_data(self) -> dict[str, Any]:
        return {
            cid: {
                **c._asdict(),
                "items": [{**i._asdict(), "estimate": i.estimate._asdict() if i.estimate else None} for i in c.items],
            }
            for cid, c in self.curricula.items()
        }

    @classmethod
    def from_data(cls, data: dict[str, Any], index: ItemIndex) -> Outlines:
        curricula = {}
        for cid, c in data.items():
            items = tuple(
                ItemOutline(
                    **{
                        **i,
                        "estimate": Estimate(**i["estimate"]) if i["estimate"] else None,
                        "prerequisites": tuple(i["prerequisites"]),
                        "helps": tuple(i["helps"]),
                        "aliases": tuple(i["aliases"]),
                        "readings": tuple(i.get("readings", (0, 0))),
                    }
                )
                for i in c["items"]
            )
            curricula[cid] = CurriculumOutline(c["id"], c["title"], c["url"], c["edition"], items)
        return cls(curricula, index)


def outline_of(curriculum: Any) -> CurriculumOutline:
    """The outline of a validated curriculum (``model.Curriculum``)."""
    items = tuple(
        ItemOutline(
            i.id,
            i.title,
            i.kind,
            i.url,
            Estimate(i.estimate.low, i.estimate.high) if i.estimate else None,
            i.duration,
            i.duration_hours,
            i.importance,
            tuple(i.prerequisites),
            tuple(i.helps),
            tuple(i.aliases),
            i.optional,
            (len(i.readings.recommended), len(i.readings.optional)),
        )
        for i in curriculum.items
    )
    return CurriculumOutline(curriculum.id, curriculum.title, curriculum.url, curriculum.edition, items)
