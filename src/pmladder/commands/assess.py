"""``pmladder assess``: a self-assessment against the ladder.

Three ways in: ``--template`` prints a profile to fill in, ``PROFILE`` reads a
filled-in one, ``--interactive`` asks for each rating at the terminal.  The
core (:mod:`pmladder.profile`, :mod:`pmladder.assess`) reads, checks and
scores; this module only maps options onto it and hands results to the view.
The questions are :mod:`.assess_questions`, loaded only for ``--interactive``.
"""

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from ..views.answer import Answer
from . import common, completion, files
from .output import emit

DEFAULT_TOP = 5

ProfileArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="PROFILE",
        help="Your profile: a TOML file of self-ratings ('-' reads standard input).",
        show_default=False,
    ),
]
TargetOption = Annotated[
    str | None,
    typer.Option(
        "--target",
        "-t",
        metavar="ROLE",
        help="The role you want (id, alias or title); overrides the profile's target.",
        autocompletion=completion.complete_role,
        show_default=False,
    ),
]
TemplateOption = Annotated[
    bool,
    typer.Option("--template", help="Print a profile to fill in, for the active catalogue."),
]
InteractiveOption = Annotated[
    bool,
    typer.Option(
        "--interactive", "-i", help="Ask for each rating at the terminal, then offer to save."
    ),
]
TopOption = Annotated[
    int,
    typer.Option("--top", min=1, metavar="N", help="How many best-fitting roles to show."),
]


def assess(
    ctx: typer.Context,
    profile: ProfileArgument = None,
    target: TargetOption = None,
    template: TemplateOption = False,
    interactive: InteractiveOption = False,
    top: TopOption = DEFAULT_TOP,
    json: common.JsonOption = False,
    svg: common.SvgOption = None,
) -> None:
    """Rate yourself: the roles you fit now and the route to the one you want.

    Start with 'pmladder assess --template > me.toml', write a step of the
    scale (or "none") for every competency, then run
    'pmladder assess me.toml --target ROLE'. Or answer with --interactive.

    Fit score: each competency a role rates asks for k steps of the scale
    (k = the position of the required step, 1 = lowest). You meet
    min(your step, k) of them (none = 0). Fit = steps met / steps asked,
    over every competency the role rates, as a percentage. Being above what
    a role asks does not raise its fit. Ties go to the higher level, then to
    catalogue order.

    With a target: the competencies where you are above, at and below it
    (and those it does not rate, whose need is unknown), and the route to it
    from the most senior role you meet (fit 90% or more) that leads there,
    else from your best fit with a route. Each step's gap is measured from
    your level: your own rating, or what an earlier step asked if higher;
    what you already meet is shown as met.

    A profile with mistakes (unknown competency, rating off the scale,
    missing rating, unknown field) is reported problem by problem with its
    file and line, and exits with 2 (3 is for an invalid catalogue).
    'pmladder assess --template' prints the format, every field explained.
    """
    picture = _check_options(profile, template, interactive, json, svg)
    # The core loads the catalogue's models: imported here, so --help stays light.
    from ..assess import assess as run_assessment
    from ..lookup import find_role
    from ..profile import load_profile
    from ..profile_form import profile_text

    ladder = common.state(ctx).ladder()
    goal = find_role(ladder, target) if target is not None else None
    if template:
        sys.stdout.write(profile_text(ladder, target=goal.id if goal else None))
        return
    if profile is not None:
        result = run_assessment(ladder, load_profile(ladder, profile), goal)
    else:
        from .assess_questions import ask, offer_save  # loads Rich: only for -i

        answers = ask(ladder, goal)
        # Saving comes before the results, so they end up last on the screen and
        # nothing follows a --json document on stdout.
        offer_save(ladder, answers)
        chosen = ladder.roles[answers.target] if answers.target else None
        result = run_assessment(ladder, answers, chosen)
    emit(ctx, Answer("assess", ladder, result, top=top), json=json, svg=picture)


def _check_options(profile: str | None, template: bool, interactive: bool,
                   json: bool, svg: str | None) -> Path | None:
    """Refuse options that do not go together; the ``--svg`` file to save, if any."""

    chosen = sum((profile is not None, template, interactive))
    if chosen != 1:
        raise UsageError(
            "give one of: a PROFILE file, --template or --interactive"
            if chosen == 0
            else "use only one of: a PROFILE file, --template, --interactive",
            hints=["start with: pmladder assess --template > me.toml"],
        )
    if template and (json or svg is not None):
        option = "--json" if json else "--svg"
        raise UsageError(f"--template prints a TOML profile; leave out {option}")
    picture = files.svg_target(svg, json)
    if interactive and not _stdin_is_terminal():
        raise UsageError(
            "--interactive needs a terminal to ask questions, and standard input is not one",
            hints=["fill in a profile instead: pmladder assess --template > me.toml"],
        )
    return picture


def _stdin_is_terminal() -> bool:
    """Whether someone can answer prompts: standard input is a terminal."""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):  # no stdin, or a closed one
        return False


def register(app: typer.Typer) -> None:
    app.command(
        "assess",
        epilog=(
            "Example: pmladder assess --template > me.toml, fill it in, then "
            "pmladder assess me.toml --target senior-pm"
        ),
    )(assess)
