"""Every id a role or a claim names is defined: tracks, levels, competencies, ratings, sources.

A claim is a ``basis`` (the sources behind a figure) or a move's
``asks_less`` (the competencies the next role may ask less of).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..locate import Loc
from ..models import Catalog
from .did_you_mean import Closest, closest
from .facts import Facts, Raw, RoleToCheck
from .identities import KnownIds
from .problems import Findings
from .pydantic_messages import in_ratings_message, role_field_in_ratings

Claim = tuple[Loc, str | None, str, list[tuple[int, str]]]
"""(where the list is, role id, "source" or "competency", the ids in it)."""


def check_role_references(role: RoleToCheck, facts: Facts, known: KnownIds,
                          found: Findings, suggest: Closest) -> None:
    """The role's track, level, rated competencies, ratings and sources are all defined."""
    here: Loc = ("roles", role.index)
    if role.track is not None and known.tracks is not None and role.track not in known.tracks:
        found.add((*here, "track"),
                  f"track {role.track!r} is not defined{suggest(role.track, known.tracks)}; "
                  "add it under [[tracks]] or fix the id", role.id)
    ranks = known.level_ranks
    if role.level is not None and ranks is not None and role.level not in ranks:
        shown = ", ".join(str(r) for r in sorted(ranks))
        found.add((*here, "level"),
                  f"level {role.level} is not defined; the [[levels]] ranks are {shown}", role.id)
    for comp, rating in role.competencies:
        loc: Loc = (*here, "competencies", comp)
        if comp not in (known.competencies or ()) and role_field_in_ratings(loc):
            if rating is not None:  # else pydantic has said so already
                found.add(loc, in_ratings_message(comp), role.id)
            continue
        if known.competencies is not None and comp not in known.competencies:
            found.add(loc, f"competency {comp!r} is not defined"
                      f"{suggest(comp, known.competencies)}; add it under [[competencies]] "
                      "or fix the name", role.id)
        if rating is not None and known.scale is not None and rating not in known.scale:
            steps = ", ".join(s for _, s in facts.scale or ())
            found.add(loc, f"rating {rating!r} is not on the {facts.scale_name} scale"
                      f"{suggest(rating, known.scale)}; use one of: {steps}", role.id)
    if known.sources is not None:
        for k, src in role.sources:
            if src not in known.sources:
                found.add((*here, "sources", k),
                          f"source {src!r} is not defined{suggest(src, known.sources)}; "
                          "add it under [[sources]] or fix the id", role.id)


def claim_ids_of_raw(raw: Raw) -> Iterator[Claim]:
    """The ids a catalogue's claims refer to, read from data that did not validate."""
    for i in range(raw.count(("roles",))):
        here: Loc = ("roles", i)
        role = raw.text((*here, "id"))
        loc: Loc = (*here, "experience_years_basis", "sources")
        yield loc, role, "source", raw.texts(loc)
        for j in range(raw.count((*here, "moves"))):
            move: Loc = (*here, "moves", j)
            for key in ("basis", "typical_years_basis"):
                loc = (*move, key, "sources")
                yield loc, role, "source", raw.texts(loc)
            loc = (*move, "asks_less")
            yield loc, role, "competency", raw.texts(loc)


def claim_ids_of(catalog: Catalog) -> Iterator[Claim]:
    """The ids a valid catalogue's claims refer to, read from its models."""
    for i, role in enumerate(catalog.roles):
        here: Loc = ("roles", i)
        if role.experience_years_basis is not None and role.experience_years_basis.sources:
            yield ((*here, "experience_years_basis", "sources"), role.id, "source",
                   list(enumerate(role.experience_years_basis.sources)))
        for j, move in enumerate(role.moves):
            for key, basis in (("basis", move.basis),
                               ("typical_years_basis", move.typical_years_basis)):
                if basis is not None and basis.sources:
                    yield ((*here, "moves", j, key, "sources"), role.id, "source",
                           list(enumerate(basis.sources)))
            if move.asks_less:
                yield ((*here, "moves", j, "asks_less"), role.id, "competency",
                       list(enumerate(move.asks_less)))


def check_claims(claims: Iterable[Claim], known: KnownIds, found: Findings) -> None:
    """The source ids in every ``basis`` and the competency ids in every ``asks_less``."""
    ids_of = {"source": known.sources, "competency": known.competencies}
    under = {"source": "[[sources]]", "competency": "[[competencies]]"}
    for loc, role, kind, values in claims:
        ids = ids_of[kind]
        if ids is None:
            continue
        for k, value in values:
            if value not in ids:
                found.add((*loc, k), f"{kind} {value!r} is not defined{closest(value, ids)}; "
                          f"add it under {under[kind]} or fix the id", role)
