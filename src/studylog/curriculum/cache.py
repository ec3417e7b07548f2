"""The curricula as plain data, without parsing them on every run: the item index and the
outlines, cached as JSON in the data folder and rebuilt when a curriculum file changes.

The top of the package: it reads the curricula through ``catalog`` (only when the cache is stale)
and stores ``index.ItemIndex`` and ``outline.Outlines``; none of them imports it."""

from __future__ import annotations

import json
from pathlib import Path

from studylog.curriculum.index import ItemIndex
from studylog.curriculum.outline import Outlines

CACHE_FORMAT = 4  # 3: readings are in the index (dlc/1/r1); 4: and counted in the outlines


def curriculum_files(shipped: Path, user: Path | None) -> list[Path]:
    files = sorted(shipped.glob("*.yaml"))
    if user is not None and user.is_dir():
        files += sorted(user.glob("*.yaml"))
    return files


def fingerprint(files: list[Path]) -> str:
    from studylog import __version__

    parts = [__version__, str(CACHE_FORMAT)]
    for f in files:
        st = f.stat()
        parts.append(f"{f}:{st.st_mtime_ns}:{st.st_size}")
    return "|".join(parts)


def load_outlines(shipped: Path, user: Path | None, cache: Path, *, skip_broken: bool = False) -> Outlines:
    """The item index and the curricula's outlines for these folders: from the cache when no
    file changed since it was written, else built from the curricula (which reports any problem
    in them) and cached. A broken user file is a CurriculumError, or with ``skip_broken`` left
    out (its problem in ``broken``); the cache keeps which files are broken either way."""
    print_ = fingerprint(curriculum_files(shipped, user))
    outlines = None
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        if data.get("format") == CACHE_FORMAT and data.get("fingerprint") == print_:
            index = ItemIndex(data["titles"], data["keys"], data["curricula"], data["display"])
            outlines = Outlines.from_data(data["outlines"], index)
            outlines.broken = list(data.get("broken", []))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    if outlines is None:
        from studylog.curriculum.catalog import load_catalog  # YAML and pydantic: only for a stale cache

        outlines = load_catalog(shipped, user, skip_broken=True).outlines
        try:
            from studylog.atomic import write_atomic

            write_atomic(cache, _to_json(outlines, print_))
        except OSError:
            pass  # a read-only data folder only costs speed
    if outlines.broken and not skip_broken:
        from studylog.errors import CurriculumError

        raise CurriculumError(outlines.broken[0])
    return outlines


def _to_json(outlines: Outlines, print_: str) -> str:
    return json.dumps(
        {
            "format": CACHE_FORMAT,
            "fingerprint": print_,
            **outlines.index.to_data(),
            "outlines": outlines.to_data(),
            "broken": outlines.broken,
        }
    )
