"""A self-assessment profile: read it from a file or standard input and check it.

A *profile* is a small TOML file::

    name = "Alex"            # optional: who the profile describes
    target = "senior-pm"     # optional: the role you want (id, alias or title)

    [ratings]                # required: one line per competency of the catalogue
    research = "working"     # a step of the catalogue's scale (id or name) ...
    go-to-market = "none"    # ... or "none": no experience yet / not rated

Every competency of the active catalogue needs a line, so a forgotten one is
reported instead of silently counting as nothing.  A profile that is wrong in
any way is a usage error (exit code 2, :class:`ProfileError`), reported like
``pmladder validate`` reports a catalogue: every problem at once, with the
file, the line and the path to the value.  Exit code 3 stays reserved for an
invalid *catalogue*.

Pure functions: no Typer, no Rich, no terminal I/O.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .catalog import MAX_BYTES
from .errors import (
    AmbiguousRoleError,
    CatalogError,
    ExitCode,
    PmladderError,
    Problem,
    UnknownRoleError,
)
from .index import Ladder
from .inert import inert
from .locate import Loc, value_lines
from .lookup import close_words, find_role
from .names import normalise
from .textfile import Unreadable, decode, read_bytes
from .validation.parsing import parse_toml
from .validation.sizes import MAX_KEYS

NONE = "none"
"""The rating for a competency the person has no experience in (or does not rate)."""

FIELDS: dict[str, str] = {
    "name": "who the profile describes (optional)",
    "target": "the role you want: its id, alias or title (optional)",
    "ratings": "a table: competency id = scale step id, or \"none\" (required)",
}
"""The fields a profile may hold, and what each one means."""

TEMPLATE_HINT = (
    "run 'pmladder assess --template > profile.toml' for a profile with every competency"
)

STDIN = "-"
"""The profile argument that reads from standard input."""

PROMPTS = "<prompts>"
"""The ``file`` of a profile built from answers to ``--interactive`` prompts."""

MAX_PROBLEMS_SHOWN = 100
"""A profile with more problems shows the first ones and a count, like a catalogue."""


class ProfileError(PmladderError):
    """A profile file could not be read or is invalid; carries every problem found.

    Exit code 2: the profile is the user's input to one command, like an
    argument, not the catalogue (whose problems exit with 3).
    """

    exit_code = ExitCode.USAGE

    def __init__(self, file: str, problems: Sequence[Problem], hints: Sequence[str] = ()) -> None:
        self.file = file
        self.problems = tuple(problems)
        only = self.problems[0] if len(self.problems) == 1 else None
        if only is not None and only.line is None and not only.location and not only.context:
            message = f"{file}: {only.message}"
        else:
            count = sum(1 for p in self.problems if p.severity == "error")
            noun = "problem" if count == 1 else "problems"
            lines = [f"{file}: invalid profile ({count} {noun})"]
            for problem in self.problems[:MAX_PROBLEMS_SHOWN]:
                lines.append(problem.format(file))
                lines.extend(problem.context)
            if len(self.problems) > MAX_PROBLEMS_SHOWN:
                lines.append(f"... and {len(self.problems) - MAX_PROBLEMS_SHOWN:,} more; "
                             "fix these first, then check again")
            message = "\n".join(lines)
        super().__init__(message, hints=hints)


@dataclass(frozen=True, slots=True)
class Profile:
    """A validated profile: a rating for every competency of the catalogue."""

    file: str
    """Where the profile came from (a path, ``<stdin>`` or ``<prompts>``)."""
    name: str | None
    """Who the profile describes."""
    target: str | None
    """Id of the role the profile names as its target, resolved in the catalogue."""
    ratings: dict[str, str | None]
    """Competency id -> scale step id, or ``None`` for "none"; in catalogue order."""

    @property
    def rated_count(self) -> int:
        """How many competencies have a rating other than none."""
        return sum(1 for step in self.ratings.values() if step is not None)


# --------------------------------------------------------------------------
# Reading


def read_profile(path: str) -> tuple[str, str]:
    """The (label, text) of a profile file, or of standard input for ``-``.

    Every way a file can be unreadable becomes one :class:`ProfileError` line.
    """
    label = "<stdin>" if path == STDIN else (inert(path, one_line=True) or "\"\"")
    try:
        if path == STDIN:
            data = _read_stdin()
        elif not path.strip():
            raise Unreadable(
                f"is not a file name; give the path of your profile, or {TEMPLATE_HINT}"
            )
        else:
            data = read_bytes(Path(path), kind="profile", hint=TEMPLATE_HINT, limit=MAX_BYTES)
        text = decode(
            data, kind="profile", empty=f"a profile needs a [ratings] table ({TEMPLATE_HINT})"
        )
    except Unreadable as error:
        raise ProfileError(label, [Problem(error.message, line=error.line)]) from None
    return label, text


def _read_stdin() -> bytes:
    if sys.stdin is None:  # `<&-`: there is no standard input to read
        raise Unreadable("cannot be read: standard input is closed; give a profile file instead")
    try:
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    except (AttributeError, OSError, ValueError):  # a text-only stream has no buffer
        try:
            data = sys.stdin.read(MAX_BYTES + 1).encode("utf-8", "surrogateescape")
        except (OSError, ValueError) as error:  # a closed stream, or a descriptor gone bad
            raise Unreadable(f"cannot be read: {error}") from None
    if len(data) > MAX_BYTES:
        raise Unreadable(f"is larger than {MAX_BYTES // 1024 // 1024} MiB")
    return data


def load_profile(ladder: Ladder, path: str) -> Profile:
    """Read, parse and check the profile at ``path`` (``-`` for standard input)."""
    label, text = read_profile(path)
    return parse_profile(ladder, text, label)


def parse_profile(ladder: Ladder, text: str, label: str) -> Profile:
    """Parse and check a profile against the catalogue; report every problem at once."""
    try:
        data = parse_toml(text, label)
    except CatalogError as exc:
        raise ProfileError(label, exc.problems) from None
    return check_profile(ladder, data, label, text)


# --------------------------------------------------------------------------
# Checking


def check_profile(
    ladder: Ladder, data: Mapping[str, Any], label: str, text: str | None = None
) -> Profile:
    """Check parsed TOML as a profile; raise :class:`ProfileError` with every problem.

    ``text``, the file as written, gives each problem its line and column.
    """
    tables = (("(top level)", data), ("ratings", data.get("ratings")))
    oversized = [
        Problem(f"has {len(table):,} keys; pmladder allows at most {MAX_KEYS:,} in a table "
                "(a profile rates each competency once)", location=where)
        for where, table in tables if isinstance(table, Mapping) and len(table) > MAX_KEYS
    ]
    if oversized:  # before a message per key: a hostile file must not cost a line per key
        raise ProfileError(label, oversized)
    check = _Check(ladder)
    check.fields(data)
    name = check.name(data.get("name"))
    target = check.target(data.get("target"))
    raw = data.get("ratings")
    ratings = check.ratings(raw)
    missing = check.missing(raw) if isinstance(raw, dict) else []
    if check.written or missing:
        problems = _placed(text or "", check.written, missing)
        raise ProfileError(label, problems, hints=[TEMPLATE_HINT])
    assert ratings is not None
    return Profile(file=label, name=name, target=target,
                   ratings={c: ratings[c] for c in ladder.competency_names})


def _placed(
    text: str, written: Sequence[tuple[str, Loc]], missing: Sequence[tuple[str, Loc]]
) -> list[Problem]:
    """Each problem at the line and column of its value in ``text``: problems with
    what is written in file order, then the missing ratings (at the [ratings] header)."""
    where = value_lines(text, "toml", [loc for _, loc in (*written, *missing)])

    def problem(message: str, loc: Loc) -> Problem:
        line, column = where.position(loc)
        return Problem(message, location=".".join(map(str, loc)), line=line, column=column)

    in_order = sorted((problem(*found) for found in written),
                      key=lambda p: (p.line is None, p.line or 0))
    return in_order + [problem(*found) for found in missing]


class _Check:
    """The problems found in one profile, each with the path to its value."""

    def __init__(self, ladder: Ladder) -> None:
        self.ladder = ladder
        #: (message, path) of each problem with what the profile says.
        self.written: list[tuple[str, Loc]] = []
        #: Competencies suggested for unknown keys under [ratings].
        self.suggested: set[str] = set()

    def add(self, message: str, *loc: str) -> None:
        self.written.append((message, loc))

    def fields(self, data: Mapping[str, Any]) -> None:
        """Report the top-level keys that are not profile fields."""
        for key in data:
            if key in FIELDS:
                continue
            if key in self.ladder.competency_names:
                self.add(f"{key!r} is a competency; put its line under [ratings]", key)
                continue
            close = close_words(key, list(FIELDS), limit=1)
            self.add(f"unknown field {key!r}; " + (
                f"did you mean {close[0]!r}?" if close else
                f"a profile has only: {', '.join(FIELDS)}"), key)

    def name(self, name: object) -> str | None:
        if name is None:
            return None
        if not isinstance(name, str) or not name.strip() or len(name) > 200:
            self.add("name must be a short piece of text in quotes, e.g. name = \"Alex\""
                     f"{_got(name)}", "name")
            return None
        return name.strip()

    def target(self, target: object) -> str | None:
        """The id of the role ``target`` names, or ``None`` (reported when wrong)."""
        if target is None:
            return None
        if not isinstance(target, str) or not target.strip():
            self.add(f"target must be a role's id, alias or title in quotes, e.g. target = "
                     f"\"{example_role(self.ladder)}\"{_got(target)}", "target")
            return None
        try:
            return find_role(self.ladder, target).id
        except UnknownRoleError as exc:
            roles = " or ".join(repr(s) for s in exc.suggestions)
            self.add(f"{exc.message}; " + (f"did you mean {roles}?" if roles else
                     "run 'pmladder list' to see every role"), "target")
        except AmbiguousRoleError as exc:
            self.add(f"{exc.message}; write one of those ids", "target")
        return None

    def ratings(self, raw: object) -> dict[str, str | None] | None:
        """The ratings written correctly; every other one is reported."""
        ladder = self.ladder
        if raw is None:
            self.add(f"the [ratings] table is missing; add it with one line per competency "
                     f"({TEMPLATE_HINT})", "ratings")
            return None
        if not isinstance(raw, dict):
            first = next(iter(ladder.competency_names), "research")
            self.add(f"ratings must be a table: a [ratings] header, then one line per "
                     f"competency, e.g. {first} = \"{_step_example(ladder)}\"{_got(raw)}",
                     "ratings")
            return None
        return self._written_ratings(raw)

    def missing(self, raw: Mapping[str, object]) -> list[tuple[str, Loc]]:
        """A problem for each competency ``raw`` has no line for (and that no unknown key
        in it was taken for, so a competency named by its title is reported once)."""
        return [
            (f"no rating for {comp!r} ({comp_name}); add {comp} = \"<step>\", or \"none\", "
             "under [ratings]", ("ratings", comp))
            for comp, comp_name in self.ladder.competency_names.items()
            if comp not in raw and comp not in self.suggested
        ]

    def _written_ratings(self, raw: Mapping[str, object]) -> dict[str, str | None]:
        ladder = self.ladder
        ratings: dict[str, str | None] = {}
        for key, value in raw.items():
            if key not in ladder.competency_names:
                nearest = _closest_competency(ladder, key)
                if nearest:
                    self.add(f"unknown competency {key!r}; did you mean {nearest!r}?",
                             "ratings", key)
                    if nearest not in raw:
                        self.suggested.add(nearest)
                else:
                    self.add(f"unknown competency {key!r}; the competencies are: "
                             f"{', '.join(ladder.competency_names)}", "ratings", key)
                continue
            step = _rating(ladder, key, value)
            if isinstance(step, _Bad):
                self.add(step.message, "ratings", key)
            else:
                ratings[key] = step
        return ratings


@dataclass(frozen=True, slots=True)
class _Bad:
    message: str


def _rating(ladder: Ladder, competency: str, value: object) -> str | _Bad | None:
    """The scale step id ``value`` names (``None`` for "none"), or what is wrong with it."""
    levels = ladder.head.scale.levels
    choices = ", ".join(s.id for s in levels) + f" or {NONE}"
    if isinstance(value, str):
        if not normalise(value):
            return _Bad(f"no rating yet; write one of: {choices}")
        try:
            return step_named(ladder, value)
        except NotAStep as exc:
            hint = (f"; did you mean {exc.closest!r}? Use one of" if exc.closest else
                    "; use one of")
            return _Bad(f"{value!r:.60} is not on the {ladder.head.scale.name} scale{hint}: "
                        f"{choices}")
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= len(levels):
        word = NONE if value == 0 else levels[value - 1].id
        return _Bad(
            f"write the step's id in quotes rather than a number: {competency} = \"{word}\""
        )
    return _Bad(f"a rating is a scale step id in quotes, one of: {choices}{_got(value)}")


def _got(value: object) -> str:
    kind = {bool: "true/false", int: "a number", float: "a number", str: "text",
            list: "a list", dict: "a table"}
    for python_type, word in kind.items():
        if type(value) is python_type:
            return f" (got {word})"
    return f" (got a {type(value).__name__})"


class NotAStep(ValueError):
    """Text that names no step of the scale."""

    def __init__(self, text: str, closest: str | None) -> None:
        super().__init__(text)
        #: The id of the step whose id or name is closest to the text, if any is close.
        self.closest = closest


def step_named(ladder: Ladder, text: str) -> str | None:
    """The id of the scale step ``text`` names by its id or name (in any case, with
    spaces or dashes), or ``None`` for "none"; :class:`NotAStep` when it names none."""
    steps = _by_id_or_name((step.id, step.name) for step in ladder.head.scale.levels)
    key = normalise(text)
    if key in steps:
        return steps[key]
    if key == NONE:
        return None
    close = close_words(key, list(steps), limit=1)
    raise NotAStep(text, steps[close[0]] if close else None)


def _step_example(ladder: Ladder) -> str:
    levels = ladder.head.scale.levels
    return levels[min(1, len(levels) - 1)].id


def example_role(ladder: Ladder) -> str:
    """A role id to show in examples: the first role on the third level from the bottom
    (``senior-pm`` in the bundled catalogue), or on the top level of a shorter ladder."""
    roles = list(ladder.every_role())
    levels = sorted({r.level for r in roles})
    wanted = levels[min(2, len(levels) - 1)]
    return next(r.id for r in roles if r.level == wanted)


def _closest_competency(ladder: Ladder, key: str) -> str | None:
    """The competency id closest to ``key``, by id or by name."""
    folded = _by_id_or_name(ladder.competency_names.items())
    wanted = normalise(key)
    if wanted in folded:
        return folded[wanted]
    close = close_words(wanted, list(folded), limit=1)
    return folded[close[0]] if close else None


def _by_id_or_name(items: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each (id, name)'s normalised id and name, mapped to the id; an id wins over
    another item's name, and the first of two that fold alike wins."""
    pairs = list(items)
    out: dict[str, str] = {}
    for item_id, _ in pairs:
        out.setdefault(normalise(item_id), item_id)
    for item_id, name in pairs:
        out.setdefault(normalise(name), item_id)
    out.pop("", None)
    return out
