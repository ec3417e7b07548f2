"""The copies of the shared reference formats in tests/fixtures/shared match the originals."""

from __future__ import annotations

import pytest

from conftest import REPO, SHARED

ORIGINALS = REPO.parent / "shared" / "formats"


@pytest.mark.skipif(not ORIGINALS.is_dir(), reason="../shared/formats is not beside this checkout")
def test_copies_match_the_originals():
    originals = sorted(p.relative_to(ORIGINALS) for p in ORIGINALS.rglob("*") if p.is_file())
    copies = sorted(p.relative_to(SHARED / "formats") for p in (SHARED / "formats").rglob("*") if p.is_file())
    assert copies == originals
    for rel in originals:
        assert (SHARED / "formats" / rel).read_bytes() == (ORIGINALS / rel).read_bytes(), rel
