"""Links in what people logged, for pages a browser shows: only well-formed http and https URLs
become links (never ``javascript:``, ``file:`` or a URL with a quote that could end an attribute),
found in plain text or written as markdown, ``[text](url)``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

_URL = re.compile(r"https?://[^\s<>\"'`\x00-\x1f\x7f]+", re.IGNORECASE)
_TRAILING = ".,;:!?'\"*_"
_MARKDOWN = re.compile(r"\[([^\[\]\n]+)\]\(<?(https?://[^\s<>()]+(?:\([^\s<>()]*\))?[^\s<>()]*)>?\)", re.IGNORECASE)


def safe_url(url: str | None) -> str | None:
    """``url`` when it is a well-formed http(s) URL with a host, else None."""
    if not url or any(c in url for c in "\"'<>\\ \t\n\r`") or not url.isprintable():
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def split_urls(text: str) -> Iterator[tuple[str, str | None]]:
    """``text`` in pieces: ``(piece, url)`` where the piece is an http(s) URL, ``(piece, None)``
    between them. Trailing punctuation, and a closing bracket that opens nowhere in the URL, stay
    outside it."""
    at = 0
    for m in _URL.finditer(text):
        url = m.group(0)
        while url:
            if url[-1] in _TRAILING or (
                url[-1] in ")]}" and url.count(url[-1]) > url.count({")": "(", "]": "[", "}": "{"}[url[-1]])
            ):
                url = url[:-1]
            else:
                break
        if safe_url(url) is None:
            continue
        if m.start() > at:
            yield text[at : m.start()], None
        yield url, url
        at = m.start() + len(url)
    if at < len(text):
        yield text[at:], None


def split_links(text: str) -> Iterator[tuple[str, str | None]]:
    """``text`` in pieces like :func:`split_urls`, with a markdown link ``[text](url)`` shown as
    its text, linking to its URL."""
    at = 0
    for m in _MARKDOWN.finditer(text):
        url = safe_url(m.group(2))
        if url is None:
            continue
        yield from split_urls(text[at : m.start()])
        yield m.group(1), url
        at = m.end()
    yield from split_urls(text[at:])
