"""Issue 10's one notation: list and show write a move to another role alike."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from conftest import Invoke, lines
from pmladder.views.blocks import Moves

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


MOVE_ARROWS = ("↑", "→", "↪", "⇑")


def test_a_move_never_breaks_between_its_arrow_and_what_follows(invoke: Invoke) -> None:
    # "⇑" at the end of one line and "product-lead" at the start of the next
    # read as a move to nothing. At 64 columns senior-pm's "Leads to" broke so.
    for width in range(30, 141, 3):
        for role in ("pm", "senior-pm", "product-lead"):
            out = invoke("show", role, env={"COLUMNS": str(width)}).stdout
            ends = [line for line in lines(out) if line.rstrip().endswith(MOVE_ARROWS)]
            assert not ends, (width, role, ends)
    wide = invoke("show", "senior-pm", "--brief", env={"COLUMNS": "64"}).stdout
    assert "             ⇑ product-lead into management after ~3y (estimate)" in lines(wide)


def test_glued_arrows_print_as_plain_spaces(invoke: Invoke) -> None:
    for width in ("40", "64", "100"):
        out = invoke("show", "pm", env={"COLUMNS": width}).stdout
        assert "\ue000" not in out
        assert "→ product-owner" in " ".join(out.split())


def test_text_holding_the_stand_in_wraps_as_rich_wraps_it() -> None:
    plain = "see \ue000 here ⇑ role-one ⇑ role-two"
    assert _wrapped(Moves.of(Text(plain)), 12) == _wrapped(Text(plain), 12)


def test_an_arrow_and_a_name_too_wide_together_break_as_text_does() -> None:
    assert _wrapped(Moves.of(Text("x, → product-owner")), 15) == ["x,", "→ product-owner"]
    assert _wrapped(Moves.of(Text("x, → product-owner")), 14) == ["x, →", "product-owner"]
    assert _wrapped(Moves.of(Text("x ⇑   y ⇑ z")), 5) == ["x", "⇑   y", "⇑ z"]


def _wrapped(text: Text, width: int) -> list[str]:
    return [line.plain.rstrip() for line in text.wrap(Console(width=200, color_system=None),
                                                      width)]


PIECES = st.sampled_from(["⇑", "↑", "→", " ", "  ", "pm", "senior-pm", ",", "\n",
                          "expert-maker-of-very-hard-things-across-many-lines", "界界", "é"])


@given(st.lists(PIECES, max_size=14).map("".join), st.integers(1, 70),
       st.sampled_from(["fold", "crop", "ellipsis"]))
def test_moves_keep_arrows_with_their_word_and_never_cut_more_than_text(
    plain: str, width: int, overflow: str
) -> None:
    # Reviewed: gluing an arrow to a word too wide for the line together cut the
    # word short ("→ product-own…" at 27 columns, a long id at 72): the two stay
    # together only where they fit, so nothing is cut that Text prints whole.
    moves = _wrapped(Moves.of(Text(plain, overflow=overflow)), width)  # type: ignore[arg-type]
    rich = _wrapped(Text(plain, overflow=overflow), width)  # type: ignore[arg-type]
    assert "".join(moves).replace(" ", "") == "".join(rich).replace(" ", "")
    assert all(cell_len(line.rstrip()) <= width for line in moves)
