"""Web addresses made comparable: the same page written in different ways (with or without
``www.``, a GitHub file on any branch, a YouTube video by any of its URLs, tracking parameters)
gives the same key. Used to link imported lines to curriculum items and to find an item by its URL
(``done --url``)."""

from __future__ import annotations

import re

__all__ = ["check_url", "normalize_url", "site_keys"]

_PLATFORMS = frozenset(
    [
        "github.com",
        "youtube.com",
        "youtu.be",
        "google.com",
        "streamlit.app",
        "github.io",
        "medium.com",
        "substack.com",
        "notion.site",
        "arxiv.org",
        "colab.research.google.com",
    ]
)
_DROP_QUERY = ("utm_", "ref", "source", "tab", "usp", "feature", "fbclid", "si", "t", "list", "index")

_SPLIT = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://)?(?:[^@/?#]*@)?(?P<host>[^/?#:]*)(?::\d*)?(?P<path>[^?#]*)"
    r"(?:\?(?P<query>[^#]*))?",
    re.IGNORECASE,
)


# /abs/2305.18290, /pdf/2305.18290v2.pdf, /html/2305.18290v1, /abs/hep-th/9901001
_ARXIV = re.compile(
    r"^/(?:abs|pdf|html)/((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[a-z]{2})?/\d{7}))(?:v\d+)?(?:\.pdf)?$", re.I
)


def normalize_url(url: str) -> str | None:
    """A comparable form of ``url``: YouTube videos by id, GitHub files without the branch, arXiv
    papers by id (abstract, PDF or HTML page, any version)."""
    raw = url.strip().strip("<>").rstrip(").,;:!?]'\"")
    m = _SPLIT.match(raw)
    if m is None:
        return None
    host = m.group("host").lower()
    for prefix in ("www.", "m."):
        host = host[len(prefix) :] if host.startswith(prefix) else host
    if not host or "." not in host:
        return None
    path = m.group("path").rstrip("/")
    query = [tuple(p.split("=", 1)) if "=" in p else (p, "") for p in (m.group("query") or "").split("&") if p]
    if host in ("youtube.com", "youtube-nocookie.com"):
        video = dict(query).get("v") or (
            path.split("/")[2] if path.startswith(("/embed/", "/shorts/")) and path.count("/") >= 2 else None
        )
        return f"yt:{video}" if video else None
    if host in ("arxiv.org", "export.arxiv.org") and (paper := _ARXIV.match(path)):
        return f"arxiv:{paper.group(1).lower()}"
    if host == "youtu.be":
        return f"yt:{path.strip('/')}" if path.strip("/") else None
    segments = [s for s in path.split("/") if s]
    if host == "github.com" and len(segments) >= 2:
        rest = segments[4:] if len(segments) >= 4 and segments[2] in ("blob", "tree", "raw") else segments[2:]
        return "gh:" + "/".join(segments[:2] + rest).lower()
    if host == "raw.githubusercontent.com" and len(segments) >= 3:
        return "gh:" + "/".join(segments[:2] + segments[3:]).lower()
    kept = sorted(
        f"{k}={v}" if v else k for k, v in ((k.lower(), v) for k, v in query) if not k.startswith(_DROP_QUERY)
    )
    return (host + path).lower() + ("?" + "&".join(kept) if kept else "")


def site_keys(norm: str | None) -> list[str]:
    """Keys naming the web site of a normalized URL, most specific first (for curriculum context)."""
    if norm is None or norm.startswith("yt:"):
        return []
    if norm.startswith("arxiv:"):
        return ["arxiv.org"]
    if norm.startswith("gh:"):
        return ["gh:" + "/".join(norm[3:].split("/")[:2])]
    host = norm.split("/", 1)[0].split("?", 1)[0]
    domain = ".".join(host.split(".")[-2:])
    return [host] + ([domain] if domain not in _PLATFORMS and host not in _PLATFORMS else [])


def check_url(text: str) -> str:
    """``text`` as a web address to store (``add --url``): http or https, with a host name;
    UsageError saying so otherwise."""
    from studylog.errors import UsageError

    url = text.strip()
    m = re.fullmatch(r"(?i)(https?)://([^/?#\s@]+@)?([^/?#:\s]+)(:\d+)?([/?#]\S*)?", url)
    if m is None or "." not in m.group(3).strip(".") or len(url) > 2000:
        raise UsageError(
            f"{text!r} is not a web address", "give the whole URL, such as https://arxiv.org/abs/2305.18290"
        )
    return url
