"""What a logged line says about the items it names: finished them ("complete") or under way
("started"), or neither (None). Pure text reading, shared by the til, markdown and daily-notes
importers; the import applies it (``store.imports``) only to the items the line links.

- complete: "finished …", "finish reading …", "completed …", "Around N hours to finish X",
  "done with …";
- started: "in the progress of doing …", "in progress", "started …", "working on …",
  "currently working on …", "worked on …", "began …";
- a word that says it did not happen, or not yet, right before the phrase ("not", "didn't",
  "almost", "plan to", "will", "want to", "need to", …) makes it say nothing;
- when a line says both ("started and finished X"), it is complete.

Link text and URLs are read as words ("[Finished](url)"), URLs themselves are not ("finish" in
``/finish-line``)."""

from __future__ import annotations

import re

_LINK = re.compile(r"\]\([^)]*\)|(?:https?://|www\.)\S+", re.IGNORECASE)
_COMPLETE = re.compile(r"\b(?:finish(?:ed|es)?|completed?|completes|done\s+with|wrapped\s+up)\b")
_STARTED = re.compile(
    r"\b(?:in\s+(?:the\s+)?progress(?:\s+of)?|started|starting|start\s+(?:on|with|of)|began|begun|"
    r"(?:currently\s+)?working\s+(?:on|through)|worked\s+(?:on|through\s+part\s+of)|kicked\s+off)\b"
)
# Words right before a phrase (or one word further back) that say it did not (yet) happen.
_NOT_YET = frozenset(
    [
        "not",
        "never",
        "no",
        "almost",
        "nearly",
        "half",
        "will",
        "should",
        "must",
        "could",
        "cannot",
        "can't",
        "couldn't",
        "didn't",
        "haven't",
        "hasn't",
        "wasn't",
        "won't",
        "isn't",
        "aren't",
        "don't",
        "doesn't",
    ]
)
_NOT_YET_PAIRS = frozenset(
    [
        "plan to",
        "planned to",
        "planning to",
        "want to",
        "wanted to",
        "need to",
        "needed to",
        "try to",
        "trying to",
        "tried to",
        "hope to",
        "going to",
        "have to",
        "has to",
        "yet to",
        "about to",
        "did not",
    ]
)
_WORDS = re.compile(r"[a-z']+")
_SENTENCE_END = re.compile(r"[.;:!?\n]")
_LEAD = 40  # characters before a phrase read for a "not yet" word


# Any word a phrase starts with: most lines have none, and are done with one scan.
_ANY = re.compile(r"finish|complet|done|wrapped|progress|start|bega|begu|working|worked|kicked")


def find_status(text: str) -> str | None:
    """What ``text`` says about its items: "complete", "started" or None."""
    words = text.lower()
    if _ANY.search(words) is None:
        return None
    if "](" in words or "http" in words or "www." in words:
        words = _LINK.sub(lambda m: "] " if m.group(0).startswith("]") else " ", words)
    words = words.replace("’", "'")
    if _says(_COMPLETE, words):
        return "complete"
    if _says(_STARTED, words):
        return "started"
    return None


def _says(pattern: re.Pattern[str], text: str) -> bool:
    for m in pattern.finditer(text):
        before = _SENTENCE_END.split(text[max(0, m.start() - _LEAD) : m.start()])[-1]  # its own sentence
        if not _not_yet(_WORDS.findall(before)[-3:]):
            return True
    return False


def _not_yet(words: list[str]) -> bool:
    """Whether the (up to three) words before a phrase say it did not (yet) happen."""
    if any(w in _NOT_YET or w.endswith("n't") for w in words[-2:]):
        return True
    return " ".join(words[-2:]) in _NOT_YET_PAIRS or " ".join(words[-3:-1]) in _NOT_YET_PAIRS
