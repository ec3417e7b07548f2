"""Text a learner (or another learner, or a curriculum file) wrote, made safe to show on a
terminal: nothing in it can move the cursor, clear the screen, retitle the window, ring the bell,
overwrite a line or reorder what follows it. Every human-facing output passes through here
(``render/`` and ``cli/output.py``); ``--json`` and the exports keep the exact text.

What is shown instead, one notation for all of it:

- C0 controls and DEL as their Unicode control pictures: ESC ``␛``, CR ``␍``, BEL ``␇``,
  backspace ``␈``, NUL ``␀``, DEL ``␡`` (U+2400-U+2421); a newline ``␊`` in one-line text (in a
  block, ``lines``, it stays a newline); a tab becomes four spaces. An escape sequence is thus
  shown as its characters: ``\\x1b[2J`` as ``␛[2J``, an OSC title as ``␛]0;title␇``.
- C1 controls (U+0080-U+009F, e.g. the one-byte CSI U+009B), bidi embeddings, overrides and
  isolates (U+202A-U+202E, U+2066-U+2069, and the marks U+200E, U+200F, U+061C), other
  invisible format characters (zero width space, word joiner, the invisible operators, BOM,
  interlinear annotation, deprecated format controls), line and paragraph separators and lone
  surrogates as ``<U+XXXX>``: ``<U+202E>``.
- Left as they are: zero width (non-)joiners U+200C/U+200D and emoji tag characters (they
  join or qualify what is around them, and move nothing), the soft hyphen, no-break and other
  spaces.

JSON on a terminal (``json_text``) keeps its exact text and still moves nothing: what JSON leaves raw
(C1 controls, DEL, the bidi and format characters above) is written as a ``\\uXXXX`` escape, which
reads back as the same text. JSON to a file or a pipe is left byte for byte as it was.

Pure functions over ``str``, no imports (``json_text`` compiles its pattern when first used): the everyday fast path uses them on every line. Text
that needs nothing (almost all of it) costs one ``str.isprintable`` call: every character this
module replaces is one Python counts as not printable.
"""

from __future__ import annotations

from typing import Any

__all__ = ["NOTATION", "json_text", "visible", "visible_block"]

NOTATION = "control pictures (␛ ␍ ␇ …) for C0 and DEL, <U+XXXX> for C1, bidi and format characters"

TAB = "    "

_FORMAT = [
    *(0x061C, 0x180E, 0x200B, 0x200E, 0x200F, 0x2028, 0x2029, 0xFEFF, 0xFFF9, 0xFFFA, 0xFFFB),
    *range(0x202A, 0x202F),  # LRE RLE PDF LRO RLO
    *range(0x2060, 0x2065),  # word joiner, invisible operators
    *range(0x2066, 0x2070),  # LRI RLI FSI PDI, deprecated format controls
]


class _Table(dict):
    """What ``str.translate`` writes for each character: built once for the controls and format
    characters (a hundred entries, cheap at import), and a lone surrogate is looked up when met."""

    def __missing__(self, code: int) -> str:
        if 0xD800 <= code <= 0xDFFF:
            return f"<U+{code:04X}>"
        raise LookupError  # str.translate keeps the character


def _table(keep_newline: bool) -> _Table:
    table = _Table({c: chr(0x2400 + c) for c in range(0x20)})
    table[0x7F] = "\u2421"
    table[0x09] = TAB
    for c in (*range(0x80, 0xA0), *_FORMAT):
        table[c] = f"<U+{c:04X}>"
    if keep_newline:
        del table[0x0A]
    return table


_ONE_LINE = _table(keep_newline=False)
_BLOCK = _table(keep_newline=True)


def visible(text: str) -> str:
    """One line of text as it may be shown: every control, bidi and invisible format character
    in a visible form (see the module's notation), a newline included; printable text as it is."""
    if text.isprintable():
        return text
    return text.translate(_ONE_LINE)


def visible_block(text: str) -> str:
    """``visible`` for a block of lines: newlines stay newlines."""
    if text.isprintable():
        return text
    return text.translate(_BLOCK)


_JSON_UNSAFE: Any = None


def json_text(text: str) -> str:
    """JSON text (as ``json.dumps`` writes it: C0 controls escaped already) with the characters
    JSON leaves raw that a terminal would obey or that reorder a line written as ``\\uXXXX``;
    the JSON reads back as exactly the same data."""
    global _JSON_UNSAFE
    if _JSON_UNSAFE is None:
        import re

        ranges = "".join(f"\\u{c:04x}" for c in (0x7F, *range(0x80, 0xA0), *_FORMAT))
        _JSON_UNSAFE = re.compile(f"[{ranges}]")
    if _JSON_UNSAFE.search(text) is None:
        return text
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
