"""Competency criteria name real scale steps and sources, and cover the scale.

A competency that describes only some steps, or none while others do, is a
warning (given only when the catalogue's shape is valid).
"""

from __future__ import annotations

from ..locate import Loc
from .did_you_mean import Closest
from .facts import CriteriaFacts, Facts
from .identities import KnownIds
from .problems import Findings


def check_criteria(facts: Facts, known: KnownIds, found: Findings, suggest: Closest) -> None:
    """Criteria name real scale steps and sources; warn where they cover only part of it."""
    steps = [s for _, s in facts.scale or ()]
    described = sum(1 for comp in facts.criteria if comp.steps)
    for comp in facts.criteria:
        where: Loc = ("competencies", comp.index, "criteria")
        if known.scale is not None:
            for step in comp.steps:
                if step not in known.scale:
                    found.add((*where, step),
                              f"criteria for step {step!r}, which the {facts.scale_name} scale "
                              f"does not have{suggest(step, known.scale)}; use one of: "
                              f"{', '.join(steps)}")
        if known.sources is not None:
            for step, k, src in comp.sources:
                if src not in known.sources:
                    found.add((*where, step, "basis", "sources", k),
                              f"source {src!r} is not defined{suggest(src, known.sources)}; "
                              "add it under [[sources]] or fix the id")
        if facts.complete and known.scale is not None and described:
            _warn_coverage(comp, steps, described, facts.scale_name, found)


def _warn_coverage(comp: CriteriaFacts, steps: list[str], described: int, scale_name: str,
                   found: Findings) -> None:
    name = repr(comp.id) if comp.id is not None else f"competencies[{comp.index}]"
    missing = [s for s in steps if s not in comp.steps]
    if not comp.steps:
        found.warn(("competencies", comp.index),
                   f"competency {name} has no criteria while {described} other "
                   f"{'competency does' if described == 1 else 'competencies do'}; add a "
                   f"[competencies.criteria.STEP] table for each of: {', '.join(steps)}")
    elif missing:
        found.warn(("competencies", comp.index, "criteria"),
                   f"competency {name} describes {len(steps) - len(missing)} of the "
                   f"{len(steps)} steps of the {scale_name} scale; add criteria for: "
                   f"{', '.join(missing)}")
