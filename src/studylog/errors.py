"""Errors that reach the user as one line on stderr.

Core code raises these; the CLI turns them into a message and an exit code. Nothing here prints.

The exit code follows one rule (docs/errors.md): 2 when the command line is refused — what was
typed cannot be read, names nothing studylog knows, or asks for what cannot be (``UsageError``,
and click's own usage errors); 1 when the command line is right but the store, the files or the
system say no (``StudylogError`` and the rest: ``NotFoundError``, ``ConflictError``,
``StoreError``, ``CurriculumError``, a file that cannot be read).
"""

from __future__ import annotations


class StudylogError(Exception):
    """A problem the user can fix; ``exit_code`` 1 unless it is a usage error."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


class UsageError(StudylogError):
    """Bad command-line input: a date, hours, or a reference that does not parse."""

    exit_code = 2


class UnknownItemError(UsageError):
    """A reference that names no curriculum item or curriculum (a typo: it says what was meant)."""


class NotFoundError(StudylogError):
    """An id that names nothing in the store: no change #41 of yours, no plan for dlc, no note 3."""


class ConflictError(StudylogError):
    """What the store holds forbids it: a timer already running (or none), a goal already met, an
    item complete already, a URL another item has, an undo a later change depends on."""


class StoreError(StudylogError):
    """The database cannot be opened or is not a studylog store."""


class CurriculumError(StudylogError):
    """A curriculum file is malformed; ``problems`` holds every ``FILE:LINE:COL: path: msg``."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []
