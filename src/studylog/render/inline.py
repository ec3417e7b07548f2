"""Markdown a learner types in texts and notes, as pieces to lay out: ``[text](url)`` becomes its
text and a link, ``code`` loses its backticks, a bare URL is a link, and a fenced code block
(three backticks on a line of their own) is kept line by line.

Links are written one of two ways, chosen by the caller (``links``):

- ``links=True`` (a terminal that shows OSC 8 hyperlinks): the link text alone, its spans styled
  ``link=URL``; ``render.lines.ansi`` writes them as ``ESC ] 8 ;; URL ESC \\ text ESC ] 8 ;; ESC \\``.
- ``links=False`` (a pipe, a file, NO_COLOR, TERM=dumb, SVG/HTML): ``text <url>``, the same
  characters everywhere.

Every piece of text is made safe to show (``render.safe.visible``) here, after it is parsed. A
URL is taken as one only when every character of it is printable: an escape in it is shown, not
sent to the terminal. ``--json`` and the exports never come here: they keep the text as typed.
"""

from __future__ import annotations

from typing import Any

from studylog.render.safe import visible

# [text](url), `code`, or a bare URL; a URL ends at a space, and loses trailing punctuation.
# Compiled when first needed: text without '[', '`' or a URL (most of it) never needs it, and
# the everyday commands compile no pattern they do not use (docs/performance.md).
_PATTERN = (
    r"\[(?P<label>[^\]\n]+)\]\((?P<target>[^\s()<>]+(?:\([^\s()<>]*\)[^\s()<>]*)*)\)"
    r"|`(?P<code>[^`\n]+)`"
    r"|(?P<url>\b(?:https?://|www\.)[^\s<>`]+)"
)
_INLINE: Any = None
_TRAILING = ".,;:!?'\""
FENCE = "```"


class Piece:
    """Some text with its style; ``solid`` text (a URL) is never split across lines."""

    __slots__ = ("solid", "style", "text")

    def __init__(self, text: str, style: str = "", solid: bool = False) -> None:
        self.text = text
        self.style = style
        self.solid = solid

    def __repr__(self) -> str:
        return f"Piece({self.text!r}, {self.style!r}, {self.solid})"


def _marked(text: str) -> bool:
    """Whether ``text`` may hold markdown or a URL (a quick test before the pattern)."""
    return "[" in text or "`" in text or "://" in text or "www." in text


def _url_end(url: str) -> str:
    """A bare URL without the punctuation that ends the sentence around it (a closing
    parenthesis only when it has no opening one in the URL)."""
    while url and (url[-1] in _TRAILING or (url[-1] == ")" and url.count("(") < url.count(")"))):
        url = url[:-1]
    return url


def _with(style: str, extra: str) -> str:
    return f"{style} {extra}".strip()


def _link(label: list[Piece], url: str, style: str, links: bool) -> list[Piece]:
    if not url.isprintable():  # never into an escape sequence: shown as typed, safely
        return [*label, Piece(" <" + visible(url) + ">", style, solid=True)]
    if links:
        return [Piece(p.text, _with(p.style, f"underline link={url}"), p.solid) for p in label]
    return [*label, Piece(" <" + url + ">", style, solid=True)]


def pieces(text: str, style: str = "", links: bool = False) -> list[Piece]:
    """One line of ``text`` with its inline markdown rendered (see the module)."""
    if not _marked(text):
        return [Piece(visible(text), style)] if text else []
    global _INLINE
    if _INLINE is None:
        import re

        _INLINE = re.compile(_PATTERN)
    out: list[Piece] = []
    at = 0
    for m in _INLINE.finditer(text):
        start, end = m.span()
        if m["url"]:
            url = _url_end(m["url"])
            end = start + len(url)
            if end <= at:
                continue
        if start > at:
            out.append(Piece(visible(text[at:start]), style))
        if m["label"] is not None:
            label = pieces(m["label"], style, links=False)
            out += _link(label, m["target"], style, links)
        elif m["code"] is not None:
            out.append(Piece(visible(m["code"]), _with(style, "cyan")))
        else:
            href = url if "://" in url else "https://" + url
            shown = visible(url)
            if links and href.isprintable():
                out.append(Piece(shown, _with(style, f"underline link={href}"), solid=True))
            else:
                out.append(Piece(shown, style, solid=True))
        at = end
    if at < len(text):
        out.append(Piece(visible(text[at:]), style))
    return out


def flat(text: str) -> str:
    """``text`` as one line with its markdown rendered, links as ``text <url>`` (for a line that
    is cut to fit, as the dashboard's)."""
    return "".join(p.text for p in pieces(" ".join(text.split("\n"))))


def blocks(text: str) -> list[tuple[str, list[str]]]:
    """``text`` as paragraphs and fenced code blocks, in order: ``("text", [line])`` for each run
    of ordinary lines (one line each, in order), ``("code", lines)`` for the lines inside a fence
    (an unclosed fence runs to the end). Text without a newline is one paragraph."""
    if "\n" not in text:
        return [("text", [text])]
    out: list[tuple[str, list[str]]] = []
    code: list[str] | None = None
    for line in text.split("\n"):
        if line.strip().startswith(FENCE):
            if code is None:
                code = []
            else:
                out.append(("code", code))
                code = None
            continue
        if code is not None:
            code.append(line)
        elif out and out[-1][0] == "text":
            out[-1][1].append(line)
        else:
            out.append(("text", [line]))
    if code is not None:
        out.append(("code", code))
    return out
