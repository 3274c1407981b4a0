"""The questions of ``pmladder assess --interactive``: every rating, the target, and
whether (and where) to save the answers as a profile file.

Prompts and explanations go to standard error, so standard output holds only
the results.  Imported only when ``--interactive`` is given, so it may load
Rich and the core at the top.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table
from rich.text import Text

from ..errors import AmbiguousRoleError, UnknownRoleError
from ..index import Ladder
from ..lookup import find_role
from ..models import Role
from ..profile import Profile
from ..profile_form import from_answers, parse_answer, profile_text
from ..textfile import WriteFailed, WriteRefused, write_file
from ..views.terminal import console, text
from . import files, messages

SAVE_DEFAULT = "profile.toml"


def ask(ladder: Ladder, goal: Role | None) -> Profile:
    """Ask for every rating (and the target, unless given); prompts go to stderr."""
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
    if not answers:
        return
    messages.write_stderr("")
    try:
        keep = typer.confirm(
            f"Interrupted. Keep the {len(answers)} answers given so far in a profile file?",
            default=False, err=True,
        )
        if keep and _save_profile(ladder, from_answers(ladder, answers,
                                                       goal.id if goal else None)):
            messages.write_stderr("interrupted; the answers so far were saved")
            raise typer.Exit(130)
    except typer.Abort:
        pass


def _ask_ratings(ladder: Ladder, answers: list[tuple[str, str | None]]) -> None:
    """Ask for each competency's rating in turn, adding each answer to ``answers``
    as it is given (so an interruption can keep them)."""
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
                messages.write_stderr(str(exc))


def _ask_target(ladder: Ladder, answers: list[tuple[str, str | None]],
                goal: Role | None) -> Profile:
    """The profile of ``answers``, with ``goal`` or the role asked for as its target."""
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
            messages.write_stderr("\n".join([exc.message, *exc.hints]))
    err.print()
    return from_answers(ladder, answers, target_id)


def offer_save(ladder: Ladder, profile: Profile) -> None:
    """Offer to save the answers; never overwrite a file without a yes."""
    if not typer.confirm("Save these answers as a profile file?", default=True, err=True):
        messages.write_stderr("not saved")
        return
    _save_profile(ladder, profile)


def _save_profile(ladder: Ladder, profile: Profile) -> bool:
    """Ask for a file name and save; whether it was saved."""
    content = profile_text(ladder, profile.ratings, name=profile.name, target=profile.target)
    while True:
        suggested = str(files.free_name(Path(SAVE_DEFAULT)))
        answer = typer.prompt("File to save to", default=suggested, err=True).strip()
        if not answer:
            continue
        path = Path(answer)
        try:
            folder = answer.endswith("/") or path.is_dir()
            exists = path.exists()
        except OSError as exc:  # a name too long, a loop of links...
            messages.write_stderr(f"cannot use {answer}: {exc.strerror or exc}")
            continue
        if folder:
            messages.write_stderr(f"{answer} is a folder; give a file name, e.g. {SAVE_DEFAULT}")
            continue
        overwrite = False
        if exists:
            overwrite = typer.confirm(f"{answer} exists. Overwrite it?", default=False, err=True)
            if not overwrite:
                if typer.confirm("Save under another name?", default=True, err=True):
                    continue
                messages.write_stderr("not saved")
                return False
        try:
            write_file(path, content.encode("utf-8"), overwrite=overwrite)
        except WriteRefused as exc:
            if exc.exists:
                messages.write_stderr(f"{answer} appeared meanwhile; choose another name")
            else:
                messages.write_stderr(f"cannot write {answer}: {exc.message}")
            continue
        except WriteFailed as exc:
            messages.write_stderr(f"cannot write {answer}: {exc.message}")
            continue
        messages.write_stderr(f"saved {answer}; next time run: pmladder assess {answer}")
        return True
