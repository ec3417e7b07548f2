"""What every importer produces: the records live in :mod:`studylog.imported` (shared with
``store.imports`` without a cycle); this module keeps their old names for callers of the
importers (``cli.io_cmd`` reads ``stream_result`` from here)."""

from __future__ import annotations

from studylog.imported import ImportedEntry, ParseResult, Problem, stream_result

__all__ = ["ImportedEntry", "ParseResult", "Problem", "stream_result"]
