"""Every command's ``--json`` document, built one way.

A document is a dict: the :func:`envelope` (``schema_version``, bumped on any
incompatible change; ``command``; ``catalog``, its name and file, ``null`` for
the bundled one), then the command's fields in the order the published schema
(:mod:`pmladder.output_schemas`) lists them. Values are the core's own results;
:func:`plain` turns them into JSON data. A record whose JSON is not simply its
fields (renamed, trimmed, keyed by role) is spelt out as a dict of its own,
next to the document that uses it.
"""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ..gaps import Route
from ..index import Ladder
from ..models import Basis, Role
from ..overview import TrackEntry, moves_from, moves_into
from ..ratings import Rating, ratings
from ..routes import TIE_BREAK_RULE
from .answer import Answer, ByCommand

if TYPE_CHECKING:
    from ..assess import Assessment
    from ..catalog import Summary
    from ..compare import Hop, RoleComparison
    from ..diff import Diff
    from ..search import Hit, Match, SearchResult
    from .pictures.layout import Edge, Layout

SCHEMA_VERSION = 1

Document = dict[str, Any]

DOCUMENTS: ByCommand[Document] = ByCommand()
"""Each command's document, by the function registered for it below."""


def dumps(data: Document) -> str:
    """Serialise a document: stable key order, UTF-8 text kept readable."""
    return json.dumps(data, indent=2, ensure_ascii=False)


def plain(value: Any) -> Any:
    """Results (named tuples, dataclasses, models) as JSON-ready dicts and lists."""
    if isinstance(value, Basis):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return {k: plain(v) for k, v in value._asdict().items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    return value


def envelope(command: str, ladder: Ladder) -> Document:
    """The fields every document starts with."""
    return {
        "schema_version": SCHEMA_VERSION,
        "command": command,
        "catalog": _catalog(ladder.head.name,
                            None if ladder.source.path is None else str(ladder.source.path)),
    }


def _catalog(name: str, file: str | None) -> Document:
    return {"name": name, "file": file}


# --------------------------------------------------------------------------
# list, show, path


@DOCUMENTS.of("list")
def _list(answer: Answer[tuple[TrackEntry, ...]]) -> Document:
    return {**envelope("list", answer.ladder), "tracks": plain(answer.found)}


@DOCUMENTS.of("show")
def _show(answer: Answer[Role]) -> Document:
    ladder, role = answer.ladder, answer.found
    source_titles = {s.id: s for s in ladder.head.sources}
    return {
        **envelope("show", ladder),
        "role": plain(role),
        "track_name": ladder.track_names[role.track],
        "level_name": ladder.level_names[role.level],
        "ratings": plain(ratings(ladder, role)),
        "comes_from": plain(moves_into(ladder, role)),
        "leads_to": plain(moves_from(ladder, role)),
        "sources": [plain(source_titles[s]) for s in role.sources if s in source_titles],
    }


@DOCUMENTS.of("path")
def _path(answer: Answer[Route]) -> Document:
    return {**envelope("path", answer.ladder), **_route(answer.found)}


def _route(route: Route) -> Document:
    """The fields of a route after the envelope: ``path``'s, and ``assess``'s ``route``."""
    return {
        "from": {"id": route.source, "title": route.source_title},
        "to": {"id": route.target, "title": route.target_title},
        "same_role": route.source == route.target,
        "steps": plain(route.steps),
        "total": {
            "steps": len(route.steps),
            "typical_years": route.typical_years,
            "years_known": route.years_known,
            "typical_years_stated": route.typical_years_stated,
            "years_estimated": route.years_estimated,
            # Unknown, not empty, when the last role rates nothing and nothing before it
            # is known to rise (assess knows the rises the earlier steps ask).
            "competencies": (
                plain(route.overall) if route.target_rated or route.overall else None
            ),
            "competencies_known": route.target_rated,
            "frameworks": plain(route.frameworks_gained),
            "education": plain(route.education),
            "experience": plain(route.experience),
            "experience_years": plain(route.experience_years),
            "experience_years_basis": plain(route.experience_years_basis),
            "experience_years_before_basis": plain(route.experience_years_before_basis),
            "experience_years_on_arrival": route.experience_years_on_arrival,
        },
        "tie_break": TIE_BREAK_RULE,
    }


# --------------------------------------------------------------------------
# compare


@DOCUMENTS.of("compare")
def _compare(answer: Answer[RoleComparison]) -> Document:
    comparison = answer.found
    ids = [r.id for r in comparison.roles]
    return {
        **envelope("compare", answer.ladder),
        "roles": plain(comparison.roles),
        "competencies": [
            {
                "id": row.competency,
                "name": row.name,
                "ratings": {
                    role_id: _compared_rating(r)
                    for role_id, r in zip(ids, row.ratings, strict=True)
                },
                "highest": plain(row.highest),
                "differs": row.differs,
            }
            for row in comparison.competencies
        ],
        "responsibilities": {
            "only": {d.role: plain(d.items) for d in comparison.responsibilities_only},
            "shared": plain(comparison.responsibilities_shared),
        },
        "frameworks": {
            "only": {d.role: plain(d.items) for d in comparison.frameworks_only},
            "shared": plain(comparison.frameworks_shared),
        },
        "routes": [
            {
                "from": route.source,
                "to": route.target,
                "found": route.found,
                "moves": None if route.hops is None else [_hop(h) for h in route.hops],
                "typical_years": route.typical_years,
            }
            for route in comparison.routes
        ],
    }


def _compared_rating(rating: Rating | None) -> Document | None:
    """A rating in a comparison row, which names its competency once for every role."""
    if rating is None:
        return None
    return {
        "level": rating.level,
        "level_name": rating.level_name,
        "rank": rating.rank,
        "criterion": plain(rating.criterion),
    }


def _hop(hop: Hop) -> Document:
    return {
        "from": hop.source,
        "to": hop.target,
        "kind": hop.kind,
        "typical_years": hop.typical_years,
        "basis": plain(hop.basis),
        "typical_years_basis": plain(hop.typical_years_basis),
    }


# --------------------------------------------------------------------------
# search


@DOCUMENTS.of("search")
def _search(answer: Answer[SearchResult]) -> Document:
    # Loaded already by the search that made the answer; at the top, it would be
    # loaded for every other command's JSON too. The same goes for assess below.
    from ..search import FIELD_WEIGHTS

    result, limit = answer.found, answer.limit
    hits = result.hits[:limit] if limit else result.hits
    return {
        **envelope("search", answer.ladder),
        "query": result.query,
        "words": plain(result.words),
        "field_weights": plain(FIELD_WEIGHTS),
        "total": len(result.hits),
        "results": [_hit(rank, hit) for rank, hit in enumerate(hits, start=1)],
    }


def _hit(rank: int, hit: Hit) -> Document:
    return {
        "rank": rank,
        "role": hit.role,
        "title": hit.title,
        "track": hit.track,
        "level": hit.level,
        "score": hit.score,
        "matches": [_match(m) for m in hit.matches],
    }


def _match(match: Match) -> Document:
    return {
        "field": match.field,
        "index": match.index,
        "text": match.text,
        "offsets": plain(match.spans),
        "snippet": match.snippet,
        "snippet_offsets": plain(match.highlights),
        "score": match.score,
        "words": plain(match.words),
    }


# --------------------------------------------------------------------------
# ladder, validate


@DOCUMENTS.of("ladder")
def _ladder(answer: Answer[Layout]) -> Document:
    """The layout the drawing and the ``export`` pictures use."""
    lay = answer.found
    return {
        **envelope("ladder", answer.ladder),
        "tracks": plain(lay.tracks),
        "levels": plain(lay.levels),
        "cells": plain(lay.cells),
        "roles": plain(lay.roles),
        "edges": [_edge(e) for e in lay.edges],
    }


def _edge(edge: Edge) -> Document:
    return {
        "from": edge.source,
        "to": edge.target,
        "kind": edge.kind,
        "typical_years": edge.typical_years,
        "shown": edge.shown,
    }


@DOCUMENTS.of("validate")
def _validate(answer: Answer[Summary]) -> Document:
    """The counts and the warnings of a valid catalogue."""
    ladder, summary = answer.ladder, answer.found
    return {
        **envelope("validate", ladder),
        "valid": True,
        "counts": {k: v for k, v in summary._asdict().items() if k not in ("name", "warnings")},
        "warnings": [
            {"message": w.message, "location": w.location, "role": w.role, "line": w.line}
            for w in ladder.warnings
        ],
    }


# --------------------------------------------------------------------------
# assess


@DOCUMENTS.of("assess")
def _assess(answer: Answer[Assessment]) -> Document:
    """The assessment (see ``docs/assess.md``); the route is ``path``'s, gaps and all."""
    # assess's core loads for assess --json only, not for every other command's JSON.
    from ..assess import FIT_RULE
    from ..profile import PROMPTS

    ladder, result = answer.ladder, answer.found
    profile = result.profile
    names = ladder.scale_names
    doc: Document = {
        **envelope("assess", ladder),
        "profile": {
            "file": None if profile.file == PROMPTS else profile.file,
            "name": profile.name,
            "target": profile.target,
        },
        "fit_rule": FIT_RULE,
        "ratings": [
            {
                "competency": comp,
                "name": ladder.competency_names[comp],
                "level": step,
                "level_name": names[step] if step is not None else None,
                "rank": ladder.scale_rank[step] + 1 if step is not None else 0,
            }
            for comp, step in profile.ratings.items()
        ],
        "fits": plain(result.fits),
        "unscored": plain(result.unscored),
        "target": None,
        "comparison": None,
        "route_from": None,
        "route": None,
    }
    if result.target is None or result.comparison is None or result.route is None:
        return doc
    target = ladder.roles[result.target]
    doc["target"] = {"id": target.id, "title": target.title, "origin": result.target_origin}
    doc["comparison"] = {
        "fit": plain(result.comparison.fit),
        "above": plain(result.comparison.above),
        "at": plain(result.comparison.at),
        "below": plain(result.comparison.below),
        "unrated": plain(result.comparison.unrated),
        "rated": result.comparison.rated,
    }
    assert result.start is not None
    start_fit = next((f for f in result.fits if f.role == result.start), None)
    doc["route_from"] = {
        "id": result.start,
        "title": ladder.roles[result.start].title,
        "fit": None if start_fit is None else start_fit.score,
        "reason": result.start_reason,
        "passed_over": plain(result.passed_over),
    }
    doc["route"] = _route(result.route)
    return doc


# --------------------------------------------------------------------------
# diff


@DOCUMENTS.of("diff")
def _diff(answer: Answer[Diff]) -> Document:
    """What changed between two catalogues; ``catalog`` is the new one."""
    diff = answer.found
    routes = diff.routes
    return {
        "schema_version": SCHEMA_VERSION,
        "command": "diff",
        "catalog": _catalog(diff.new_name, diff.new_file),
        "old": _catalog(diff.old_name, diff.old_file),
        "new": _catalog(diff.new_name, diff.new_file),
        "same": diff.same,
        "roles_added": plain(diff.roles_added),
        "roles_removed": plain(diff.roles_removed),
        "renamed": plain(diff.renamed),
        "relevelled": plain(diff.relevelled),
        "aliases": plain(diff.aliases),
        "moves": plain(diff.moves),
        "ratings": plain(diff.ratings),
        "responsibilities": plain(diff.responsibilities),
        "fields": plain(diff.fields),
        "definitions": plain(diff.definitions),
        "routes": {
            "changed": plain(routes.changed),
            "total": routes.total,
            "shown": len(routes.changed),
            "complete": routes.complete,
            "searched": routes.searched,
            "affected": routes.affected,
        },
    }
