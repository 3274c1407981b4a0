"""Validate a parsed catalogue completely: sizes, shape, cross-checks, each problem at its line.

Every problem is collected, so ``pmladder validate`` can report them all at
once.  When pydantic rejects part of the shape, the cross-checks still run on
every part that has a valid shape, so one typo hides nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from ..errors import CatalogError, Problem
from ..models import Catalog
from .criteria import check_criteria
from .did_you_mean import Closest
from .facts import Facts, Raw
from .figures_along_moves import warn_contradictions
from .identities import check_role_names, known_ids, role_ids
from .moves import check_moves, warn_unreachable
from .problems import Findings, with_lines
from .pydantic_messages import located_problem
from .references import (
    Claim,
    check_claims,
    check_role_references,
    claim_ids_of,
    claim_ids_of_raw,
)
from .sizes import oversized


def validate_data(
    data: Mapping[str, Any], label: str, text: str | None = None, fmt: str = "toml"
) -> tuple[Catalog, list[Problem]]:
    """Validate parsed TOML (or JSON) as a catalogue; return it with its warnings.

    Raise :class:`CatalogError` carrying every problem when it is invalid:
    the shape problems pydantic finds and the cross-checks of every part that
    has a valid shape, each with its line when ``text`` is given.
    """
    too_big = list(oversized(data))
    if too_big:
        raise CatalogError(label, with_lines(too_big, text, fmt))
    catalog: Catalog | None = None
    try:
        catalog = Catalog.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        bad = [tuple(err["loc"]) for err in errors]
        found = Findings(located_problem(err, data) for err in errors)
        found += cross_check(Facts.salvage(data, bad), claim_ids_of_raw(Raw(data, bad)))
    else:
        found = cross_check(Facts.of(catalog), claim_ids_of(catalog))
        if not found.has_errors:
            warn_contradictions(catalog, found)
    problems = with_lines(found, text, fmt)
    if catalog is None or any(p.severity == "error" for p in problems):
        raise CatalogError(label, problems)
    return catalog, problems


def cross_check(facts: Facts, claims: Iterable[Claim]) -> Findings:
    """Everything that needs the whole catalogue: ids, references, names, moves, claims.

    Linear in the size of the catalogue.
    """
    found = Findings()
    suggest = Closest()
    known = known_ids(facts, found)
    check_criteria(facts, known, found, suggest)
    roles, repeated = role_ids(facts, found)
    names: dict[str, tuple[int, str]] = {}
    for role in facts.roles:
        check_role_references(role, facts, known, found, suggest)
        check_role_names(role, repeated, names, found)
        check_moves(role, roles, found, suggest)
    if facts.complete and len(facts.roles) > 1 and not found:
        warn_unreachable(facts, found)
    check_claims(claims, known, found)
    return found
