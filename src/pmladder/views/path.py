"""``pmladder path`` (and assess's route): the route's summary, then each step's gap."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich import box
from rich.console import Console, ConsoleOptions, RenderableType
from rich.table import Table
from rich.text import Text

from ..gaps import Change, Fall, FieldChange, Route, Step
from ..index import Ladder
from .blocks import (
    NARROW,
    Heading,
    Labelled,
    Packed,
    bulleted,
    bullets,
    estimate_note,
    grid,
    heading,
    moves_legend,
    notation,
    source_line,
    towards,
    with_criterion,
)
from .terminal import text
from .wording import (
    ESTIMATE,
    ESTIMATE_MARK,
    UNRATED,
    basis_text,
    estimated,
    marked,
    route_time,
    years,
)


class _Changes:
    """Competencies that rise or are new: a table, or one line each on a narrow terminal."""

    def __init__(
        self, rising: Sequence[Change], new: Sequence[Change], *, criteria: bool = True,
        person: bool = False,
    ) -> None:
        self.rising = rising
        self.new = new
        #: Whether to show what each step rises to asks.
        self.criteria = criteria
        #: Whether the rises start from a person's level (assess) rather than a role's.
        self.person = person

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[RenderableType]:
        rows = [(c, _before(c, person=self.person)) for c in self.rising]
        rows += [(c, Text("none (you)" if self.person else "new", style="yellow"))
                 for c in self.new]
        asks = {c.competency: c.criterion for c, _ in rows if self.criteria}
        described = any(criterion is not None for criterion in asks.values())
        # With criteria, a list reads as a to-do list and leaves the criteria room.
        if options.max_width < NARROW or described:
            yield bulleted(
                with_criterion(Text.assemble(text(change.name), ": ", before, " → ",
                                             text(change.after_name, "green")),
                               asks.get(change.competency))
                for change, before in rows
            )
            if described:
                yield Text()  # the criteria make a block; set it off as the table was
            return
        table = Table(box=box.SIMPLE_HEAD, expand=False, padding=(0, 1), show_edge=False)
        table.add_column("Competency")
        table.add_column("From", no_wrap=True)
        table.add_column("", no_wrap=True)
        table.add_column("To", no_wrap=True)
        for change, before in rows:
            table.add_row(text(change.name), before, "→", text(change.after_name, "green"))
        yield table


def _before(change: Change, *, person: bool = False) -> Text:
    """The rating a rise starts from, naming the earlier role when it is carried over
    (with ``person``, marking the person's own rating as theirs)."""
    shown = text(change.before_name)
    if change.via is not None:
        shown.append(" (as ", style="dim")
        shown.append_text(text(change.via, "dim"))
        shown.append(")", style="dim")
    elif person:
        shown.append(" (you)", style="dim")
    return shown


def _falls(
    falling: Sequence[Fall], unrated: Sequence[Fall], target: str, *, person: bool = False
) -> Iterator[Text]:
    """What the next role asks less of, quieter than what it asks more of; with
    ``person``, less than the person's level, which ``before`` then is."""
    def was(f: Fall) -> str:
        if not person:
            return f"was {f.before_name}"
        return f"{f.before_name} as {f.via}" if f.via else f"yours {f.before_name}"

    for f in falling:
        line = Text("asks less than your level: " if person else "asks less: ", style="dim")
        line.append_text(text(f"{f.name} {f.before_name}", "dim"))
        if person:
            line.append_text(text(f" (as {f.via})" if f.via else " (you)", "dim"))
        line.append_text(text(f" → {f.after_name}", "dim"))
        if f.expected:
            line.append(" (intended; see the move's note)", style="dim")
        yield line
    if unrated:
        line = Text("not rated by ", style="dim")
        line.append_text(text(target, "dim"))
        line.append(": ", style="dim")
        line.append_text(text(", ".join(f"{f.name} ({was(f)})" for f in unrated),
                              "dim"))
        if all(f.expected for f in unrated):
            line.append(" (intended; see the move's note)", style="dim")
        yield line


def _step(step: Step, *, person: bool = False) -> Iterator[RenderableType]:
    # "to", not an arrow: → is the lateral move's arrow, as compare's routes say.
    head = Text.assemble(
        (f"Step {step.number}: ", "bold"),
        text(step.source_title, "bold"),
        (" to ", "bold"),
        text(step.target_title, "bold"),
    )
    yield Heading(head, Packed([Text(f"Step {step.number}:", style="bold"),
                                text(step.source_title, "bold"),
                                Text.assemble(("to ", "bold"), text(step.target_title, "bold"))]))
    detail = Text.assemble(("Move: ", "bold"), notation(step.kind, step.basis))
    if step.typical_years is not None:
        detail.append(", typically after "
                      + marked(f"{years(step.typical_years)} in role", step.typical_years_basis))
    else:
        detail.append(", typical time unknown")
    yield detail
    if step.note:
        yield text(step.note, "dim")
    if step.basis is not None:
        yield text("Basis of the move: " + basis_text(step.basis), "dim")
    if step.typical_years is not None and step.typical_years_basis is not None:
        yield text("Basis of the time: " + basis_text(step.typical_years_basis), "dim")
    gap = step.gap
    if not gap.rated:
        yield Text.assemble((f"{UNRATED.capitalize()} (", "dim"), text(step.target_title, "dim"),
                            ("): what it asks is unknown.", "dim"))
    elif gap.rising or gap.new:
        yield heading("Competencies to grow")
        yield _Changes(gap.rising, gap.new, person=person)
    elif gap.met:
        yield Text("You already meet every competency this step asks.", style="green")
    else:
        yield Text("No competency needs to rise for this move.", style="dim")
    if gap.met:
        # A self-assessment: what the person's level already covers.
        met = ", ".join(
            f"{c.name} ({f'{c.before_name} as {c.via}' if c.via else f'yours {c.before_name}'}"
            f", asks {c.after_name})" for c in gap.met)
        yield Labelled("Already met", met)
    yield from _falls(gap.falling, gap.unrated, step.target_title, person=person)
    if gap.responsibilities_added:
        yield heading("Responsibilities added")
        yield bullets(gap.responsibilities_added)
    if gap.frameworks_added:
        yield Labelled("Frameworks added", ", ".join(gap.frameworks_added))
    yield from _background(gap.education, gap.experience, gap.experience_years,
                           estimated(gap.experience_years_basis),
                           estimated(gap.experience_years_before_basis))
    yield Text()


def _from_to(label: str, before: Text, after: Text) -> Iterator[RenderableType]:
    """A change of text as a heading, then ``from`` and ``to`` on lines of their own."""
    yield heading(label)
    sides = grid(label_style="dim")
    sides.add_row("  from", before)
    sides.add_row("  to", after)
    yield sides


def _background(
    education: FieldChange | None,
    experience: FieldChange | None,
    experience_years: tuple[float | None, float | None] | None,
    estimate: bool = False,
    estimate_before: bool = False,
) -> Iterator[RenderableType]:
    """Education and experience that change, each as ``from`` / ``to`` lines; with
    ``estimate`` (``estimate_before``), the figure the person moves to (from) is marked
    as the catalogue's estimate."""
    none = "none stated"
    if education is not None:
        yield from _from_to("Education", text(education.before or none),
                            text(education.after or none))
    if experience is None and experience_years is None:
        return
    texts = (experience.before, experience.after) if experience is not None else ("", "")
    sides: list[Text] = []
    for i, words in enumerate(texts):
        side = text(words) if experience is not None else Text()
        figure = experience_years[i] if experience_years is not None else None
        if figure is not None:
            shown = f"typically {figure:g}+ years" if figure else "no experience expected"
            shown += f", {ESTIMATE}" if (estimate_before, estimate)[i] else ""
            side.append(f"{' ' if side.plain else ''}({shown})", style="dim")
        elif experience_years is not None:
            side.append(f"{' ' if side.plain else ''}(years not stated)", style="dim")
        elif not side.plain:
            side = Text(none, style="dim")
        sides.append(side)
    yield from _from_to("Experience", sides[0], sides[1])


def _chain(route: Route) -> Packed:
    """``apm ↑ pm ↑ senior-pm``, wrapped between moves, never inside one."""
    pieces = [text(route.source, "cyan")]
    for step in route.steps:
        pieces.append(towards(step.kind, step.target))
    return Packed(pieces)


def _route_summary(
    ladder: Ladder, route: Route, overall: bool, person: bool = False
) -> Iterator[RenderableType]:
    """The answer: where the route goes, how long it is and, with ``overall``,
    what grows along it (a one-step route shows that in its step, just below)."""
    count = len(route.steps)
    length = f"{count} step{'s' if count != 1 else ''}, "
    if route.typical_years is None:
        length += "typical time " + _unknown_years(route)
    else:
        length += route_time(route.typical_years, route.years_estimated)
    summary = grid(label_style="bold")
    summary.add_row("Route:", Packed([text(route.source_title, "bold"),
                                      Text.assemble(("to ", "bold"),
                                                    text(route.target_title, "bold")),
                                      Text(f"({length})")]))
    summary.add_row("", _chain(route))
    arrival = _arrival(ladder, route)
    if arrival is not None:
        summary.add_row("", arrival)
    yield summary
    if not overall:
        return
    yield Text()
    if route.overall:
        yield heading("Competencies to grow overall")
        # The steps below say what each rise asks; the summary stays short.
        yield _Changes(
            [c for c in route.overall if c.before is not None],
            [c for c in route.overall if c.before is None],
            criteria=False,
            person=person,
        )
    if not route.target_rated:
        # What the last role asks is unknown, which is not the same as nothing.
        rest = "beyond these " if route.overall else "overall "
        yield Text.assemble((f"{UNRATED.capitalize()} (", "dim"), text(route.target_title, "dim"),
                            (f"): what the route asks {rest}is unknown.", "dim"))
    elif not route.overall:
        yield Text("No competency needs to rise along this route.", style="dim")
    if route.frameworks_gained:
        yield Labelled("Frameworks gained", ", ".join(route.frameworks_gained))


def _arrival(ladder: Ladder, route: Route) -> Text | None:
    """Why the route's time is not the difference of its ends' experience figures,
    when it is not: sideways moves add years the next role does not ask for."""
    source, target = ladder.roles[route.source], ladder.roles[route.target]
    brings, asks = route.experience_years_on_arrival, target.experience_years
    if brings is None or asks is None or source.experience_years is None:
        return None
    if abs(brings - asks) < 1e-9:  # 0.1 + 0.2 years make 0.3, as on paper
        return None
    start = f"{source.experience_years:g}+ years"
    start += f" {ESTIMATE_MARK}" if estimated(source.experience_years_basis) else ""
    end = f"{asks:g}+" + (f", {ESTIMATE}" if estimated(target.experience_years_basis) else "")
    line = Text.assemble(("Experience: ", "bold"), text(source.title), f" asks {start}; ")
    line.append(f"{source.experience_years:g} years plus the route's "
                f"{route.typical_years_stated:g} make {brings:g}, ")
    if brings > asks:
        line.append("more than ")
        line.append_text(text(target.title))
        line.append(f" asks ({end}): sideways moves need not add up.")
    else:
        line.append("fewer than ")
        line.append_text(text(target.title))
        line.append(f" asks ({end}): the catalogue's figures disagree "
                    "(see `pmladder validate`).")
    line.stylize("dim", len("Experience: "))
    return line


def render_route(
    ladder: Ladder, route: Route, *, brief: bool = False, person: bool = False
) -> Iterator[RenderableType]:
    """The route: its summary first (all of it with ``brief``), then each step; with
    ``person`` (assess), its gaps are measured from a person's level, not a role's."""
    line = source_line(ladder)
    if line is not None:
        yield line
    if not route.steps:
        yield Text.assemble(text(route.source_title, "bold"), " and ",
                            text(route.target_title, "bold"),
                            " are the same role: there is nothing to close.")
        return
    yield from _route_summary(ladder, route, brief or len(route.steps) > 1, person)
    if brief:
        yield Text()
        yield moves_legend()
        if route.years_estimated:
            yield estimate_note()
        return
    yield Text()
    for step in route.steps:
        yield from _step(step, person=person)
    yield moves_legend()
    if route.years_estimated or any(
        estimated(s.basis) or estimated(s.gap.experience_years_basis) for s in route.steps
    ):
        yield estimate_note()


def _unknown_years(route: Route) -> str:
    """``unknown``, and what is known, when a move on the route states no time."""
    mark = f" {ESTIMATE_MARK}" if route.years_estimated else ""
    if not route.typical_years_stated:
        return "unknown: no move on the route states one"
    return (f"unknown: some moves state none; the others add up to "
            f"{years(route.typical_years_stated)}{mark}")
