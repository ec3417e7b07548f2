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
_COMPLETE = re.compile(
    r"\b(?:finish(?:ed|es)?|completed?|completes|done\s+with|wrapped\s+up)\b",
    re.IGNORECASE,
)
_STARTED = re.compile(
    r"\b(?:in\s+(?:the\s+)?progress(?:\s+of)?|started|starting|start\s+(?:on|with|of)|began|begun|"
    r"(?:currently\s+)?working\s+(?:on|through)|worked\s+(?:on|through\s+part\s+of)|kicked\s+off)\b",
    re.IGNORECASE,
)
# Words right before a phrase that say it did not (yet) happen.
_NOT_YET = re.compile(
    r"(?:\b(?:not|never|no|almost|nearly|half|plan(?:ned|ning)?\s+to|want(?:ed)?\s+to|need(?:ed)?\s+to|"
    r"try(?:ing)?\s+to|tried\s+to|hope\s+to|going\s+to|will|should|must|have\s+to|has\s+to|yet\s+to|"
    r"about\s+to|could|couldn't|can't|cannot|didn't|did\s+not|haven't|hasn't|wasn't|won't|isn't|aren't)"
    r"|n't)\s*(?:\w+\s+){0,1}$",
    re.IGNORECASE,
)
_LEAD = 40  # characters before a phrase read for a "not yet" word


def find_status(text: str) -> str | None:
    """ "complete", "started" or None for what ``text`` says about its items."""
    words = _LINK.sub(lambda m: "] " if m.group(0).startswith("]") else " ", text)
    words = words.replace("’", "'")
    if _says(_COMPLETE, words):
        return "complete"
    if _says(_STARTED, words):
        return "started"
    return None


def _says(pattern: re.Pattern[str], text: str) -> bool:
    for m in pattern.finditer(text):
        before = text[max(0, m.start() - _LEAD) : m.start()]
        before = re.split(r"[.;:!?\n]", before)[-1]  # the phrase's own sentence
        if not _NOT_YET.search(before):
            return True
    return False
