"""Human output of ``pmladder assess``.

The route is drawn by :func:`~.path.render_route` and serialised by
:mod:`~.json_documents` as ``path``'s, so its gaps are exactly those of ``pmladder path``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from functools import partial

from rich import box
from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..assess import MEETS, Assessment, Fit, Standing
from ..index import Ladder
from ..overview import level_label
from ..profile import PROMPTS
from .blocks import Fitted, Heading, source_line, with_criterion
from .path import render_route
from .terminal import text
from .wording import UNRATED

FIT_SUMMARY = (
    "Fit: the share of the scale steps a role asks for that you meet, each competency "
    "capped at what the role asks ('pmladder assess --help' has the rule). Met: the "
    "competencies where you reach what the role asks."
)


def _bar(score: float) -> Text:
    filled = math.floor(score / 10)
    return Text.assemble(("■" * filled, "green"), ("□" * (10 - filled), "dim"),
                         f" {math.floor(score):>3}%")


def _fit_table(fits: Sequence[Fit], target: str | None) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=False, padding=(0, 1))
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Role (id)", no_wrap=True)
    table.add_column("Level", no_wrap=True)
    table.add_column("Fit", no_wrap=True)
    table.add_column("Met", justify="right")
    for number, f in enumerate(fits, start=1):
        role = Text.assemble(text(f.title), "\n", text(f.role, "cyan"))
        if f.role == target:
            role.append("\n(your target)", style="yellow")
        table.add_row(
            str(number),
            role,
            text(level_label(f.level, f.level_name)),
            _bar(f.score),
            f"{f.competencies_met} of {f.competencies_rated}",
        )
    return table


COMPACT_WIDTH = 60
"""Below this many columns, tables become lists that wrap well."""


def _fit_list(fits: Sequence[Fit], target: str | None) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for number, f in enumerate(fits, start=1):
        line = Text.assemble(text(f.title, "bold"), " (", text(f.role, "cyan"), "), ",
                             text(level_label(f.level, f.level_name)), ": ",
                             (f"{math.floor(f.score)}%", "green"),
                             f", {f.competencies_met} of {f.competencies_rated} met")
        if f.role == target:
            line.append(" (your target)", style="yellow")
        grid.add_row(f"{number}.", line)
    return grid


def _standing_stacked(items: Sequence[Standing], style: str) -> Group:
    return Group(_standing_list(items, style), Text())


def _standing_list(items: Sequence[Standing], style: str, *, criteria: bool = False) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for s in items:
        line = Text.assemble(text(s.name), ": you ", text(s.yours_name or "none"))
        if s.difference is not None:
            line.append_text(Text.assemble(
                ", target ", text(s.required_name or ""),
                (f" ({distance(s.difference)})" if s.difference else "", style),
            ))
        grid.add_row(" •", with_criterion(line, s.criterion if criteria else None))
    return grid


def distance(difference: int) -> str:
    """``-1`` -> ``1 step below``; ``2`` -> ``2 steps above``; ``0`` -> ``at it``."""
    if not difference:
        return "at it"
    count = abs(difference)
    return f"{count} step{'s' if count != 1 else ''} {'below' if difference < 0 else 'above'}"


def _level(name: str | None, rank: int, empty: str) -> Text:
    if name is None:
        return Text(empty, style="dim")
    return Text.assemble(text(name), (f" ({rank})", "dim"))


def _standing_table(items: Sequence[Standing], style: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=False, padding=(0, 1))
    table.add_column("Competency", no_wrap=True)
    table.add_column("You", no_wrap=True)
    table.add_column("Target asks", no_wrap=True)
    table.add_column("Distance", no_wrap=True)
    for s in items:
        table.add_row(
            text(s.name),
            _level(s.yours_name, s.yours_rank, "none"),
            _level(s.required_name, s.required_rank, ""),
            Text(distance(s.difference or 0), style=style),
        )
    return table


def _route_intro(ladder: Ladder, result: Assessment) -> Text:
    """Where the route to the target starts, and why there."""
    assert result.start is not None
    assert result.target is not None
    intro = _RouteIntro(ladder, result)
    if result.start_reason == "highest-met":
        return intro.already_met() if result.start == result.target else intro.highest_met()
    if result.start_reason == "target-is-best-fit":
        return intro.target_is_best_fit()
    if result.start_reason == "target":
        return intro.better_fits_lead_elsewhere()
    if result.start_reason == "next-best-fit":
        return intro.next_best_fit()
    return intro.best_fit()


class _RouteIntro:
    """The sentence that opens the route, one method per reason it starts where it does."""

    def __init__(self, ladder: Ladder, result: Assessment) -> None:
        assert result.start is not None
        assert result.target is not None
        self.ladder = ladder
        self.result = result
        self.target = text(ladder.roles[result.target].title, "bold")
        self.start = text(ladder.roles[result.start].title, "bold")
        score = next((f for f in result.fits if f.role == result.start), None)
        #: The start's fit in brackets, when it has one.
        self.at = f" (fit {math.floor(score.score)}%)" if score else ""
        #: Whether the person meets everything the start role asks.
        self.full = score is not None and score.met_steps == score.required_steps
        passed = result.passed_over
        self.passed = ", ".join(passed[:6]) + (" ..." if len(passed) > 6 else "")
        self.many = len(passed) > 1

    def already_met(self) -> Text:
        return Text.assemble(
            "You already meet ", self.target,
            f"{self.at}: there is no route to walk"
            + (", and nothing it asks is left to grow." if self.full else
               "; the competencies below the target are what is left to grow."))

    def highest_met(self) -> Text:
        return Text.assemble(
            "You meet ", self.start,
            f"{self.at}, the most senior role you meet (fit {MEETS:g}% or more) that leads to ",
            self.target,
            ". The route starts there; each step's gap is measured from your level: "
            "your own rating, or what an earlier step asked if that is higher. What "
            "you already meet is listed as met:")

    def target_is_best_fit(self) -> Text:
        return Text.assemble(
            self.target, " is your best fit already",
            ": you meet everything it asks." if self.full else
            f"{self.at}: grow the competencies below the target to meet it fully.")

    def better_fits_lead_elsewhere(self) -> Text:
        return Text.assemble(
            "The roles that rank above " if self.many else "The role that ranks above ",
            self.target, " in your fits ", (f"({self.passed}) ", "cyan"),
            "have" if self.many else "has", " no route to it, so there is no route to show",
            ": you already meet everything it asks." if self.full else
            f"{self.at}; the competencies below the target are what to close.")

    def next_best_fit(self) -> Text:
        if self.many:
            best = Text.assemble("The roles that fit you best ", (f"({self.passed}) ", "cyan"))
        else:
            title = self.ladder.roles[self.result.passed_over[0]].title
            best = Text.assemble("Your best fit, ", text(title, "bold"), ", ")
        return Text.assemble(
            best, ("have" if self.many else "has") + " no route to ", self.target,
            "; the route starts from ", self.start,
            f"{self.at}, the best-fitting role that has one:")

    def best_fit(self) -> Text:
        return Text.assemble(
            "The route from your best fit, ", self.start, f"{self.at}, to ", self.target,
            ", with the gap at each step measured from your level: your own "
            "rating, or what an earlier step asked if that is higher:")


def render_assessment(
    ladder: Ladder, result: Assessment, top: int, width: int | None = None
) -> Iterator[RenderableType]:
    """The assessment as Rich renderables: fits, the target comparison, the route.

    Below :data:`COMPACT_WIDTH` columns, the fits and the comparison are lists.
    """
    compact = width is not None and width < COMPACT_WIDTH
    line = source_line(ladder)
    if line is not None:
        yield line
    profile = result.profile
    who = profile.name or ("your answers" if profile.file == PROMPTS else profile.file)
    title = text(f"Self-assessment: {who}", "bold")
    yield title if compact else Heading(title)
    count = profile.rated_count
    total = len(profile.ratings)
    yield Text(f"Rated {count} of {total} competencies"
               + (f" ({total - count} marked none)." if count < total else "."))
    yield Text()
    yield from _fits(result, top, compact)
    if result.comparison is None:
        yield Text()
        yield Text("Add --target ROLE (or target = \"ROLE\" in the profile) to see where you "
                   "stand against the role you want and the route to it.", style="dim")
        return
    yield Text()
    yield from _against_target(result, compact)
    yield from _route(ladder, result, line)


def _fits(result: Assessment, top: int, compact: bool) -> Iterator[RenderableType]:
    """The best-fitting roles, or why none can be scored."""
    shown = result.fits[:top]
    if not result.profile.rated_count:
        # Every role would score 0%: a ranking would only be catalogue order.
        yield Text("You rated no competency, so no role can be scored yet: write a step of "
                   "the scale for the competencies you have and run assess again.",
                   style="yellow")
        shown = ()
    else:
        yield Text("Roles that fit you best now", style="bold")
        yield (_fit_list(shown, result.target) if compact else
               Fitted(_fit_table(shown, result.target), partial(_fit_list, shown, result.target),
                      {1: max((max(len(f.title), len(f.role)) for f in shown), default=0)}))
    if shown and len(result.fits) > len(shown):
        more = len(result.fits) - len(shown)
        yield Text(f"... and {more} more role{'s' if more != 1 else ''} "
                   "(--top N shows more).", style="dim")
    if result.unscored:
        yield Text.assemble(("Not scored, as they rate no competency: ", "dim"),
                            text(", ".join(result.unscored), "dim"))
    if result.profile.rated_count:
        yield Text(FIT_SUMMARY, style="dim")


def _against_target(result: Assessment, compact: bool) -> Iterator[RenderableType]:
    """The competencies below, at and above the target (and those it does not rate)."""
    comparison = result.comparison
    assert comparison is not None
    head = Text.assemble(("Against the target: ", "bold"), text(comparison.target_title, "bold"),
                         " (", text(comparison.target, "cyan"), ")")
    if comparison.fit is not None:
        head.append(f", fit {math.floor(comparison.fit.score)}%")
    if result.target_origin == "profile":
        head.append(" (from the profile)", style="dim")
    yield head if compact else Heading(head)
    groups: tuple[tuple[str, tuple[Standing, ...], str], ...] = (
        (f"Below the target: grow these ({len(comparison.below)})", comparison.below, "red"),
        (f"At the target ({len(comparison.at)})", comparison.at, "green"),
        (f"Above the target ({len(comparison.above)})", comparison.above, "cyan"),
    )
    if comparison.unrated:
        groups += ((f"Not rated by the target ({len(comparison.unrated)}): what it needs "
                    "there is unknown", comparison.unrated, "dim"),)
    if not comparison.rated:
        yield Text(f"{UNRATED.capitalize()}: what it asks is unknown, so there is nothing "
                   "to compare your ratings with.", style="dim")
        yield Text()
        groups = ()
    for label, items, style in groups:
        yield Text(label, style="bold")
        # Below the target, what each step to reach asks is the to-do list: a list
        # (as path shows its rises) leaves the criteria room.
        criteria = items is comparison.below and any(s.criterion for s in items)
        if items and (compact or criteria):
            yield _standing_list(items, style, criteria=criteria)
            yield Text()
        elif items and items is comparison.unrated:
            yield _standing_list(items, style)
            yield Text()
        elif items:
            yield Fitted(_standing_table(items, style),
                         partial(_standing_stacked, items, style),
                         {0: max(len(s.name) for s in items)})
        else:
            yield Text("  none", style="dim")
            yield Text()


def _route(ladder: Ladder, result: Assessment, line: Text | None) -> Iterator[RenderableType]:
    """The route to the target, measured from the person; ``line`` names the catalogue
    once already, so the route does not repeat it."""
    assert result.route is not None
    yield Rule(Text("Route to the target", style="bold"), align="left")
    yield _route_intro(ladder, result)
    if result.route.steps:
        yield Text()
        parts = list(render_route(ladder, result.route, person=True))
        if line is not None and parts and isinstance(parts[0], Text) and \
                parts[0].plain == line.plain:
            parts = parts[1:]
        yield from parts
