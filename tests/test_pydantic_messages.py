"""What validation says about a shape pydantic rejects."""

from __future__ import annotations

from pmladder.models import MOVE_KINDS
from pmladder.validation.pydantic_messages import message


def test_an_unknown_kind_of_move_is_answered_with_every_kind() -> None:
    said = message({"type": "literal_error", "input": "sideways", "msg": "bad"},
                   ("roles", 0, "moves", 0, "kind"))
    assert said.startswith("'sideways' is not a kind of move; use ")
    for kind in MOVE_KINDS:
        assert kind in said
    assert said.endswith(f" or {MOVE_KINDS[-1]}")
