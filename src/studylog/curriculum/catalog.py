"""The curricula a learner has (shipped, then the user's own folder) and item references:
``dlc/1``, ``arena/0.2``, ``karpathy/makemore-4`` or a bare alias such as ``week0_d2_cnn``."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from studylog.curriculum.model import Curriculum, Item
from studylog.curriculum.validate import load_file
from studylog.errors import CurriculumError, UnknownItemError


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
        found = self.curricula.get(cid.strip().lower())
        if found is None:
            close = difflib.get_close_matches(cid.lower(), list(self.curricula), n=3, cutoff=0.5)
            hint = f"did you mean {', '.join(close)}?" if close else "see 'studylog curricula list'"
            raise UnknownItemError(f"unknown curriculum {cid!r}", hint)
        return found

    def resolve(self, text: str) -> ItemRef:
        """The item ``text`` names; UnknownItemError with the closest matches otherwise."""
        ref = text.strip()
        key = ref.lower()
        if "/" in key:
            cid, _, rest = key.partition("/")
            curriculum = self.curricula.get(cid)
            if curriculum is not None:
                item = _find(curriculum, rest)
                if item is not None:
                    return ItemRef(curriculum, item)
        else:
            hits = [ItemRef(c, i) for c in self.curricula.values() if (i := _find(c, key, ids=False))]
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:
                names = ", ".join(h.ref for h in hits)
                raise UnknownItemError(f"{ref!r} names more than one item ({names})", "give the full reference")
        raise UnknownItemError(f"unknown item {ref!r}", self._suggest(key))

    def _suggest(self, key: str) -> str:
        names: dict[str, str] = {}
        for c in self.curricula.values():
            for i in c.items:
                names[f"{c.id}/{i.id}".lower()] = f"{c.id}/{i.id}"
                for alias in i.aliases:
                    names[alias.lower()] = alias
        close = _closest(key, list(names))
        if close:
            return "did you mean " + " or ".join(names[c] for c in close) + "?"
        return "see 'studylog curricula show ID' for the items of a curriculum"

    def link_problems(self) -> list[str]:
        """References to items of other curricula (``karpathy/1``) that do not resolve."""
        problems = []
        for c in self.curricula.values():
            for item in c.items:
                for field in ("prerequisites", "helps"):
                    for ref in getattr(item, field):
                        if "/" in ref and self.lookup(ref) is None:
                            problems.append(f"{self.origins[c.id]}: {c.id}/{item.id} {field}: no item {ref!r}")
        return problems

    def lookup(self, ref: str) -> ItemRef | None:
        """The item a stored canonical reference names, or None if its curriculum changed."""
        cid, _, iid = ref.partition("/")
        curriculum = self.curricula.get(cid)
        item = _find(curriculum, iid.lower()) if curriculum else None
        return ItemRef(curriculum, item) if item else None


def _closest(key: str, names: list[str]) -> list[str]:
    """Up to three names nearest ``key``, keeping only those about as near as the nearest."""
    scored = []
    for name in difflib.get_close_matches(key, names, n=5, cutoff=0.6):
        scored.append((difflib.SequenceMatcher(None, key, name).ratio(), name))
    if not scored:
        return []
    best = scored[0][0]
    return [name for ratio, name in scored if ratio >= best - 0.05][:3]


def _find(curriculum: Curriculum, key: str, ids: bool = True) -> Item | None:
    for item in curriculum.items:
        if (ids and item.id.lower() == key) or any(a.lower() == key for a in item.aliases):
            return item
    return None


def load_catalog(shipped: Path, user: Path | None) -> Catalog:
    catalog = Catalog()
    for path in sorted(shipped.glob("*.yaml")):
        catalog.add(load_file(path), path, user=False)
    if user is not None and user.is_dir():
        for path in sorted(user.glob("*.yaml")):
            catalog.add(load_file(path), path, user=True)
    return catalog
