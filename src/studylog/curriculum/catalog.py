"""The curricula a learner has (shipped, then the user's own folder) and item references:
``dlc/1``, ``arena/0.2``, ``karpathy/makemore-4`` or a bare alias such as ``week0_d2_cnn``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from studylog.curriculum.index import ItemIndex, reading_keys
from studylog.curriculum.model import Curriculum, Item, Reading
from studylog.curriculum.outline import Outlines, outline_of
from studylog.curriculum.validate import load_file
from studylog.errors import CurriculumError


@dataclass(frozen=True)
class ItemRef:
    curriculum: Curriculum
    item: Item

    @property
    def ref(self) -> str:
        return f"{self.curriculum.id}/{self.item.id}"


@dataclass
class Catalog:
    curricula: dict[str, Curriculum] = field(default_factory=dict)
    origins: dict[str, Path] = field(default_factory=dict)
    replaced: dict[str, Path] = field(default_factory=dict)  # id -> the shipped file it replaced
    user_ids: set[str] = field(default_factory=set)
    broken: list[str] = field(default_factory=list)  # user files left out (skip_broken): each one's problem
    stored: set[str] = field(default_factory=set)  # the learner's own lists kept in the store (``own``)
    _index: ItemIndex | None = field(default=None, repr=False)

    def add(self, curriculum: Curriculum, origin: Path, user: bool) -> None:
        cid = curriculum.id
        if cid in self.curricula:
            if not user or cid in self.user_ids:
                raise CurriculumError(
                    f"two curriculum files use the id {cid!r}: {self.origins[cid]} and {origin}",
                )
            self.replaced[cid] = self.origins[cid]
        if user:
            self.user_ids.add(cid)
        self.curricula[cid] = curriculum
        self.origins[cid] = origin

    def curriculum(self, cid: str) -> Curriculum:
        return self.curricula[self.index.curriculum(cid)]

    @property
    def index(self) -> ItemIndex:
        """References, aliases and titles of every item (built once)."""
        if self._index is None:
            index = ItemIndex()
            for c in self.curricula.values():
                for item in c.items:
                    index.add(c.id, item.id, item.title, item.aliases)
                    for key, reading in item_readings(item):
                        index.add_reading(f"{c.id}/{item.id}", key, reading.title)
            self._index = index
        return self._index

    @property
    def outlines(self) -> Outlines:
        outlines = Outlines({cid: outline_of(c) for cid, c in self.curricula.items()}, self.index, self.broken)
        outlines.stored = set(self.stored)
        return outlines

    def resolve(self, text: str) -> ItemRef:
        """The item ``text`` names; UnknownItemError with the closest matches otherwise."""
        found = self.lookup(self.index.resolve(text).ref)
        assert found is not None
        return found

    def link_problems(self) -> list[str]:
        """References to items of other curricula (``karpathy/1``) that do not resolve."""
        problems = []
        for c in self.curricula.values():
            for item in c.items:
                for kind in ("prerequisites", "helps"):
                    for ref in getattr(item, kind):
                        if "/" in ref and self.lookup(ref) is None:
                            problems.append(f"{self.origins[c.id]}: {c.id}/{item.id} {kind}: no item {ref!r}")
        return problems

    def lookup(self, ref: str) -> ItemRef | None:
        """The item a stored canonical reference names, or None if its curriculum changed."""
        cid, _, iid = ref.partition("/")
        curriculum = self.curricula.get(cid)
        item = _find(curriculum, iid.lower()) if curriculum else None
        return ItemRef(curriculum, item) if curriculum and item else None


def item_readings(item: Item) -> list[tuple[str, Reading]]:
    """An item's readings with their keys (:func:`index.reading_keys`)."""
    readings = [*item.readings.recommended, *item.readings.optional]
    keys = reading_keys(len(item.readings.recommended), len(item.readings.optional))
    return list(zip(keys, readings, strict=True))


def _find(curriculum: Curriculum, key: str, ids: bool = True) -> Item | None:
    for item in curriculum.items:
        if (ids and item.id.lower() == key) or any(a.lower() == key for a in item.aliases):
            return item
    return None


def load_catalog(shipped: Path, user: Path | None, *, skip_broken: bool = False) -> Catalog:
    """The shipped curricula and the user's. A user file with a problem is a CurriculumError, or
    with ``skip_broken`` left out and its problem kept in ``broken`` (for the commands that list
    what there is: one broken file of yours does not hide the rest)."""
    catalog = Catalog()
    for path in sorted(shipped.glob("*.yaml")):
        catalog.add(load_file(path), path, user=False)
    if user is not None and user.is_dir():
        for path in sorted(user.glob("*.yaml")):
            try:
                curriculum = load_file(path)
            except CurriculumError as exc:
                if not skip_broken:
                    raise
                catalog.broken.append(exc.message)
                continue
            catalog.add(curriculum, path, user=True)
    return catalog
