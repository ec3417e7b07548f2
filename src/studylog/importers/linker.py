"""Link an imported entry to the one curriculum item it clearly names, or to none.

Evidence, strongest first (all tables are built once, so :meth:`Linker.link` is a few regex scans):

*Strong* -- any one is enough:
- a URL that belongs to exactly one item (a DLC chapter file, a lecture's YouTube video). URLs
  shared by several items (a chapter's streamlit app) only tell the curriculum;
- an alias or a canonical reference as a whole word, case-insensitive (``week0_d4_optimization``,
  ``makemore-4``, ``dlc/2``), and "makemore part 3" / "part 3 of the makemore series" for the
  ``makemore-3`` kind of alias (a makemore part is *not* a lecture number: part 3 is lecture 4);
- a number phrase ("Topic 2", "Week 3", "lecture 5/8", "[0.4]") followed by words of that
  item's title ("Topic 2 Scaling Laws", "Week 3 Goal Misgeneralization"): at least two of the
  title's words, or all of them if it has one ("Topic 8 Interpretability");
- a number phrase with a total ("part 5/8", "video 4/8") in a curriculum the text names that has
  exactly that many items.

*Weak* -- used only when there is no strong evidence, and only inside a curriculum the text
names (by id, title, author or one of its web sites): a letters-only alias (``makemore``,
``tokenizer``), a number phrase other than "part N" ("lecture 3" near "karpathy"), or an item's
whole title ("DLC Alignment topic").

When the evidence names two different items the answer is None. The text is read first; its
notes only when the text has no strong evidence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Set as AbstractSet
from functools import lru_cache

from studylog.urls import normalize_url, site_keys

_URL = re.compile(r"\]\((?P<target><?[^)\s>]+>?)[^)]*\)|(?P<bare>(?:https?://|www\.)[^\s<>\]\[()\"'`]+)", re.IGNORECASE)
_PHRASE = re.compile(
    r"(?<![\w/=?&.-])(?P<kind>topic|chapter|ch|week|wk|session|lecture|lec|video|vid|part|pt|section|sec|unit|"
    r"module|lesson|episode|ep)\.?\s*#?\s*(?P<n>\d{1,3}(?:\.\d{1,3})*)(?![\d\w])"
    r"(?:\s*(?:/|of|out\s+of)\s*(?P<total>\d{1,3})(?!\d))?"
    r"|\[(?P<bn>\d{1,2}(?:\.\d{1,2})+)\]",
)
_RUN = re.compile(r"[\w-]+(?:[./][\w-]+)*")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "for",
        "and",
        "to",
        "in",
        "on",
        "with",
        "at",
        "by",
        "from",
        "via",
        "is",
        "my",
        "our",
        "its",
        "this",
        "that",
    ]
)
_MAX_TEXT = 6000
# Between the parts of a list of items: "and", "&", "+", "plus", "as well as", a comma, a
# semicolon, a new line (a note per item).
_SEPARATOR = re.compile(r"\s+(?:and|&|\+|plus|as\s+well\s+as)\s+|\s*[,;]\s+|\n", re.IGNORECASE)


def _stem(word: str) -> str:
    w = word.lower().replace("isation", "ization").replace("’", "'")
    if w.endswith("s") and len(w) > 3 and not w.endswith("ss"):
        w = w[:-1]
    return w


def _tokens(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text) if w.lower() not in _STOP]


def _title_core(title: str) -> list[str]:
    core = title.split(" | ")[0]
    core = re.sub(
        r"^\s*(?:chapter|part|week|topic|lecture|section)\s*\d+(?:\.\d+)*\s*[:.\-–]?\s*", "", core, flags=re.IGNORECASE
    )
    return _tokens(core)


def _number(raw: str) -> str:
    return ".".join(str(int(p)) for p in raw.split("."))


class Linker:
    def __init__(self, catalog) -> None:
        urls: dict[str, set[str]] = defaultdict(set)
        self._sites: dict[str, set[str]] = defaultdict(set)
        self._aliases: dict[str, set[str]] = defaultdict(set)
        self._weak: dict[str, set[str]] = defaultdict(set)
        self._series: dict[tuple[str, str], str] = {}
        self._by_number: dict[str, list[tuple[str, str, frozenset[str], int]]] = defaultdict(list)
        self._titles: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        self._sizes: dict[str, int] = {}
        terms: dict[str, set[str]] = defaultdict(set)
        for cid, curriculum in catalog.curricula.items():
            self._sizes[cid] = len(curriculum.items)
            for term in _curriculum_terms(cid, curriculum):
                terms[term.lower()].add(cid)
            for key in site_keys(normalize_url(curriculum.url)) if curriculum.url else ():
                self._sites[key].add(cid)
            for item in curriculum.items:
                ref = f"{cid}/{item.id}"
                self._aliases[ref.lower()].add(ref)
                for url in [item.url] + [p.url for p in item.parts]:
                    if url and (norm := normalize_url(url)):
                        urls[norm].add(ref)
                        for key in site_keys(norm):
                            self._sites[key].add(cid)
                for alias in item.aliases:
                    (self._weak if alias.isalpha() else self._aliases)[alias.lower()].add(ref)
                    if m := re.fullmatch(r"([a-z]+)-(\d+)", alias.lower()):
                        self._series[(m.group(1), m.group(2))] = ref
                core = _title_core(item.title)
                if core:
                    self._by_number[_number(item.id) if re.fullmatch(r"[\d.]+", item.id) else item.id.lower()].append(
                        (cid, ref, frozenset(core), min(2, len(set(core))))
                    )
                    self._titles[cid].append((tuple(core), ref))
        self._urls = {u: next(iter(refs)) for u, refs in urls.items() if len(refs) == 1}
        # A log repeats its lines ("worked on the exercises", "Read Chapter 1"): what a text names
        # is found once. Bounded, so that a 100k-entry import keeps flat memory.
        self._cached = lru_cache(maxsize=4096)(self._link_tuple)
        # The same line with other notes is another key above, but what the line itself names is
        # the same: found once too (a log's notes vary far more than its lines).
        self._alone = lru_cache(maxsize=4096)(self._evidence_alone)
        spaced = [a for a in [*self._aliases, *self._weak] if not _RUN.fullmatch(a)]
        self._spaced_re = _words_regex(spaced) if spaced else None
        self._alias_names = frozenset(self._aliases) | frozenset(self._weak)
        self._term_checks = [(t, frozenset(cids), _words_regex([t])) for t, cids in sorted(terms.items())]
        words = sorted({w for w, _ in self._series}, key=len, reverse=True)
        series = "|".join(map(re.escape, words)) or r"(?!x)x"
        self._series_re = re.compile(
            rf"(?<![\w-])(?P<w1>{series})\s*(?:part|pt\.?|p|#|no\.?)\s*(?P<n1>\d{{1,2}})(?!\d)"
            rf"|(?<![\w-])part\s*(?P<n2>\d{{1,2}})\s+of\s+(?:[\w'’]+\s+){{0,3}}?(?P<w2>{series})(?![\w-])"
        )

    def link(self, text: str, notes: list[str]) -> str | None:
        """The canonical reference of the one item ``text`` (else its notes) names, or None."""
        found = self.link_all(text, notes)
        return found[0] if len(found) == 1 else None

    def link_all(self, text: str, notes: list[str]) -> list[str]:
        """Every item ``text`` (else its notes) names, in the order they are named: one item, or
        several when each is named strongly in its own part of a list ("[Week 3 …](…) and
        [Week 4 …](…)", "week0_d2_cnn, week0_d3_resnet"); none when the evidence disagrees."""
        return list(self._cached(text, tuple(notes)))

    def _link_tuple(self, text: str, notes: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(self._link(text, list(notes)))

    def _link(self, text: str, notes: list[str]) -> list[str]:
        text = text[:_MAX_TEXT]
        strong, weak, context = self._alone(text)
        weak_found: AbstractSet[str] = weak
        if not strong and notes:
            joined = "\n".join(notes)[:_MAX_TEXT]
            more_strong, more_weak, _ = self._evidence(joined, context)
            if more_strong:
                return self._several(joined, more_strong, context)
            weak_found = weak or more_weak
        if strong:
            return self._several(text, strong, context)
        return list(weak_found) if len(weak_found) == 1 else []

    def _several(self, text: str, strong: AbstractSet[str], context: AbstractSet[str]) -> list[str]:
        """The strongly named items in text order, when each part of the list names at most one."""
        if len(strong) == 1:
            return list(strong)
        found: list[str] = []
        for part in _SEPARATOR.split(text):
            named = self._evidence(part, context)[0] if part.strip() else set()
            if len(named) > 1:
                return []
            found += named
        ordered = list(dict.fromkeys(found))
        return ordered if set(ordered) == strong else []

    def _evidence_alone(self, text: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        strong, weak, context = self._evidence(text, set())
        return frozenset(strong), frozenset(weak), frozenset(context)

    def _evidence(self, text: str, context: AbstractSet[str]) -> tuple[set[str], set[str], set[str]]:
        strong: set[str] = set()
        weak: set[str] = set()
        context = set(context)
        lower = text.lower()
        if "/" in lower or "www." in lower:
            for m in _URL.finditer(text):
                norm = normalize_url(m.group("target") or m.group("bare"))
                if norm in self._urls:
                    strong.add(self._urls[norm])
                for key in site_keys(norm):
                    if key in self._sites:
                        context |= self._sites[key]
                        break
            lower = _URL.sub(_blank_target, lower)
        flat = " ".join(lower.split())
        for term, cids, pattern in self._term_checks:
            if term in flat and not cids <= context and pattern.search(flat):
                context |= cids
        for key in self._alias_keys(lower):
            if key in self._aliases:
                strong |= self._aliases[key]
            elif key in self._weak:
                weak |= {r for r in self._weak[key] if r.split("/", 1)[0] in context}
        if self._series and "part" in lower:
            for m in self._series_re.finditer(lower):
                word, n = (m.group("w1"), m.group("n1")) if m.group("w1") else (m.group("w2"), m.group("n2"))
                if ref := self._series.get((word, str(int(n)))):
                    strong.add(ref)
        for m in _PHRASE.finditer(lower):
            self._phrase(m, lower, context, strong, weak)
        if not strong and context:
            weak |= self._whole_titles(lower, context)
        return strong, weak, context

    def _alias_keys(self, text: str) -> set[str]:
        """Whole-word runs of ``text`` (and their parts before a ``/``) that are aliases."""
        runs = set(_RUN.findall(text))
        if "/" in text:
            for run in [r for r in runs if "/" in r]:
                pieces = run.split("/")
                runs.update("/".join(pieces[:i]) for i in range(1, len(pieces)))
        if self._spaced_re is not None:
            runs.update(" ".join(m.group(1).lower().split()) for m in self._spaced_re.finditer(text))
        return runs & self._alias_names

    def _phrase(self, m: re.Match[str], masked: str, context: set[str], strong: set[str], weak: set[str]) -> None:
        kind = (m.group("kind") or "section").lower()
        number = _number(m.group("n") or m.group("bn"))
        candidates = self._by_number.get(number, [])
        following = _tokens(masked[m.end() : m.end() + 120])[:8]
        for _cid, ref, title, needed in candidates:
            matched = 0
            for token in following:
                if token not in title:
                    break
                matched += 1
            if matched >= needed:
                strong.add(ref)
        if m.group("total"):
            total = int(m.group("total"))
            strong |= {ref for cid, ref, _, _ in candidates if cid in context and self._sizes[cid] == total}
        elif kind not in ("part", "pt"):
            weak |= {ref for cid, ref, _, _ in candidates if cid in context}

    def _whole_titles(self, masked: str, context: set[str]) -> set[str]:
        tokens = _tokens(masked)
        found: set[str] = set()
        for cid in context:
            for core, ref in self._titles.get(cid, []):
                size = len(core)
                if any(tuple(tokens[i : i + size]) == core for i in range(len(tokens) - size + 1)):
                    found.add(ref)
        return found


def _blank_target(m: re.Match[str]) -> str:
    """A link target or bare URL blanked out (the link text stays)."""
    return "](" + " " * (len(m.group(0)) - 2) if m.group("target") else " " * len(m.group(0))


def _curriculum_terms(cid: str, curriculum) -> list[str]:
    """Names a learner uses for a curriculum: its id, title (and parts of it), author."""
    terms = [cid]
    for part in [curriculum.title, *re.split(r"[:()|]| - ", curriculum.title)]:
        words = part.split()
        if len(words) >= 2 or (
            len(part.strip()) >= 5
            and any(ch.isalpha() for ch in part)
            and (any(ch.isdigit() for ch in part) or not part.strip().islower())
        ):
            terms.append(part.strip())
    if curriculum.author:
        author = re.sub(r"\(.*?\)", "", curriculum.author).strip()
        if author:
            terms.append(author)
            names = author.split()
            if (
                2 <= len(names) <= 3
                and all(n[:1].isupper() for n in names)
                and len(names[-1]) >= 4
                and names[-1].lower() not in ("impact", "team", "labs", "institute", "university")
            ):
                terms.append(names[-1])
    return [t for t in terms if t]


def _words_regex(words) -> re.Pattern[str]:
    alternatives = sorted((w for w in words if w), key=len, reverse=True)
    if not alternatives:
        return re.compile(r"(?!x)x")
    body = "|".join(r"\s+".join(map(re.escape, w.split())) for w in alternatives)
    return re.compile(rf"(?<![\w-])({body})(?![\w-]|\.\w)", re.IGNORECASE)
