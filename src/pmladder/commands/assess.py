"""``pmladder assess``: a self-assessment against the ladder.

Three ways in: ``--template`` prints a profile to fill in, ``PROFILE`` reads a
filled-in one, ``--interactive`` asks for each rating at the terminal.  The
core (:mod:`pmladder.assess`) validates and scores; this module only maps
options onto it, asks the questions and hands results to the view.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from . import common

if TYPE_CHECKING:
    from ..assess import Profile
    from ..catalog import Ladder
    from ..models import Role

DEFAULT_TOP = 5
SAVE_DEFAULT = "profile.toml"


def _stdin_is_tty() -> bool:
    """Whether someone can answer prompts; tests replace this to drive the prompts."""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def assess(
    ctx: typer.Context,
    profile: Annotated[
        str | None,
        typer.Argument(
            metavar="PROFILE",
            help="Your profile: a TOML file of self-ratings ('-' reads standard input).",
            show_default=False,
        ),
    ] = None,
    target: Annotated[
        str | None,
        typer.Option(
            "--target",
            "-t",
            metavar="ROLE",
            help="The role you want (id, alias or title); overrides the profile's target.",
            autocompletion=common.complete_role,
            show_default=False,
        ),
    ] = None,
    template: Annotated[
        bool,
        typer.Option("--template", help="Print a profile to fill in, for the active catalogue."),
    ] = False,
    interactive: Annotated[
        bool,
        typer.Option(
            "--interactive", "-i", help="Ask for each rating at the terminal, then offer to save."
        ),
    ] = False,
    top: Annotated[
        int,
        typer.Option("--top", min=1, metavar="N", help="How many best-fitting roles to show."),
    ] = DEFAULT_TOP,
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
    chosen = sum((profile is not None, template, interactive))
    if chosen != 1:
        from ..errors import UsageError

        raise UsageError(
            "give one of: a PROFILE file, --template or --interactive"
            if chosen == 0
            else "use only one of: a PROFILE file, --template, --interactive",
            hints=["start with: pmladder assess --template > me.toml"],
        )
    if template and (json or svg is not None):
        from ..errors import UsageError

        option = "--json" if json else "--svg"
        raise UsageError(f"--template prints a TOML profile; leave out {option}")
    picture = common.svg_target(svg, json)
    if interactive and not _stdin_is_tty():
        from ..errors import UsageError

        raise UsageError(
            "--interactive needs a terminal to ask questions, and standard input is not one",
            hints=["fill in a profile instead: pmladder assess --template > me.toml"],
        )

    from ..lookup import find_role

    ladder = common.state(ctx).ladder()
    goal = find_role(ladder, target) if target is not None else None

    if template:
        from ..assess import profile_text

        sys.stdout.write(profile_text(ladder, target=goal.id if goal else None))
        return

    from ..assess import assess as run_assessment
    from ..assess import load_profile

    if interactive:
        answers = _ask(ladder, goal)
        # Saving comes before the results, so they end up last on the screen and
        # nothing follows a --json document on stdout.
        _offer_save(ladder, answers)
        chosen_target = ladder.roles[answers.target] if answers.target else None
        result = run_assessment(ladder, answers, chosen_target)
    else:
        assert profile is not None
        result = run_assessment(ladder, load_profile(ladder, profile), goal)

    if json:
        from ..views.assess import assess_document

        common.print_json(assess_document(ladder, result))
    else:
        from ..views.assess import render_assessment
        from ..views.terminal import console

        common.print_rich(render_assessment(ladder, result, top, console().width),
                          svg=picture, title="pmladder assess")


# --------------------------------------------------------------------------
# The questions


def _ask(ladder: Ladder, goal: Role | None) -> Profile:
    """Ask for every rating (and the target, unless given); prompts go to stderr."""
    from rich.text import Text

    from ..views.terminal import console, text

    err = console(stderr=True)
    scale = ladder.head.scale
    steps = scale.levels
    competencies = ladder.head.competencies
    err.print(Text.assemble(
        (f"Rate yourself on {len(competencies)} competencies. The ", "bold"),
        text(scale.name, "bold"), (" scale, lowest first:", "bold"),
    ))
    for number, step in enumerate(steps, start=1):
        err.print(Text.assemble(f"  {number}. ", text(step.name, "bold"), " (",
                                text(step.id, "cyan"), "): ", text(step.description)))
    err.print(Text(f"Answer with a number (1-{len(steps)}), a step's id or name; "
                   "leave it blank to skip (none).", style="dim"))
    answers: list[tuple[str, str | None]] = []
    try:
        _ask_ratings(ladder, answers)
    except typer.Abort:
        _keep_partial(ladder, answers, goal)
        raise
    return _ask_target(ladder, answers, goal)


def _keep_partial(ladder: Ladder, answers: list[tuple[str, str | None]],
                  goal: Role | None) -> None:
    """After Ctrl-C or Ctrl-D, save the answers given so far only if the user says so."""
    from ..assess import from_answers

    if not answers:
        return
    common.write_stderr("")
    try:
        keep = typer.confirm(
            f"Interrupted. Keep the {len(answers)} answers given so far in a profile file?",
            default=False, err=True,
        )
        if keep and _save_profile(ladder, from_answers(ladder, answers,
                                                       goal.id if goal else None)):
            common.write_stderr("interrupted; the answers so far were saved")
            raise typer.Exit(130)
    except typer.Abort:
        pass


def _ask_ratings(ladder: Ladder, answers: list[tuple[str, str | None]]) -> None:
    from rich.table import Table
    from rich.text import Text

    from ..assess import parse_answer
    from ..views.terminal import console, text

    err = console(stderr=True)
    steps = ladder.head.scale.levels
    competencies = ladder.head.competencies
    for number, comp in enumerate(competencies, start=1):
        err.print()
        err.print(Text.assemble((f"[{number}/{len(competencies)}] ", "dim"),
                                text(comp.name, "bold")))
        err.print(text(comp.description, "dim"))
        # What each step means for this competency: the answer is a step, so show them.
        described = [(n, step, comp.criteria.get(step.id)) for n, step in enumerate(steps, 1)]
        if any(criterion is not None for _, _, criterion in described):
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True, justify="right")
            grid.add_column()
            for n, step, criterion in described:
                grid.add_row(f"  {n}.", Text.assemble(
                    text(step.name, "bold"), ": ",
                    text(criterion.text if criterion else step.description)))
            err.print(grid)
        while True:
            answer = typer.prompt(f"Your level (1-{len(steps)}, blank to skip)", default="",
                                  show_default=False, err=True)
            try:
                answers.append((comp.id, parse_answer(ladder, answer)))
                break
            except ValueError as exc:
                common.write_stderr(str(exc))


def _ask_target(ladder: Ladder, answers: list[tuple[str, str | None]],
                goal: Role | None) -> Profile:
    from ..assess import from_answers
    from ..errors import AmbiguousRoleError, UnknownRoleError
    from ..lookup import find_role
    from ..views.terminal import console

    err = console(stderr=True)
    target_id = goal.id if goal is not None else None
    while target_id is None:
        err.print()
        answer = typer.prompt("The role you want (id, alias or title; blank for none)",
                              default="", show_default=False, err=True).strip()
        if not answer:
            break
        try:
            target_id = find_role(ladder, answer).id
        except (UnknownRoleError, AmbiguousRoleError) as exc:
            common.write_stderr("\n".join([exc.message, *exc.hints]))
    err.print()
    return from_answers(ladder, answers, target_id)


def _offer_save(ladder: Ladder, profile: Profile) -> None:
    """Offer to save the answers; never overwrite a file without a yes."""
    if not typer.confirm("Save these answers as a profile file?", default=True, err=True):
        common.write_stderr("not saved")
        return
    _save_profile(ladder, profile)


def _save_profile(ladder: Ladder, profile: Profile) -> bool:
    """Ask for a file name and save; whether it was saved."""
    from ..assess import profile_text

    content = profile_text(ladder, profile.ratings, name=profile.name, target=profile.target)
    while True:
        suggested = str(common.free_name(Path(SAVE_DEFAULT)))
        answer = typer.prompt("File to save to", default=suggested, err=True).strip()
        if not answer:
            continue
        path = Path(answer)
        try:
            folder = answer.endswith("/") or path.is_dir()
            exists = path.exists()
        except OSError as exc:  # a name too long, a loop of links...
            common.write_stderr(f"cannot use {answer}: {exc.strerror or exc}")
            continue
        if folder:
            common.write_stderr(f"{answer} is a folder; give a file name, e.g. {SAVE_DEFAULT}")
            continue
        overwrite = False
        if exists:
            overwrite = typer.confirm(f"{answer} exists. Overwrite it?", default=False, err=True)
            if not overwrite:
                if typer.confirm("Save under another name?", default=True, err=True):
                    continue
                common.write_stderr("not saved")
                return False
        from ..textfile import WriteFailed, WriteRefused, write_file

        try:
            write_file(path, content.encode("utf-8"), overwrite=overwrite)
        except WriteRefused as exc:
            if exc.exists:
                common.write_stderr(f"{answer} appeared meanwhile; choose another name")
            else:
                common.write_stderr(f"cannot write {answer}: {exc.message}")
            continue
        except WriteFailed as exc:
            common.write_stderr(f"cannot write {answer}: {exc.message}")
            continue
        common.write_stderr(f"saved {answer}; next time run: pmladder assess {answer}")
        return True


def register(app: typer.Typer) -> None:
    app.command(
        "assess",
        epilog=(
            "Example: pmladder assess --template > me.toml, fill it in, then "
            "pmladder assess me.toml --target senior-pm"
        ),
    )(assess)
