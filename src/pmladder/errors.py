"""The errors a user can cause, each with the exit code it ends the program with.

The CLI catches :class:`PmladderError` in one place and turns it into a
message on stderr and its exit code; anything else is a bug and keeps its
traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import NamedTuple


class ExitCode(IntEnum):
    """Documented exit codes of every pmladder command."""

    OK = 0
    """Success."""
    NOT_FOUND = 1
    """The question had no answer: no route, no search match."""
    USAGE = 2
    """The command line was wrong: unknown role, bad option, missing argument."""
    INVALID_CATALOG = 3
    """The catalogue file could not be read or failed validation."""
    CANNOT_WRITE = 4
    """The output could not be written: a full disk, a closed or failing stdout, a
    file pmladder may not write (a dangling link, a missing permission)."""
    INTERRUPTED = 130
    """Interrupted (Ctrl-C, or Ctrl-D at a prompt): nothing was saved, except an
    interrupted ``site``, which says its folder is unfinished and is finished by
    running it again."""


class PmladderError(Exception):
    """An expected error: printed as a message, never as a traceback."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, *, hints: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.hints = tuple(hints)


class UsageError(PmladderError):
    """The user asked for something that does not exist or made no sense."""

    exit_code = ExitCode.USAGE


class UnknownRoleError(UsageError):
    """No role matches the name given."""

    def __init__(self, name: str, suggestions: Sequence[str]) -> None:
        hints = [f"did you mean: {', '.join(suggestions)}?"] if suggestions else []
        hints.append("run 'pmladder list' to see every role")
        super().__init__(f"no role named {name!r}", hints=hints)
        self.name = name
        self.suggestions = tuple(suggestions)


class AmbiguousRoleError(UsageError):
    """A name matches more than one role."""

    def __init__(self, name: str, candidates: Sequence[str]) -> None:
        super().__init__(
            f"{name!r} could mean several roles: {', '.join(candidates)}",
            hints=["use one of the ids above"],
        )
        self.name = name
        self.candidates = tuple(candidates)


class NotFoundError(PmladderError):
    """The question was well formed but has no answer (no route, no match)."""

    exit_code = ExitCode.NOT_FOUND


class Problem(NamedTuple):
    """One thing wrong with a catalogue file."""

    #: What is wrong and how to fix it.
    message: str
    #: Path to the value, e.g. ``roles[3].competencies.strategy``.
    location: str = ""
    #: Id of the role the problem is in, when there is one.
    role: str | None = None
    #: 1-based line in the file, when known.
    line: int | None = None
    #: 1-based column in the file, when known.
    column: int | None = None
    #: ``error`` makes the catalogue invalid; ``warning`` does not.
    severity: str = "error"
    #: Extra lines shown under the message, e.g. the offending line and a caret.
    context: tuple[str, ...] = ()

    def format(self, file: str) -> str:
        """The problem as one ``file:line:column: severity: message`` line."""
        where = file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        parts = [f"{where}: {self.severity}:"]
        if self.location:
            parts.append(self.location)
        if self.role:
            parts.append(f"(role {self.role!r})")
        if len(parts) > 1:
            parts[-1] += ":"
        parts.append(self.message)
        return " ".join(parts)


class CatalogError(PmladderError):
    """The catalogue could not be read or is invalid; carries every problem found."""

    exit_code = ExitCode.INVALID_CATALOG

    def __init__(self, file: str, problems: Sequence[Problem]) -> None:
        errors = [p for p in problems if p.severity == "error"]
        count = len(errors)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{file}: invalid catalogue ({count} {noun})")
        self.file = file
        self.problems = tuple(problems)


class CatalogReadError(CatalogError):
    """The catalogue file could not be read at all (missing, a folder, not UTF-8, empty...).

    Its one problem is the whole message, so it prints as a single line.
    """

    def __init__(self, file: str, problem: Problem) -> None:
        super().__init__(file, [])
        where = file if problem.line is None else f"{file}:{problem.line}"
        self.message = f"{where}: {problem.message}"
        self.args = (self.message,)
        self.problem = problem


class OutputError(PmladderError):
    """The output could not be written (file or standard output)."""

    exit_code = ExitCode.CANNOT_WRITE


class OutputExistsError(UsageError):
    """An output file exists and ``--force`` was not given."""

    def __init__(self, path: str) -> None:
        super().__init__(
            f"{path} already exists; pass --force to overwrite it, or choose another --output"
        )
        self.path = path
