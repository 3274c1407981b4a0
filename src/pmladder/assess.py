"""Self-assessment: read a profile of self-ratings, score how well each role fits,
compare the person with a target role, and find the route to it.

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

The fit score (see :data:`FIT_RULE`) is the share of the scale steps a role
asks for that the person meets, capped per competency.

Pure functions: no Typer, no Rich, no terminal I/O.
"""

from __future__ import annotations

import difflib
import math
import re
import shlex
import sys
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .catalog import MAX_BYTES, Ladder, normalise
from .errors import (
    AmbiguousRoleError,
    CatalogError,
    ExitCode,
    NotFoundError,
    PmladderError,
    Problem,
    UnknownRoleError,
)
from .inert import inert
from .ladder import Change, Fall, Route, Step, route
from .ladder import ratings as role_ratings
from .lookup import find_role
from .models import Criterion, Role
from .routes import reachable
from .textfile import Unreadable, decode, read_bytes
from .validation import parse_toml

NONE = "none"
"""The rating for a competency the person has no experience in (or does not rate)."""

FIELDS: dict[str, str] = {
    "name": "who the profile describes (optional)",
    "target": "the role you want: its id, alias or title (optional)",
    "ratings": "a table: competency id = scale step id, or \"none\" (required)",
}
"""The fields a profile may hold, and what each one means."""

FIT_RULE = (
    "each competency a role rates asks for k steps of the scale (k = the position of "
    "the required step, 1 = lowest); you meet min(your step, k) of them (none = 0). "
    "Fit = steps met / steps asked, over every competency the role rates, as a "
    "percentage. Being above what a role asks does not raise its fit. Ties go to the "
    "higher level, then to catalogue order"
)
"""The fit score in words, for help text, JSON and docs."""

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


# --------------------------------------------------------------------------
# Reading and validating a profile


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


def read_profile(path: str) -> tuple[str, str]:
    """The (label, text) of a profile file, or of standard input for ``-``.

    Every way a file can be unreadable becomes one :class:`ProfileError` line.
    """
    label = "<stdin>" if path == STDIN else (_shown(path) or "\"\"")
    try:
        if path == STDIN:
            try:
                data = sys.stdin.buffer.read(MAX_BYTES + 1)
            except (AttributeError, OSError, ValueError):
                data = sys.stdin.read(MAX_BYTES + 1).encode("utf-8", "surrogateescape")
            if len(data) > MAX_BYTES:
                raise Unreadable(f"is larger than {MAX_BYTES // 1024 // 1024} MiB")
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


def _shown(path: str) -> str:
    """A file name safe to print: control and bidi characters shown as escapes."""
    return inert(path, one_line=True)


def parse_profile(ladder: Ladder, text: str, label: str) -> Profile:
    """Parse and validate a profile against the catalogue; report every problem at once."""
    try:
        data = parse_toml(text, label)
    except CatalogError as exc:
        raise ProfileError(label, exc.problems) from None
    return validate_profile(ladder, data, label, text)


def load_profile(ladder: Ladder, path: str) -> Profile:
    """Read, parse and validate the profile at ``path`` (``-`` for standard input)."""
    label, text = read_profile(path)
    return parse_profile(ladder, text, label)


def validate_profile(
    ladder: Ladder, data: Mapping[str, Any], label: str, text: str | None = None
) -> Profile:
    """Check parsed TOML as a profile; raise :class:`ProfileError` with every problem."""
    from .validation import MAX_KEYS

    tables = (("(top level)", data), ("ratings", data.get("ratings")))
    oversized = [
        Problem(f"has {len(table):,} keys; pmladder allows at most {MAX_KEYS:,} in a table "
                "(a profile rates each competency once)", location=where_)
        for where_, table in tables if isinstance(table, Mapping) and len(table) > MAX_KEYS
    ]
    if oversized:  # before a message per key: a hostile file must not cost a line per key
        raise ProfileError(label, oversized)
    where = _key_lines(text or "")
    problems: list[Problem] = []

    def add(message: str, location: str) -> None:
        line, column = where.get(location) or where.get(location.split(".", 1)[0]) or (None, None)
        problems.append(Problem(message, location=location, line=line, column=column))

    competencies = list(ladder.competency_names)
    for key in data:
        if key in FIELDS:
            continue
        if key in ladder.competency_names:
            add(f"{key!r} is a competency; put its line under [ratings]", key)
            continue
        message = f"unknown field {key!r}"
        close = difflib.get_close_matches(key, list(FIELDS), n=1, cutoff=0.6)
        if close:
            message += f"; did you mean {close[0]!r}?"
        else:
            message += f"; a profile has only: {', '.join(FIELDS)}"
        add(message, key)

    name = data.get("name")
    if name is not None and (not isinstance(name, str) or not name.strip() or len(name) > 200):
        add(f"name must be a short piece of text in quotes, e.g. name = \"Alex\"{_got(name)}",
            "name")
        name = None

    target_id: str | None = None
    target = data.get("target")
    if target is not None:
        if not isinstance(target, str) or not target.strip():
            add(f"target must be a role's id, alias or title in quotes, e.g. target = "
                f"\"{_example_role(ladder)}\"{_got(target)}", "target")
        else:
            try:
                target_id = find_role(ladder, target).id
            except UnknownRoleError as exc:
                roles = " or ".join(repr(s) for s in exc.suggestions)
                add(f"{exc.message}; " + (f"did you mean {roles}?" if roles else
                    "run 'pmladder list' to see every role"), "target")
            except AmbiguousRoleError as exc:
                add(f"{exc.message}; write one of those ids", "target")

    ratings: dict[str, str | None] = {}
    covered: set[str] = set()
    raw = data.get("ratings")
    if raw is None:
        add(f"the [ratings] table is missing; add it with one line per competency "
            f"({TEMPLATE_HINT})", "ratings")
    elif not isinstance(raw, dict):
        add(f"ratings must be a table: a [ratings] header, then one line per competency, "
            f"e.g. {competencies[0] if competencies else 'research'} = \"{_step_example(ladder)}\""
            f"{_got(raw)}", "ratings")
    else:
        steps = _step_names(ladder)
        for key, value in raw.items():
            location = f"ratings.{key}"
            if key not in ladder.competency_names:
                nearest = _closest_competency(ladder, key)
                message = f"unknown competency {key!r}"
                if nearest:
                    message += f"; did you mean {nearest!r}?"
                    if nearest not in raw:
                        covered.add(nearest)
                else:
                    message += f"; the competencies are: {', '.join(competencies)}"
                add(message, location)
                continue
            step = _rating(ladder, steps, key, value)
            if isinstance(step, _Bad):
                add(step.message, location)
            else:
                ratings[key] = step
    # Problems with what is written come in file order; missing ratings come last.
    problems.sort(key=lambda p: (p.line is None, p.line or 0))
    if isinstance(raw, dict):
        missing = [c for c in competencies if c not in raw and c not in covered]
        for comp in missing:
            add(f"no rating for {comp!r} ({ladder.competency_names[comp]}); add "
                f"{comp} = \"<step>\", or \"none\", under [ratings]", f"ratings.{comp}")

    if problems:
        raise ProfileError(label, problems, hints=[TEMPLATE_HINT])
    ordered = {c: ratings[c] for c in competencies}
    return Profile(
        file=label,
        name=name.strip() if isinstance(name, str) else None,
        target=target_id,
        ratings=ordered,
    )


@dataclass(frozen=True, slots=True)
class _Bad:
    message: str


def _rating(
    ladder: Ladder, steps: Mapping[str, str], competency: str, value: object
) -> str | _Bad | None:
    """The scale step id ``value`` names (``None`` for "none"), or what is wrong with it."""
    levels = ladder.head.scale.levels
    choices = ", ".join(s.id for s in levels) + f" or {NONE}"
    if isinstance(value, str):
        key = normalise(value)
        if key in steps:
            return steps[key]
        if key == NONE:
            return None
        if not key:
            return _Bad(f"no rating yet; write one of: {choices}")
        close = difflib.get_close_matches(key, list(steps), n=1, cutoff=0.6)
        hint = f"; did you mean {steps[close[0]]!r}? Use one of" if close else "; use one of"
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


def _step_names(ladder: Ladder) -> dict[str, str]:
    """Every normalised step id and name, mapped to the step id."""
    out: dict[str, str] = {}
    for step in ladder.head.scale.levels:
        out.setdefault(normalise(step.id), step.id)
    for step in ladder.head.scale.levels:
        out.setdefault(normalise(step.name), step.id)
    out.pop("", None)
    return out


def _step_example(ladder: Ladder) -> str:
    levels = ladder.head.scale.levels
    return levels[min(1, len(levels) - 1)].id


def _example_role(ladder: Ladder) -> str:
    """A role id to show in examples: the first role on the third level from the bottom
    (``senior-pm`` in the bundled catalogue), or on the top level of a shorter ladder."""
    roles = list(ladder.every_role())
    levels = sorted({r.level for r in roles})
    wanted = levels[min(2, len(levels) - 1)]
    return next(r.id for r in roles if r.level == wanted)


def _closest_competency(ladder: Ladder, key: str) -> str | None:
    """The competency id closest to ``key``, by id or by name."""
    folded = {normalise(c): c for c in ladder.competency_names}
    for comp, comp_name in ladder.competency_names.items():
        folded.setdefault(normalise(comp_name), comp)
    folded.pop("", None)
    wanted = normalise(key)
    if wanted in folded:
        return folded[wanted]
    close = difflib.get_close_matches(wanted, list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None


_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
_KEY = re.compile(r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_\-]+))*)\s*=\s*""")  # noqa: E501
_INLINE_KEY = re.compile(r"""(?:^|[{,])\s*("[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)\s*=\s*""")


def _dotted(key: str) -> str:
    parts = re.findall(r""""[^"]*"|'[^']*'|[^.\s]+""", key)
    return ".".join(p[1:-1] if p[:1] in "\"'" else p for p in parts)


def _key_lines(text: str) -> dict[str, tuple[int, int]]:
    """Best-effort (line, column) of each ``table.key`` written in a profile."""
    out: dict[str, tuple[int, int]] = {}
    table = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(raw)
        if header:
            table = _dotted(header.group(1))
            out.setdefault(table, (number, raw.index("[") + 1))
            continue
        match = _KEY.match(raw)
        if not match:
            continue
        key = _dotted(match.group(1))
        full = f"{table}.{key}" if table else key
        out.setdefault(full, (number, match.end() + 1))
        rest = raw[match.end():]
        if rest.lstrip().startswith("{"):
            for inner in _INLINE_KEY.finditer(rest):
                out.setdefault(f"{full}.{_dotted(inner.group(1))}",
                               (number, match.end() + inner.end() + 1))
    return out


# --------------------------------------------------------------------------
# Answers typed at a prompt


def parse_answer(ladder: Ladder, answer: str) -> str | None:
    """The scale step an interactive answer names: a number 1..N, an id or a name.

    Blank, ``0`` and ``none`` mean not rated (``None``).  Raise ``ValueError``
    with a message saying what to type when the answer names no step.
    """
    levels = ladder.head.scale.levels
    cleaned = answer.strip()
    if not cleaned or cleaned == "0":
        return None
    if cleaned.isdigit():
        number = int(cleaned)
        if 1 <= number <= len(levels):
            return levels[number - 1].id
    steps = _step_names(ladder)
    key = normalise(cleaned)
    if key in steps:
        return steps[key]
    if key == NONE:
        return None
    close = difflib.get_close_matches(key, list(steps), n=1, cutoff=0.6)
    hint = f" (did you mean {steps[close[0]]!r}?)" if close else ""
    raise ValueError(
        f"{cleaned!r:.40} is not on the scale{hint}; answer 1-{len(levels)}, a step's id or "
        "name, or leave it blank to skip"
    )


# --------------------------------------------------------------------------
# Fit scores


@dataclass(frozen=True, slots=True)
class Fit:
    """How well a person's ratings meet what one role asks."""

    role: str
    """Role id."""
    title: str
    track: str
    """Track id."""
    level: int
    level_name: str
    score: float
    """Fit as a percentage, 0-100, rounded down to one decimal (100 only when fully met)."""
    met_steps: int
    """Scale steps met, each competency capped at what the role asks."""
    required_steps: int
    """Scale steps the role asks for, summed over the competencies it rates."""
    competencies_met: int
    """Competencies where the person is at or above what the role asks."""
    competencies_rated: int
    """Competencies the role rates."""


def ranks(ladder: Ladder, ratings: Mapping[str, str | None]) -> dict[str, int]:
    """Each competency's position on the scale, 1 = lowest, 0 for none or unrated."""
    return {c: (ladder.scale_rank[s] + 1 if s is not None else 0) for c, s in ratings.items()}


def fit(ladder: Ladder, role: Role, mine: Mapping[str, int]) -> Fit | None:
    """The person's fit for ``role``; ``None`` when the role rates no competency."""
    if not role.competencies:
        return None
    required = met = full = 0
    for comp, step in role.competencies.items():
        need = ladder.scale_rank[step] + 1
        have = mine.get(comp, 0)
        required += need
        met += min(have, need)
        full += have >= need
    return Fit(
        role=role.id,
        title=role.title,
        track=role.track,
        level=role.level,
        level_name=ladder.level_names[role.level],
        score=math.floor(met * 1000 / required) / 10,
        met_steps=met,
        required_steps=required,
        competencies_met=full,
        competencies_rated=len(role.competencies),
    )


def fits(ladder: Ladder, ratings: Mapping[str, str | None]) -> tuple[list[Fit], list[str]]:
    """Every role's fit, best first (see :data:`FIT_RULE`), and the ids of roles that
    rate no competency and so cannot be scored."""
    mine = ranks(ladder, ratings)
    scored: list[Fit] = []
    unscored: list[str] = []
    for role in ladder.every_role():
        result = fit(ladder, role, mine)
        if result is None:
            unscored.append(role.id)
        else:
            scored.append(result)
    # met/required as a float ranks exactly like the fraction: both are small
    # integers, and correctly rounded division maps equal ratios to equal floats
    # and different ones (which differ by at least 1/(b*d)) to different floats.
    # Equal fits go to the more senior role, except when nothing is met at all:
    # someone with no experience fits the entry level, not the top of the ladder.
    scored.sort(key=lambda f: (
        -f.met_steps / f.required_steps,
        -f.level if f.met_steps else f.level,
        ladder.order[f.role],
    ))
    return scored, unscored


# --------------------------------------------------------------------------
# Above, at and below a target


@dataclass(frozen=True, slots=True)
class Standing:
    """One competency: the person's rating against what the target asks."""

    competency: str
    """Competency id."""
    name: str
    """Competency name."""
    yours: str | None
    """The person's scale step id, ``None`` for none."""
    yours_name: str | None
    yours_rank: int
    """Position of the person's step, 1 = lowest, 0 = none."""
    required: str | None
    """The step the target asks for, ``None`` when the target does not rate it."""
    required_name: str | None
    required_rank: int
    """Position of the required step, 1 = lowest, 0 = not rated by the target."""
    difference: int | None
    """``yours_rank - required_rank``: steps above (positive) or below (negative);
    ``None`` when the target does not rate the competency (its need is unknown)."""
    criterion: Criterion | None = None
    """What the required step asks in this competency, when the catalogue says."""


@dataclass(frozen=True, slots=True)
class Comparison:
    """Where a person stands against a target role, competency by competency."""

    target: str
    target_title: str
    fit: Fit | None
    """The person's fit for the target (``None`` if it rates no competency)."""
    above: tuple[Standing, ...]
    """Competencies rated higher than the target asks."""
    at: tuple[Standing, ...]
    """Competencies rated exactly at what the target asks."""
    below: tuple[Standing, ...]
    """Competencies rated lower than the target asks: what to grow."""
    rated: bool = True
    """Whether the target rates any competency; when not, every group is empty,
    because what it asks is unknown."""
    unrated: tuple[Standing, ...] = ()
    """Competencies the person rates and the target does not: what it needs there is
    unknown, so they are neither above, at nor below it."""


def compare(ladder: Ladder, ratings: Mapping[str, str | None], target: Role) -> Comparison:
    """Split the competencies into above, at and below ``target``, in catalogue order.

    A competency the target does not rate goes to ``unrated`` (its need is
    unknown, not zero), or is left out when the person does not rate it either. A
    target that rates no competency at all gets no groups: nothing is known to compare.
    """
    if not target.competencies:
        return Comparison(target.id, target.title, None, (), (), (), rated=False)
    above: list[Standing] = []
    at: list[Standing] = []
    below: list[Standing] = []
    unrated: list[Standing] = []
    names = ladder.scale_names
    for comp, comp_name in ladder.competency_names.items():
        yours = ratings.get(comp)
        required = target.competencies.get(comp)
        have = ladder.scale_rank[yours] + 1 if yours is not None else 0
        need = ladder.scale_rank[required] + 1 if required is not None else 0
        if not have and not need:
            continue
        standing = Standing(
            competency=comp,
            name=comp_name,
            yours=yours,
            yours_name=names[yours] if yours is not None else None,
            yours_rank=have,
            required=required,
            required_name=names[required] if required is not None else None,
            required_rank=need,
            difference=have - need if required is not None else None,
            criterion=ladder.criterion(comp, required) if required is not None else None,
        )
        if required is None:
            unrated.append(standing)
        else:
            (above if have > need else at if have == need else below).append(standing)
    return Comparison(
        target=target.id,
        target_title=target.title,
        fit=fit(ladder, target, ranks(ladder, ratings)),
        above=tuple(above),
        at=tuple(at),
        below=tuple(below),
        unrated=tuple(unrated),
    )


# --------------------------------------------------------------------------
# The whole assessment

StartReason = Literal[
    "highest-met", "best-fit", "next-best-fit", "target-is-best-fit", "target"
]

MEETS = 90.0
"""A fit of at least this many percent counts as meeting a role when choosing
where the route to the target starts: the highest-level role you meet, not the
entry role you over-qualify for."""


@dataclass(frozen=True, slots=True)
class Assessment:
    """Everything ``pmladder assess`` reports about one profile."""

    profile: Profile
    fits: tuple[Fit, ...]
    """Every scored role, best fit first."""
    unscored: tuple[str, ...]
    """Roles that rate no competency, so have no fit score."""
    target: str | None
    """Id of the target role, if any."""
    target_origin: Literal["option", "profile"] | None
    """Whether the target came from ``--target`` or from the profile."""
    comparison: Comparison | None
    """Above, at and below the target; ``None`` without a target."""
    start: str | None
    """Id of the role the route to the target starts from; ``None`` without a target."""
    start_reason: StartReason | None
    """``highest-met``: the highest-level role met (fit at least :data:`MEETS`) that has
    a route to the target; ``best-fit``: no role with a route is met, and the best fit
    has one; ``next-best-fit``: better fits have none, so
    the best-fitting role with a route was used; ``target-is-best-fit``: the best fit is the
    target; ``target``: no role fitting better than the target leads to it."""
    passed_over: tuple[str, ...]
    """Ids of the roles that fit better than ``start`` but have no route to the target."""
    route: Route | None
    """The route from ``start`` to the target (no steps when they are the same role)."""


def assess(ladder: Ladder, profile: Profile, target_option: Role | None = None) -> Assessment:
    """Score the profile against every role and, given a target, compare and route to it.

    ``target_option`` (from ``--target``) wins over the profile's own ``target``.
    """
    if not ladder.competency_names:
        raise NotFoundError(
            "this catalogue rates no competencies, so there is nothing to assess against",
            hints=["add [[competencies]] to the catalogue and rate them in its roles"],
        )
    scored, unscored = fits(ladder, profile.ratings)
    target: Role | None = target_option
    origin: Literal["option", "profile"] | None = None if target is None else "option"
    if target is None and profile.target is not None:
        target = ladder.roles[profile.target]
        origin = "profile"
    if target is None:
        return Assessment(profile, tuple(scored), tuple(unscored), None, None, None, None,
                          None, (), None)
    reaches = reachable(ladder, target.id, backwards=True)
    passed: list[str] = []
    start_id = target.id
    reason: StartReason
    met = [f for f in scored if f.role in reaches and f.score >= MEETS]
    if met:
        # Where the person stands: the most senior role they meet that leads on.
        best = max(met, key=lambda f: (f.level, f.score, -ladder.order[f.role]))
        start_id, reason = best.role, "highest-met"
    else:
        for candidate in scored:
            if candidate.role in reaches:
                start_id = candidate.role
                break
            passed.append(candidate.role)
        if start_id == target.id:
            reason = "target" if passed else "target-is-best-fit"
        else:
            reason = "next-best-fit" if passed else "best-fit"
    return Assessment(
        profile=profile,
        fits=tuple(scored),
        unscored=tuple(unscored),
        target=target.id,
        target_origin=origin,
        comparison=compare(ladder, profile.ratings, target),
        start=start_id,
        start_reason=reason,
        passed_over=tuple(passed),
        route=personal(ladder, route(ladder, ladder.roles[start_id], target),
                       profile.ratings),
    )


def personal(ladder: Ladder, path: Route, ratings: Mapping[str, str | None]) -> Route:
    """``path`` measured from the person.

    Along the route, the person's level in each competency is the higher of their
    own rating and what the earlier steps required (a step's ``via`` names the role
    that required it). Each step's rises, falls and unrated competencies start from
    that level; what it asks that the level already reaches moves to ``met``. A
    competency the catalogue leaves unchanged on a step is listed only when the
    person still falls short of it. ``overall`` runs from the person's own ratings
    to their level at the end of the route.
    """
    levels = ladder.head.scale.levels
    own = ranks(ladder, ratings)
    # Competency id -> (rank, id of the role that required it; None for the person's own).
    level: dict[str, tuple[int, str | None]] = {c: (own.get(c, 0), None)
                                                for c in ladder.competency_names}

    def step_of(rank: int) -> tuple[str | None, str | None]:
        """The (id, name) of the scale step at ``rank``; ``(None, None)`` for none."""
        return (levels[rank - 1].id, levels[rank - 1].name) if rank else (None, None)

    def above(fall: Fall) -> Fall | None:
        """``fall`` measured from the person, or ``None`` when they have no more than
        the next role asks (then it is a rise or already met, not a fall)."""
        have, via = level[fall.competency]
        need = ladder.scale_rank[fall.after] + 1 if fall.after is not None else 0
        if have <= need:
            return None
        step = levels[have - 1]
        return fall._replace(before=step.id, before_name=step.name, via=via)

    steps: list[Step] = []
    for step in path.steps:
        changed = {c.competency for c in step.gap.rising + step.gap.new}
        grow: list[Change] = []
        done: list[Change] = []
        for r in role_ratings(ladder, ladder.roles[step.target]):
            have, via = level[r.competency]
            if r.rank <= have and r.competency not in changed:
                continue
            before, before_name = step_of(have)
            change = Change(r.competency, r.name, before, before_name, r.level, r.level_name,
                            r.rank - have, r.criterion, via)
            (done if r.rank <= have else grow).append(change)
        falling = tuple(f for f in map(above, step.gap.falling) if f is not None)
        unrated = tuple(f for f in map(above, step.gap.unrated) if f is not None)
        for change in grow:
            level[change.competency] = (ladder.scale_rank[change.after] + 1, step.target)
        gap = step.gap._replace(
            rising=tuple(c for c in grow if c.before is not None),
            new=tuple(c for c in grow if c.before is None),
            falling=falling,
            unrated=unrated,
            met=tuple(done),
        )
        steps.append(step._replace(gap=gap))
    overall: list[Change] = []
    for comp, comp_name in ladder.competency_names.items():
        start = own.get(comp, 0)
        end, _ = level[comp]
        if end > start:
            before, before_name = step_of(start)
            after = levels[end - 1]
            overall.append(Change(comp, comp_name, before, before_name, after.id, after.name,
                                  end - start, ladder.criterion(comp, after.id)))
    return path._replace(steps=tuple(steps), overall=tuple(overall))


# --------------------------------------------------------------------------
# Writing profiles: the template and saved answers



def _comment_text(value: str) -> str:
    """Catalogue text made safe for a TOML comment: one line, control characters escaped."""
    flat = " ".join(value.split())
    return inert(flat, one_line=True)


def _comment(value: str, indent: str = "", width: int = 78) -> list[str]:
    wrapped = textwrap.wrap(
        _comment_text(value), width=width - 2 - len(indent), break_on_hyphens=False
    )
    return [f"# {indent}{line}".rstrip() for line in wrapped] or ["#"]


def _toml_string(value: str) -> str:
    """A TOML basic string holding ``value`` exactly."""
    out = []
    for ch in value:
        if ch in "\"\\":
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def profile_text(
    ladder: Ladder,
    ratings: Mapping[str, str | None] | None = None,
    *,
    name: str | None = None,
    target: str | None = None,
) -> str:
    """A profile file for the catalogue, with the scale and each competency explained.

    Without ``ratings`` it is the blank template (every rating ``""``, to fill in);
    with them it is a saved profile (``"none"`` where a rating is ``None``).
    """
    catalog = ladder.head
    scale = catalog.scale
    steps = scale.levels
    out: list[str] = []
    if ratings is None:
        out.append("# pmladder self-assessment profile: fill in a rating for each competency,")
        out.append("# then run: pmladder assess THIS-FILE --target ROLE")
    else:
        out.append("# pmladder self-assessment profile.")
        out.append("# Run: pmladder assess THIS-FILE --target ROLE")
    out.extend(_comment(f"Catalogue: {catalog.name}"))
    if ladder.source.path is not None:
        out.append("# Use it with the same catalogue:")
        quoted = shlex.quote(str(ladder.source.path))
        out.append(f"#     pmladder --catalog {_comment_text(quoted)} assess THIS-FILE")
    out.append("#")
    out.extend(_comment(f"Scale: {scale.name}. {scale.description or ''}"))
    out.extend(_comment("For each competency, write one of these steps (its id or its name):"))
    width = max([len(NONE), *(len(s.id) for s in steps)])
    for number, step in enumerate(steps, start=1):
        head = f"  {number}. {step.id:<{width}}  {_comment_text(step.name)}: "
        body = textwrap.wrap(head + _comment_text(step.description), width=76,
                             subsequent_indent=" " * (len(f"  {number}. ") + width + 2),
                             break_on_hyphens=False)
        out.extend(f"# {line}".rstrip() for line in body)
    out.append(f"#   -  {NONE:<{width}}  no experience yet (or you'd rather not rate it)")
    out.append("# Every competency needs a line; an empty \"\" is reported as not rated yet.")
    out.append("")
    out.append("# Who this profile describes (optional).")
    out.append(f"name = {_toml_string(name)}" if name else '# name = "Your name"')
    out.append("")
    out.append("# The role you want (optional): an id, alias or title from 'pmladder list'.")
    out.append("# --target on the command line overrides it.")
    example = target or _example_role(ladder)
    out.append(f"{'' if target else '# '}target = {_toml_string(example)}")
    out.append("")
    out.append("[ratings]")
    for comp in catalog.competencies:
        out.append("")
        out.extend(_comment(f"{comp.name}: {comp.description}"))
        # What each step means for this competency, so a person rates against it.
        for step in steps:
            criterion = comp.criteria.get(step.id)
            if criterion is not None:
                lines = textwrap.wrap(_comment_text(f"{step.id}: {criterion.text}"), width=74,
                                      subsequent_indent="    ", break_on_hyphens=False)
                out.extend(f"#   {line}".rstrip() for line in lines)
        value = "" if ratings is None else ratings.get(comp.id) or NONE
        out.append(f"{comp.id} = {_toml_string(value)}")
    return "\n".join(out) + "\n"


def blank_ratings(ladder: Ladder) -> dict[str, str | None]:
    """Every competency of the catalogue, unrated."""
    return dict.fromkeys(ladder.competency_names)


def rated(ratings: Mapping[str, str | None]) -> int:
    """How many competencies have a rating other than none."""
    return sum(1 for v in ratings.values() if v is not None)


def from_answers(
    ladder: Ladder, answers: Iterable[tuple[str, str | None]], target: str | None
) -> Profile:
    """A profile built from interactive answers (competency id, step id or ``None``)."""
    ratings = blank_ratings(ladder)
    ratings.update(answers)
    return Profile(file=PROMPTS, name=None, target=target, ratings=ratings)
