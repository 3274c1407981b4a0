"""The published JSON Schemas of every command's ``--json`` document.

One schema per command (``pmladder schema path`` prints the one for
``pmladder path --json``). They are the contract scripts rely on: a test runs
each command on real catalogues and validates its output against them, and
another checks that docs/json-output.md documents every top-level field.
Objects are closed (``additionalProperties: false``), so a field added to a
document without being added here fails that test.

Built in code rather than kept as files so the shared pieces (the envelope, a
move, a competency change, a route) are written once, and the role and source
records reuse the catalogue's own schema, generated from the models.
"""

from __future__ import annotations

from typing import Any

from .catalog import catalog_schema
from .models import MOVE_KINDS

Schema = dict[str, Any]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

STR: Schema = {"type": "string"}
INT: Schema = {"type": "integer"}
NUM: Schema = {"type": "number"}
BOOL: Schema = {"type": "boolean"}
KIND: Schema = {"enum": list(MOVE_KINDS), "description": "The kind of move."}


def opt(schema: Schema) -> Schema:
    """``schema`` or ``null``."""
    return {"anyOf": [schema, {"type": "null"}]}


def arr(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def mapping(values: Schema, description: str = "") -> Schema:
    """An object keyed by data (ids), every value of one shape."""
    out: Schema = {"type": "object", "additionalProperties": values}
    if description:
        out["description"] = description
    return out


def obj(description: str = "", /, **properties: Schema) -> Schema:
    """A closed object whose every property is required (absent values are ``null``)."""
    out: Schema = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    if description:
        out["description"] = description
    return out


def described(schema: Schema, description: str) -> Schema:
    return {**schema, "description": description}


def _envelope() -> dict[str, Schema]:
    return {
        "schema_version": described(
            {"const": 1}, "Bumped on any change that removes or renames a field."
        ),
        "command": described(STR, "The command that produced the document."),
        "catalog": obj(
            "The catalogue used.",
            name=STR,
            file=described(opt(STR), "Path of the catalogue file, null for the bundled one."),
        ),
    }


def document(command: str, description: str, **fields: Schema) -> Schema:
    """The schema of one command's document: the envelope, then its own fields.

    The catalogue's own definitions (``Role``, ``Criterion``...) come along in
    ``$defs``, so records copied from the catalogue are described once.
    """
    body = obj(description, **_envelope(), **fields)
    body["properties"]["command"] = {**body["properties"]["command"], "const": command}
    return {
        "$schema": SCHEMA_DIALECT,
        "title": f"pmladder {command} --json",
        **body,
        "$defs": _catalogue_defs(),
    }


CRITERION = described(
    opt({"$ref": "#/$defs/Criterion"}),
    "What this step asks in this competency, as the catalogue words it; null when it is silent.",
)

BASIS = described(
    opt({"$ref": "#/$defs/Basis"}),
    "Where the claim comes from: `sources`, and `estimate` when it is the catalogue's own "
    "estimate; null when the catalogue does not say.",
)


MOVE_VIEW = obj(
    "A move to or from a role.",
    role=described(STR, "The other role's id."),
    title=STR,
    kind=KIND,
    typical_years=described(opt(NUM), "Typical years in role before the move; null if unknown."),
    note=opt(STR),
    basis=BASIS,
    typical_years_basis=BASIS,
)

RATING = obj(
    "A competency the role rates.",
    competency=STR,
    name=STR,
    level=described(STR, "Scale step id."),
    level_name=STR,
    rank=described(INT, "1 = the lowest step of the scale."),
    criterion=CRITERION,
)

CHANGE = obj(
    "A competency that changes between two roles.",
    competency=STR,
    name=STR,
    before=described(opt(STR), "Scale step id before; null when the first role doesn't rate it."),
    before_name=opt(STR),
    after=STR,
    after_name=STR,
    steps=described(INT, "Scale steps risen."),
    criterion=described(CRITERION, "What the step risen to asks; null when the catalogue "
                        "doesn't say."),
    via=described(opt(STR), "The earlier role on the route whose rating `before` is, when "
                  "the role moved from does not rate the competency (in assess: whose "
                  "requirement it is, when above the person's own rating); else null."),
)

FALL = obj(
    "A competency the next role asks less of, or does not rate.",
    competency=STR,
    name=STR,
    before=STR,
    before_name=STR,
    after=described(opt(STR), "Scale step id after; null when the next role doesn't rate it."),
    after_name=opt(STR),
    expected=described(BOOL, "True when the move lists it in `asks_less`."),
    via=described(opt(STR), "In assess: the earlier role on the route whose requirement "
                  "`before` is, when above the person's own rating; else null."),
)

FIELD_CHANGE = obj(before=opt(STR), after=opt(STR))

GAP = obj(
    "What the next role asks beyond the current one.",
    rising=arr(CHANGE),
    new=arr(CHANGE),
    falling=arr(FALL),
    unrated=arr(FALL),
    rated=described(BOOL, "False when the next role rates no competency (unknown)."),
    responsibilities_added=arr(STR),
    frameworks_added=arr(STR),
    met=described(
        arr(CHANGE),
        "In assess: what the next role asks that the person already meets; empty in path.",
    ),
    education=opt(FIELD_CHANGE),
    experience=opt(FIELD_CHANGE),
    experience_years=described(
        opt({"type": "array", "prefixItems": [opt(NUM), opt(NUM)], "minItems": 2,
             "maxItems": 2}),
        "[before, after] typical minimum years when they change, else null.",
    ),
    experience_years_basis=BASIS,
    experience_years_before_basis=BASIS,
)

STEP = obj(
    "One move of the route.",
    number=INT,
    source=STR,
    source_title=STR,
    target=STR,
    target_title=STR,
    kind=KIND,
    typical_years=described(opt(NUM), "Null when the move states none: unknown, not 0."),
    note=opt(STR),
    gap=GAP,
    basis=BASIS,
    typical_years_basis=BASIS,
)

NAMED = obj(id=STR, title=STR)


def route_fields() -> dict[str, Schema]:
    """The fields of a route, shared by ``path`` and ``assess``."""
    return {
        "from": NAMED,
        "to": NAMED,
        "same_role": described(BOOL, "True when FROM and TO are the same role."),
        "steps": arr(STEP),
        "total": obj(
            steps=INT,
            typical_years=described(
                opt(NUM), "Sum of the moves' typical years; null when some move states none."
            ),
            years_known=described(BOOL, "False when some move states no typical time."),
            typical_years_stated=described(
                NUM, "Sum of the typical years of the moves that state one."
            ),
            years_estimated=described(
                BOOL, "True when any move's typical time is the catalogue's estimate."
            ),
            competencies=described(
                opt(arr(CHANGE)),
                "Each competency's overall rise; null when TO rates no competency, so what "
                "the route asks overall is unknown (not nothing). In assess, the rises the "
                "earlier steps ask, when TO rates nothing.",
            ),
            competencies_known=described(
                BOOL, "False when TO rates no competency: what it asks on top is unknown."
            ),
            frameworks=described(
                arr(STR), "Every framework the steps add, each once, in route order."
            ),
            education=opt(FIELD_CHANGE),
            experience=opt(FIELD_CHANGE),
            experience_years=described(
                opt({"type": "array", "prefixItems": [opt(NUM), opt(NUM)], "minItems": 2,
                     "maxItems": 2}),
                "[FROM, TO] typical minimum years when they or the experience differ, "
                "else null.",
            ),
            experience_years_basis=described(
                BASIS, "Where TO's figure comes from; null when it has none."
            ),
            experience_years_before_basis=described(
                BASIS, "Where FROM's figure comes from; null when it has none."
            ),
            experience_years_on_arrival=described(
                opt(NUM),
                "FROM's typical minimum years plus the route's typical years: what someone "
                "taking the route brings to TO (more than TO asks when the route goes "
                "sideways); null when either is unknown.",
            ),
        ),
        "tie_break": described(STR, "The rule used to choose among equally short routes."),
    }


def _catalogue_defs() -> dict[str, Schema]:
    defs: dict[str, Schema] = catalog_schema().get("$defs", {})
    return defs


def _list() -> Schema:
    role = obj(id=STR, title=STR, level=INT, level_name=STR, leads_to=arr(MOVE_VIEW))
    track = obj(id=STR, name=STR, description=opt(STR), roles=arr(role))
    return document("list", "The ladder by track and level.", tracks=arr(track))


def _show() -> Schema:
    return document(
        "show",
        "One role in full.",
        role=described({"$ref": "#/$defs/Role"}, "The role exactly as the catalogue has it."),
        track_name=STR,
        level_name=STR,
        ratings=arr(RATING),
        comes_from=arr(MOVE_VIEW),
        leads_to=arr(MOVE_VIEW),
        sources=arr({"$ref": "#/$defs/Source"}),
    )


def _path() -> Schema:
    return document("path", "The shortest route between two roles.", **route_fields())


def _compare() -> Schema:
    role = obj(
        id=STR, title=STR, track=STR, track_name=STR, level=INT, level_name=STR, summary=STR,
        education=opt(STR), experience=opt(STR), experience_years=opt(NUM),
        experience_years_basis=BASIS,
        rated=described(BOOL, "False when the role rates no competency: its needs are unknown."),
    )
    rating = opt(obj(level=STR, level_name=STR, rank=INT, criterion=CRITERION))
    competency = obj(
        id=STR, name=STR,
        ratings=mapping(rating, "Role id to its rating, null where unrated."),
        highest=arr(STR), differs=BOOL,
    )
    items = obj(only=mapping(arr(STR), "Role id to the items only it has."), shared=arr(STR))
    hop = obj(**{"from": STR, "to": STR, "kind": KIND, "typical_years": opt(NUM),
                 "basis": BASIS, "typical_years_basis": BASIS})
    route = obj(**{
        "from": STR, "to": STR, "found": BOOL, "moves": opt(arr(hop)),
        "typical_years": opt(NUM),
    })
    return document(
        "compare", "Roles side by side.",
        roles=arr(role), competencies=arr(competency), responsibilities=items,
        frameworks=items, routes=arr(route),
    )


def _search() -> Schema:
    span = {"type": "array", "prefixItems": [INT, INT], "minItems": 2, "maxItems": 2}
    match = obj(
        field=STR, index=opt(INT), text=STR, offsets=arr(span), snippet=STR,
        snippet_offsets=arr(span), score=INT, words=arr(STR),
    )
    result = obj(
        rank=INT, role=STR, title=STR, track=STR, level=INT, score=INT, matches=arr(match),
    )
    return document(
        "search", "Roles that match the words, best first.",
        query=STR, words=arr(STR), field_weights=mapping(INT), total=INT, results=arr(result),
    )


def _ladder() -> Schema:
    return document(
        "ladder", "The layout of the ladder drawing.",
        tracks=arr(obj(id=STR, name=STR, column=INT, width=INT)),
        levels=arr(obj(rank=INT, name=STR, row=INT)),
        cells=arr(obj(track=STR, level=INT, roles=arr(STR))),
        roles=arr(obj(id=STR, title=STR, track=STR, level=INT, column=INT, row=INT, slot=INT)),
        edges=arr(obj(**{
            "from": STR, "to": STR, "kind": KIND, "typical_years": opt(NUM), "shown": BOOL,
        })),
    )


def _validate() -> Schema:
    return document(
        "validate", "A valid catalogue's counts and warnings.",
        valid={"const": True},
        counts=obj(roles=INT, tracks=INT, levels=INT, competencies=INT, moves=INT),
        warnings=arr(obj(message=STR, location=STR, role=opt(STR), line=opt(INT))),
    )


def _assess() -> Schema:
    fit = obj(
        role=STR, title=STR, track=STR, level=INT, level_name=STR, score=NUM, met_steps=INT,
        required_steps=INT, competencies_met=INT, competencies_rated=INT,
    )
    side = obj(
        competency=STR, name=STR, yours=opt(STR), yours_name=opt(STR), yours_rank=INT,
        required=opt(STR), required_name=opt(STR), required_rank=INT,
        difference=described(opt(INT), "yours_rank - required_rank; null in `unrated`, "
                             "where the target's need is unknown."),
        criterion=described(CRITERION, "What the target's step asks; null when the target "
                            "doesn't rate it or the catalogue doesn't say."),
    )
    return document(
        "assess", "A self-assessment: fits, the target and the route to it.",
        profile=obj(file=STR, name=opt(STR), target=opt(STR)),
        fit_rule=STR,
        ratings=arr(obj(competency=STR, name=STR, level=opt(STR), level_name=opt(STR),
                        rank=INT)),
        fits=arr(fit),
        unscored=arr(STR),
        target=opt(obj(id=STR, title=STR, origin=STR)),
        comparison=opt(obj(
            fit=opt(fit), above=arr(side), at=arr(side), below=arr(side),
            unrated=described(arr(side), "Competencies you rate and the target does not: "
                              "its need is unknown, so they are not above, at or below it."),
            rated=described(BOOL, "False when the target rates no competency; the lists are "
                            "then empty."),
        )),
        route_from=opt(obj(id=STR, title=STR, fit=NUM, reason=STR, passed_over=arr(STR))),
        route=opt(obj(**route_fields())),
    )


def _diff() -> Schema:
    named = obj(name=STR, file=opt(STR))
    summary = obj(id=STR, title=STR, track=STR, level=INT, moves_out=arr(STR),
                  moves_in=arr(STR))
    items = obj(id=STR, title=STR, added=arr(STR), removed=arr(STR))
    route = opt(obj(steps=INT, typical_years=opt(NUM), years_known=BOOL, roles=arr(STR)))
    return document(
        "diff", "What changed from OLD to NEW for the people on the ladder.",
        old=named,
        new=named,
        same=described(BOOL, "True exactly when nothing changed (exit code 0)."),
        roles_added=arr(summary),
        roles_removed=arr(summary),
        renamed=arr(obj(id=STR, before=STR, after=STR)),
        relevelled=arr(obj(
            id=STR, title=STR, level_before=INT, level_after=INT, level_name_before=STR,
            level_name_after=STR, track_before=STR, track_after=STR,
        )),
        aliases=arr(items),
        moves=arr(obj(
            source=STR, target=STR, change=STR, kind_before=opt(KIND), kind_after=opt(KIND),
            years_before=opt(NUM), years_after=opt(NUM),
        )),
        ratings=arr(obj(
            role=STR, title=STR, competency=STR, name=STR,
            change={"enum": ["rose", "fell", "added", "removed"]},
            before=opt(STR), after=opt(STR), before_name=opt(STR), after_name=opt(STR),
            steps=INT,
        )),
        responsibilities=arr(items),
        fields=arr(obj(id=STR, title=STR, fields=arr(STR))),
        definitions=arr(obj(
            what=STR, id=STR, name=STR, change={"enum": ["added", "removed", "redefined"]},
            fields=arr(STR),
        )),
        routes=obj(
            changed=arr(obj(source=STR, target=STR, before=route, after=route)),
            total=INT, shown=INT, complete=BOOL, searched=INT, affected=INT,
        ),
    )


BUILDERS = {
    "list": _list,
    "show": _show,
    "path": _path,
    "compare": _compare,
    "search": _search,
    "ladder": _ladder,
    "validate": _validate,
    "assess": _assess,
    "diff": _diff,
}
"""Each command that takes ``--json``, and how to build its document's schema."""


def output_schema(command: str) -> Schema:
    """The JSON Schema of ``pmladder COMMAND --json``."""
    return BUILDERS[command]()
