"""The learner's own items (papers, talks, courses...) as curricula: each list of theirs
(``reading``, ``career``) is a curriculum whose items are kept in the store, not in a file, so that
they follow the learner to every machine. This module turns the stored items into the outlines and
curriculum models the rest of studylog reads, and derives an item's reference from its title.
Pure functions over data: the store gives the items (``store.own_items``)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from studylog.namedtuple import NamedTuple

DEFAULT_LIST = "reading"
LIST_PATTERN = re.compile(r"[a-z0-9][a-z0-9_\-]{0,31}")
SLUG_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}")
MAX_SLUG = 30
MAX_SLUG_WORDS = 4
# Words that say what an item is rather than which: "DPO paper" is reading/dpo.
_FILLER = {"a", "an", "the", "of", "on", "for", "and", "to", "in", "with"}


class OwnItem(NamedTuple):
    """One item of the learner's own, as stored."""

    id: int
    list: str
    slug: str
    title: str
    kind: str
    url: str | None
    alias: str | None  # another name it answers to: an arXiv paper's id
    estimate: tuple[float, float] | None
    tags: tuple[str, ...]

    @property
    def ref(self) -> str:
        return f"{self.list}/{self.slug}"

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "list": self.list,
            "id": self.slug,
            "title": self.title,
            "kind": self.kind,
            "url": self.url,
            "alias": self.alias,
            "estimate": {"low": self.estimate[0], "high": self.estimate[1]} if self.estimate else None,
            "tags": list(self.tags),
        }


def list_title(list_id: str) -> str:
    """How a list is titled where curricula are listed: ``side-projects`` is "Side projects"."""
    words = re.sub(r"[-_]+", " ", list_id).strip()
    return words[:1].upper() + words[1:]


def slug_for(title: str, kind: str, taken: Iterable[str] = ()) -> str:
    """A short reference for an item titled ``title``, unused among ``taken`` (case-insensitively):
    its first words in lower case without accents, joined by ``-``, without the kind's name and
    filler words when others remain ("DPO paper" is ``dpo``), up to 4 words and about 30 characters;
    ``-2``, ``-3``… when taken. A title with no Latin letters or digits gives the kind's name."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+(?:\.[0-9]+)*", folded)
    kept = [w for w in words if w not in _FILLER and w != kind and w.rstrip("s") != kind]
    words = kept or words or [kind]
    base = ""
    for word in words[:MAX_SLUG_WORDS]:
        candidate = f"{base}-{word}" if base else word
        if len(candidate) > MAX_SLUG and base:
            break
        base = candidate[:MAX_SLUG]
    used = {t.lower() for t in taken}
    slug, n = base, 1
    while slug.lower() in used:
        n += 1
        slug = f"{base}-{n}"
    return slug


def title_from_text(text: str, url: str) -> str:
    """The title of an item a done entry adds (``done --url U --add KIND``): the text of the
    entry's link to ``url`` (``[DPO paper](U)``), else the entry's text."""
    for m in re.finditer(r"\[([^\]]+)\]\(([^)\s]+)\)", text):
        if m.group(2).strip() == url.strip() and m.group(1).strip():
            return m.group(1).strip()
    return text


def _names(item: OwnItem) -> tuple[str, ...]:
    """The other names an own item answers to: its id alone (``dpo`` for ``reading/dpo``, when it
    has a letter) and an arXiv paper's id."""
    names = [item.slug] if any(c.isalpha() for c in item.slug) else []
    return tuple(names + ([item.alias] if item.alias else []))


def outlines_of(items: Sequence[OwnItem]) -> dict[str, Any]:
    """The own lists as ``outline.CurriculumOutline``s, by list id, items in the order added."""
    from studylog.curriculum.outline import CurriculumOutline, Estimate, ItemOutline

    lists: dict[str, list[ItemOutline]] = {}
    for i in items:
        lists.setdefault(i.list, []).append(
            ItemOutline(
                i.slug,
                i.title,
                i.kind,
                i.url,
                Estimate(*i.estimate) if i.estimate else None,
                None,
                None,
                None,
                (),
                (),
                _names(i),
                False,
            )
        )
    return {lid: CurriculumOutline(lid, list_title(lid), None, None, tuple(rows)) for lid, rows in lists.items()}


def curricula_of(items: Sequence[OwnItem]) -> list[Any]:
    """The own lists as ``model.Curriculum``s (for the commands that read whole curricula)."""
    from studylog.curriculum.model import Curriculum, Estimate, Item, Readings

    lists: dict[str, list[Item]] = {}
    for i in items:
        lists.setdefault(i.list, []).append(
            Item.model_construct(
                id=i.slug,
                title=i.title,
                kind=i.kind,
                url=i.url,
                estimate=Estimate(low=i.estimate[0], high=i.estimate[1]) if i.estimate else None,
                aliases=list(_names(i)),
                readings=Readings(),
                **_ITEM_DEFAULTS,
            )
        )
    return [
        Curriculum.model_construct(
            format=1,
            id=lid,
            title=list_title(lid),
            url=None,
            edition=None,
            author=None,
            description=None,
            sources=[],
            items=rows,
        )
        for lid, rows in lists.items()
    ]


_ITEM_DEFAULTS: dict[str, Any] = {
    "duration": None,
    "importance": None,
    "prerequisites": [],
    "helps": [],
    "optional": False,
    "parts": [],
    "exercise": None,
    "notes": None,
    "secondary": [],
}


def join_outlines(outlines: Any, items: Sequence[OwnItem]) -> Any:
    """``outlines`` (``outline.Outlines``) with the own lists added after the curricula, their
    items in the index; a list named like a curriculum file joins its items to that curriculum's.
    ``stored`` names the lists that are in the store alone (no file defines them)."""
    for lid, own in outlines_of(items).items():
        for i in own.items:
            outlines.index.add(lid, i.id, i.title, list(i.aliases))
        known = outlines.curricula.get(lid)
        outlines.curricula[lid] = known._replace(items=known.items + own.items) if known else own
        if known is None:
            outlines.stored.add(lid)
    return outlines


def join_catalog(catalog: Any, items: Sequence[OwnItem]) -> Any:
    """``catalog`` (``catalog.Catalog``) with the own lists added, as ``join_outlines`` does."""
    for own in curricula_of(items):
        known = catalog.curricula.get(own.id)
        catalog.curricula[own.id] = (
            known.model_copy(update={"items": [*known.items, *own.items]}) if known is not None else own
        )
        if known is None:
            catalog.user_ids.add(own.id)
            catalog.stored.add(own.id)
    catalog._index = None  # built again with them
    return catalog
