"""Self-assessment: score how well each role fits a profile, compare the person
with a target role, and find the route to it from where they stand.

The fit score (see :data:`FIT_RULE`) is the share of the scale steps a role
asks for that the person meets, capped per competency.  Reading and checking
a profile is :mod:`pmladder.profile`'s job.

Pure functions: no Typer, no Rich, no terminal I/O.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from .errors import NotFoundError
from .gaps import Change, Fall, Route, Step, route
from .index import Ladder
from .models import Criterion, Role
from .profile import Profile
from .ratings import ratings as role_ratings
from .routes import reachable

FIT_RULE = (
    "each competency a role rates asks for k steps of the scale (k = the position of "
    "the required step, 1 = lowest); you meet min(your step, k) of them (none = 0). "
    "Fit = steps met / steps asked, over every competency the role rates, as a "
    "percentage. Being above what a role asks does not raise its fit. Ties go to the "
    "higher level, then to catalogue order"
)
"""The fit score in words, for help text, JSON and docs."""


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
class AgainstTarget:
    """Where a person stands against a target role, competency by competency.

    (Not :class:`pmladder.compare.RoleComparison`, which sets roles side by side.)"""

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


def against_target(
    ladder: Ladder, ratings: Mapping[str, str | None], target: Role
) -> AgainstTarget:
    """Split the competencies into above, at and below ``target``, in catalogue order.

    A competency the target does not rate goes to ``unrated`` (its need is
    unknown, not zero), or is left out when the person does not rate it either. A
    target that rates no competency at all gets no groups: nothing is known to compare.
    """
    if not target.competencies:
        return AgainstTarget(target.id, target.title, None, (), (), (), rated=False)
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
    return AgainstTarget(
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
    comparison: AgainstTarget | None
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
    start_id, reason, passed = _route_start(ladder, scored, target)
    return Assessment(
        profile=profile,
        fits=tuple(scored),
        unscored=tuple(unscored),
        target=target.id,
        target_origin=origin,
        comparison=against_target(ladder, profile.ratings, target),
        start=start_id,
        start_reason=reason,
        passed_over=passed,
        route=personal(ladder, route(ladder, ladder.roles[start_id], target),
                       profile.ratings),
    )


def _route_start(
    ladder: Ladder, scored: Sequence[Fit], target: Role
) -> tuple[str, StartReason, tuple[str, ...]]:
    """Where the route to ``target`` starts, why, and the better fits passed over
    (see :attr:`Assessment.start_reason`)."""
    reaches = reachable(ladder, target.id, backwards=True)
    met = [f for f in scored if f.role in reaches and f.score >= MEETS]
    if met:
        # Where the person stands: the most senior role they meet that leads on.
        best = max(met, key=lambda f: (f.level, f.score, -ladder.order[f.role]))
        return best.role, "highest-met", ()
    passed: list[str] = []
    start = target.id
    for candidate in scored:
        if candidate.role in reaches:
            start = candidate.role
            break
        passed.append(candidate.role)
    reason: StartReason
    if start == target.id:
        reason = "target" if passed else "target-is-best-fit"
    else:
        reason = "next-best-fit" if passed else "best-fit"
    return start, reason, tuple(passed)


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
    own = ranks(ladder, ratings)
    levels = _RunningLevel(ladder, own)
    steps = tuple(levels.walk(step) for step in path.steps)
    overall: list[Change] = []
    for comp, comp_name in ladder.competency_names.items():
        start = own.get(comp, 0)
        end, _ = levels.level[comp]
        if end > start:
            before, before_name = levels.step_at(start)
            after = ladder.head.scale.levels[end - 1]
            overall.append(Change(comp, comp_name, before, before_name, after.id, after.name,
                                  end - start, ladder.criterion(comp, after.id)))
    return path._replace(steps=steps, overall=tuple(overall))


class _RunningLevel:
    """A person's level in each competency as they walk a route: their own rating,
    raised by what each step requires."""

    def __init__(self, ladder: Ladder, own: Mapping[str, int]) -> None:
        self.ladder = ladder
        self.scale = ladder.head.scale.levels
        #: Competency id -> (rank, id of the role that required it; None for the person's own).
        self.level: dict[str, tuple[int, str | None]] = {
            c: (own.get(c, 0), None) for c in ladder.competency_names
        }

    def step_at(self, rank: int) -> tuple[str | None, str | None]:
        """The (id, name) of the scale step at ``rank``; ``(None, None)`` for none."""
        return (self.scale[rank - 1].id, self.scale[rank - 1].name) if rank else (None, None)

    def above(self, fall: Fall) -> Fall | None:
        """``fall`` measured from the person, or ``None`` when they have no more than
        the next role asks (then it is a rise or already met, not a fall)."""
        have, via = self.level[fall.competency]
        need = self.ladder.scale_rank[fall.after] + 1 if fall.after is not None else 0
        if have <= need:
            return None
        step = self.scale[have - 1]
        return fall._replace(before=step.id, before_name=step.name, via=via)

    def walk(self, step: Step) -> Step:
        """``step`` measured from the current level, which then rises to what it asks."""
        ladder = self.ladder
        changed = {c.competency for c in step.gap.rising + step.gap.new}
        grow: list[Change] = []
        done: list[Change] = []
        for r in role_ratings(ladder, ladder.roles[step.target]):
            have, via = self.level[r.competency]
            if r.rank <= have and r.competency not in changed:
                continue
            before, before_name = self.step_at(have)
            change = Change(r.competency, r.name, before, before_name, r.level, r.level_name,
                            r.rank - have, r.criterion, via)
            (done if r.rank <= have else grow).append(change)
        falling = tuple(f for f in map(self.above, step.gap.falling) if f is not None)
        unrated = tuple(f for f in map(self.above, step.gap.unrated) if f is not None)
        for change in grow:
            self.level[change.competency] = (ladder.scale_rank[change.after] + 1, step.target)
        gap = step.gap._replace(
            rising=tuple(c for c in grow if c.before is not None),
            new=tuple(c for c in grow if c.before is None),
            falling=falling,
            unrated=unrated,
            met=tuple(done),
        )
        return step._replace(gap=gap)
