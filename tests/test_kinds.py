"""The one table of move kinds covers every kind, with every attribute."""

from __future__ import annotations

from pmladder.kinds import KINDS, legend
from pmladder.models import MOVE_KINDS


def test_every_kind_has_every_attribute() -> None:
    assert tuple(KINDS) == MOVE_KINDS
    for kind, look in KINDS.items():
        for field in look._fields:
            value = getattr(look, field)
            assert isinstance(value, str), (kind, field)
            assert value.strip(), (kind, field)


def test_kinds_are_told_apart_by_arrow_label_and_colour() -> None:
    for attribute in ("label", "arrow", "colour", "terminal_style", "dot_style"):
        values = [getattr(look, attribute) for look in KINDS.values()]
        assert len(set(values)) == len(values), attribute


def test_a_move_is_written_arrow_then_label() -> None:
    assert KINDS["promotion"].notation == "↑ promotion"
    assert KINDS["management"].notation == "⇑ into management"


def test_the_legend_names_every_kind_once_in_order() -> None:
    assert legend() == "↑ promotion  → lateral  ↪ specialisation  ⇑ into management"
