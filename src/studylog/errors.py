"""Errors that reach the user as one line on stderr.

Core code raises these; the CLI turns them into a message and an exit code. Nothing here prints.
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
    pass


class StoreError(StudylogError):
    """The database cannot be opened or is not a studylog store."""


class CurriculumError(StudylogError):
    """A curriculum file is malformed; ``problems`` holds every ``FILE:LINE:COL: path: msg``."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []
