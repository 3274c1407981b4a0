"""JSON output: one document per command, built from the models and results.

Every document has ``schema_version`` (bumped on any incompatible change),
``command`` and ``catalog`` (its name and the file it came from, ``null`` for
the bundled one).  The shapes are documented in ``docs/json-output.md``.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from pydantic import BaseModel

from ..catalog import Ladder
from ..ladder import Route, ratings
from ..models import Basis, Role
from ..overview import TrackEntry, moves_from, moves_into

SCHEMA_VERSION = 1


def dumps(document: dict[str, Any]) -> str:
    """Serialise a document: stable key order, UTF-8 text kept readable."""
    return json.dumps(document, indent=2, ensure_ascii=False)


def _plain(value: Any) -> Any:
    """Results (named tuples, dataclasses) as JSON-ready dicts and lists."""
    if isinstance(value, Basis):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return {k: _plain(v) for k, v in value._asdict().items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    return value


def envelope(command: str, ladder: Ladder) -> dict[str, Any]:
    """The fields every document starts with."""
    return {
        "schema_version": SCHEMA_VERSION,
        "command": command,
        "catalog": {
            "name": ladder.head.name,
            "file": None if ladder.source.path is None else str(ladder.source.path),
        },
    }


def list_document(ladder: Ladder, tracks: tuple[TrackEntry, ...]) -> dict[str, Any]:
    return {**envelope("list", ladder), "tracks": _plain(tracks)}


def role_document(ladder: Ladder, role: Role) -> dict[str, Any]:
    source_titles = {s.id: s for s in ladder.head.sources}
    return {
        **envelope("show", ladder),
        "role": role.model_dump(mode="json"),
        "track_name": ladder.track_names[role.track],
        "level_name": ladder.level_names[role.level],
        "ratings": _plain(ratings(ladder, role)),
        "comes_from": _plain(moves_into(ladder, role)),
        "leads_to": _plain(moves_from(ladder, role)),
        "sources": [
            source_titles[s].model_dump(mode="json") for s in role.sources if s in source_titles
        ],
    }


def path_document(ladder: Ladder, route: Route, tie_break: str) -> dict[str, Any]:
    return {
        **envelope("path", ladder),
        "from": {"id": route.source, "title": route.source_title},
        "to": {"id": route.target, "title": route.target_title},
        "same_role": route.source == route.target,
        "steps": _plain(route.steps),
        "total": {
            "steps": len(route.steps),
            "typical_years": route.typical_years,
            "years_known": route.years_known,
            "typical_years_stated": route.typical_years_stated,
            "years_estimated": route.years_estimated,
            # Unknown, not empty, when the last role rates nothing and nothing before it
            # is known to rise (assess knows the rises the earlier steps ask).
            "competencies": (
                _plain(route.overall) if route.target_rated or route.overall else None
            ),
            "competencies_known": route.target_rated,
            "frameworks": list(route.frameworks_gained),
            "education": _plain(route.education),
            "experience": _plain(route.experience),
            "experience_years": _plain(route.experience_years),
            "experience_years_basis": _plain(route.experience_years_basis),
            "experience_years_before_basis": _plain(route.experience_years_before_basis),
            "experience_years_on_arrival": route.experience_years_on_arrival,
        },
        "tie_break": tie_break,
    }
