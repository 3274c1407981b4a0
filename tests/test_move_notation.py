"""Issue 10's one notation: list and show write a move to another role alike."""

from __future__ import annotations

from conftest import Invoke, lines

WIDE = {"COLUMNS": "400"}


def test_list_and_show_write_each_move_alike(invoke: Invoke) -> None:
    listing = invoke("list", env=WIDE)
    assert listing.exit_code == 0, listing.output
    for role in ("apm", "pm", "pmm", "senior-pm", "product-lead", "vp-product"):
        shown = invoke("show", role, "--brief", env=WIDE)
        assert shown.exit_code == 0, shown.output
        leads = next(line for line in lines(shown.stdout) if line.startswith("Leads to:"))
        for move in leads.removeprefix("Leads to:").strip().split(", "):
            assert move in listing.stdout, (role, move)


def test_an_estimate_is_marked_once_and_one_way(invoke: Invoke) -> None:
    out = invoke("list", env=WIDE).stdout
    assert "↑ senior-pm promotion after ~3y (estimate)" in out  # the time is the estimate
    assert "→ pmm lateral after ~2y (both estimates)" in out  # the move and its time
    assert "est." not in out
    assert not [line for line in lines(out) if line.count("(estimate)") > 1]
    assert "\n(estimate) marks the catalogue's own judgement" in out


def test_a_narrow_show_keeps_the_estimate_marks(invoke: Invoke) -> None:
    out = invoke("show", "pmm", env={"COLUMNS": "40"}).stdout
    onward = out[out.index("Moves onward"):]
    assert "pm → lateral after ~2y (both" in onward
