"""Item references without loading the curricula: a small index of every item's reference,
aliases and title, for resolving what a user types.

``cache`` keeps it as JSON in the data folder, so that ``done --item makemore-4`` costs a JSON
read instead of parsing YAML and validating it. The catalog resolves references through the same
index, so there is one set of rules. This module imports no other part of ``curriculum``.
"""

from __future__ import annotations

from typing import Any

from studylog.errors import UnknownItemError
from studylog.namedtuple import NamedTuple


def reading_keys(recommended: int, optional: int) -> list[str]:
    """The keys of an item's readings, in the file's order: ``r1``, ``r2``... for its recommended
    ones, ``o1``... for its optional ones (``dlc/1/r1`` is dlc/1's first recommended reading)."""
    return [f"r{n}" for n in range(1, recommended + 1)] + [f"o{n}" for n in range(1, optional + 1)]


def reading_item(ref: str) -> str:
    """The item a reading's reference belongs to (``dlc/1/r1`` is ``dlc/1``'s); any other
    reference is its own item."""
    head, _, key = ref.rpartition("/")
    if head.count("/") == 1 and len(key) > 1 and key[0] in "ro" and key[1:].isdigit():
        return head
    return ref


class Resolved(NamedTuple):
    ref: str
    title: str


class ItemIndex:
    """Every item's reference, aliases and title, for resolving what a user types."""

    def __init__(
        self,
        titles: dict[str, str] | None = None,
        keys: dict[str, list[str]] | None = None,
        curricula: list[str] | None = None,
        display: dict[str, str] | None = None,
    ) -> None:
        self.titles = titles if titles is not None else {}  # "dlc/1" -> title
        self.keys = keys if keys is not None else {}  # lower-case name -> canonical refs
        self.curricula = curricula if curricula is not None else []
        self.display = display if display is not None else {}  # lower-case name -> as written

    def add(self, cid: str, iid: str, title: str, aliases: list[str]) -> None:
        ref = f"{cid}/{iid}"
        self.titles[ref] = title
        names = {ref: ref, **{f"{cid}/{a}": f"{cid}/{a}" for a in aliases}, **{a: a for a in aliases}}
        for name, shown in names.items():
            refs = self.keys.setdefault(name.lower(), [])
            if ref not in refs:
                refs.append(ref)
            if "/" not in name or name == ref:  # suggest refs and bare aliases, not cid/alias
                self.display[name.lower()] = shown
        if cid not in self.curricula:
            self.curricula.append(cid)

    def add_reading(self, item_ref: str, key: str, title: str) -> None:
        """A reading of item ``item_ref`` (``dlc/1``), as ``dlc/1/r1`` (``key`` "r1": the first
        recommended reading; "o1" the first optional one), so that it can be checked off."""
        ref = f"{item_ref}/{key}"
        self.titles[ref] = title
        self.keys.setdefault(ref.lower(), [ref])
        self.display[ref.lower()] = ref

    def resolve(self, text: str) -> Resolved:
        """The item ``text`` names (``dlc/1``, ``karpathy/makemore-4``, ``week0_d2_cnn``);
        UnknownItemError with the closest matches otherwise."""
        key = text.strip().lower()
        hits = self.keys.get(key, [])
        if len(hits) == 1:
            return Resolved(hits[0], self.titles[hits[0]])
        if hits:
            raise UnknownItemError(
                f"{text.strip()!r} names more than one item ({', '.join(sorted(hits))})", "give the full reference"
            )
        close = _closest(key, list(self.display))
        hint = (
            "did you mean " + " or ".join(self.display[c] for c in close) + "?"
            if close
            else "see 'studylog curricula show ID' for the items of a curriculum"
        )
        raise UnknownItemError(f"unknown item {text.strip()!r}", hint)

    def curriculum(self, cid: str) -> str:
        """The curriculum id ``cid`` names; UnknownItemError with the closest ids otherwise."""
        key = cid.strip().lower()
        if key in self.curricula:
            return key
        import difflib

        close = _closest(key, self.curricula) or difflib.get_close_matches(key, self.curricula, n=3, cutoff=0.5)
        hint = f"did you mean {', '.join(close)}?" if close else "see 'studylog curricula list'"
        raise UnknownItemError(f"unknown curriculum {cid!r}", hint)

    def to_data(self) -> dict[str, Any]:
        """The index as JSON-ready data (``cache`` stores it; ``ItemIndex(**data)`` reads it back)."""
        return {"titles": self.titles, "keys": self.keys, "curricula": self.curricula, "display": self.display}


def _closest(key: str, names: list[str]) -> list[str]:
    """Up to three names nearest ``key``, keeping only those about as near as the nearest."""
    import difflib

    scored = [
        (difflib.SequenceMatcher(None, key, n).ratio(), n)
        for n in difflib.get_close_matches(key, names, n=5, cutoff=0.6)
    ]
    if not scored:
        return []
    best = scored[0][0]
    return [name for ratio, name in scored if ratio >= best - 0.05][:3]
