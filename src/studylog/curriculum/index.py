"""Item references without loading the curricula: a small index of every item's reference,
aliases and title, cached as JSON in the data folder and rebuilt when a curriculum file changes.

``done --item makemore-4`` then costs a JSON read instead of parsing YAML and validating it.
The catalog resolves references through the same index, so there is one set of rules.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

from studylog.errors import UnknownItemError

INDEX_FORMAT = 2


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

    def to_json(self, fingerprint: str, outlines: dict) -> str:
        return json.dumps(
            {
                "format": INDEX_FORMAT,
                "fingerprint": fingerprint,
                "titles": self.titles,
                "keys": self.keys,
                "curricula": self.curricula,
                "display": self.display,
                "outlines": outlines,
            }
        )


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


def curriculum_files(shipped: Path, user: Path | None) -> list[Path]:
    files = sorted(shipped.glob("*.yaml"))
    if user is not None and user.is_dir():
        files += sorted(user.glob("*.yaml"))
    return files


def fingerprint(files: list[Path]) -> str:
    from studylog import __version__

    parts = [__version__, str(INDEX_FORMAT)]
    for f in files:
        st = f.stat()
        parts.append(f"{f}:{st.st_mtime_ns}:{st.st_size}")
    return "|".join(parts)


def load_outlines(shipped: Path, user: Path | None, cache: Path):
    """The item index and the curricula's outlines for these folders: from the cache when no
    file changed since it was written, else built from the curricula (which reports any problem
    in them) and cached."""
    from studylog.curriculum.outline import Outlines

    print_ = fingerprint(curriculum_files(shipped, user))
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        if data.get("format") == INDEX_FORMAT and data.get("fingerprint") == print_:
            index = ItemIndex(data["titles"], data["keys"], data["curricula"], data["display"])
            return Outlines.from_data(data["outlines"], index)
    except (OSError, ValueError, KeyError, TypeError):
        pass
    from studylog.curriculum.catalog import load_catalog

    outlines = load_catalog(shipped, user).outlines
    try:
        from studylog.atomic import write_atomic

        write_atomic(cache, outlines.index.to_json(print_, outlines.to_data()))
    except OSError:
        pass  # a read-only data folder only costs speed
    return outlines


def load_index(shipped: Path, user: Path | None, cache: Path) -> ItemIndex:
    return load_outlines(shipped, user, cache).index
