"""The profile as a form to fill in: the template file, a saved profile, and the
answers typed at ``pmladder assess --interactive``'s questions.

The questions themselves are asked in :mod:`pmladder.commands.assess`; this
module turns what is typed into ratings and ratings into a profile file.

Pure functions: no Typer, no Rich, no terminal I/O.
"""

from __future__ import annotations

import shlex
import textwrap
from collections.abc import Iterable, Mapping

from .catalog import Ladder
from .inert import toml_comment, toml_quoted
from .profile import NONE, PROMPTS, NotAStep, Profile, example_role, step_named

# --------------------------------------------------------------------------
# Writing a profile file


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
    if ratings is None:
        out = ["# pmladder self-assessment profile: fill in a rating for each competency,",
               "# then run: pmladder assess THIS-FILE --target ROLE"]
    else:
        out = ["# pmladder self-assessment profile.",
               "# Run: pmladder assess THIS-FILE --target ROLE"]
    out.extend(_catalogue_lines(ladder))
    out.extend(_scale_lines(ladder))
    out.append("")
    out.append("# Who this profile describes (optional).")
    out.append(f"name = {toml_quoted(name)}" if name else '# name = "Your name"')
    out.append("")
    out.append("# The role you want (optional): an id, alias or title from 'pmladder list'.")
    out.append("# --target on the command line overrides it.")
    example = target or example_role(ladder)
    out.append(f"{'' if target else '# '}target = {toml_quoted(example)}")
    out.append("")
    out.append("[ratings]")
    out.extend(_rating_lines(ladder, ratings))
    return "\n".join(out) + "\n"


def _catalogue_lines(ladder: Ladder) -> list[str]:
    """Which catalogue the profile is for, and how to use it with that one."""
    out = _comment(f"Catalogue: {ladder.head.name}")
    if ladder.source.path is not None:
        out.append("# Use it with the same catalogue:")
        quoted = shlex.quote(str(ladder.source.path))
        out.append(f"#     pmladder --catalog {_comment_text(quoted)} assess THIS-FILE")
    out.append("#")
    return out


def _scale_lines(ladder: Ladder) -> list[str]:
    """The scale's steps, numbered, each with what it means."""
    scale = ladder.head.scale
    steps = scale.levels
    out = _comment(f"Scale: {scale.name}. {scale.description or ''}")
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
    return out


def _rating_lines(ladder: Ladder, ratings: Mapping[str, str | None] | None) -> list[str]:
    """A line per competency, after what it is and what each step means in it."""
    out: list[str] = []
    for comp in ladder.head.competencies:
        out.append("")
        out.extend(_comment(f"{comp.name}: {comp.description}"))
        # What each step means for this competency, so a person rates against it.
        for step in ladder.head.scale.levels:
            criterion = comp.criteria.get(step.id)
            if criterion is not None:
                lines = textwrap.wrap(_comment_text(f"{step.id}: {criterion.text}"), width=74,
                                      subsequent_indent="    ", break_on_hyphens=False)
                out.extend(f"#   {line}".rstrip() for line in lines)
        value = "" if ratings is None else ratings.get(comp.id) or NONE
        out.append(f"{comp.id} = {toml_quoted(value)}")
    return out


def _comment_text(value: str) -> str:
    """Catalogue text made safe for a TOML comment: one line, control characters escaped."""
    return toml_comment(" ".join(value.split()))


def _comment(value: str, indent: str = "", width: int = 78) -> list[str]:
    wrapped = textwrap.wrap(
        _comment_text(value), width=width - 2 - len(indent), break_on_hyphens=False
    )
    return [f"# {indent}{line}".rstrip() for line in wrapped] or ["#"]


# --------------------------------------------------------------------------
# Answers typed at the questions


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
    try:
        return step_named(ladder, cleaned)
    except NotAStep as exc:
        hint = f" (did you mean {exc.closest!r}?)" if exc.closest else ""
        raise ValueError(
            f"{cleaned!r:.40} is not on the scale{hint}; answer 1-{len(levels)}, a step's id "
            "or name, or leave it blank to skip"
        ) from None


def from_answers(
    ladder: Ladder, answers: Iterable[tuple[str, str | None]], target: str | None
) -> Profile:
    """A profile built from interactive answers (competency id, step id or ``None``);
    the competencies not answered yet are unrated."""
    ratings: dict[str, str | None] = dict.fromkeys(ladder.competency_names)
    ratings.update(answers)
    return Profile(file=PROMPTS, name=None, target=target, ratings=ratings)
