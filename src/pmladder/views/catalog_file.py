"""The catalogue as a file pmladder reads back: TOML or JSON, the same data.

Loading what these write gives the same catalogue back
(``tests/test_export.py`` checks it).  No Rich, no Typer.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .. import __version__
from ..index import Ladder
from ..models import Catalog
from .toml_writer import dumps_toml


def catalog_data(catalog: Catalog) -> dict[str, Any]:
    """The catalogue as plain data, as a person would write it.

    Unset optional fields and empty lists are left out, and whole numbers of
    years are written ``2`` rather than ``2.0`` (the models read both as 2.0).
    """
    return _tidy(catalog.model_dump(mode="json", exclude_none=True))


def _tidy(table: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in table.items():
        if value == [] or value == {}:
            continue
        if isinstance(value, dict):
            value = _tidy(value)
        elif isinstance(value, list):
            value = [_tidy(v) if isinstance(v, dict) else v for v in value]
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        out[key] = value
    return out


def _role_comment(path: tuple[str, ...], item: Mapping[str, Any]) -> str | None:
    if path == ("roles",):
        return f"--- {item.get('title', item.get('id', ''))} " + "-" * 40
    return None


def _origin(ladder: Ladder) -> str:
    return "the bundled catalogue" if ladder.source.is_bundled else str(ladder.source.path)


def to_toml(ladder: Ladder) -> str:
    """The catalogue as a TOML file that pmladder reads back unchanged."""
    header = (
        ladder.head.name,
        f"Exported by pmladder {__version__} from {_origin(ladder)}.",
        "Check it after every change with:  pmladder validate FILE",
        "Every field is described in its JSON Schema: pmladder schema > pmladder.schema.json",
    )
    return dumps_toml(catalog_data(ladder.whole_catalog()), header=header, comment=_role_comment)


def to_json(ladder: Ladder) -> str:
    """The catalogue as JSON (the same data as the TOML), readable back by pmladder."""
    return json.dumps(catalog_data(ladder.whole_catalog()), indent=2, ensure_ascii=False) + "\n"

