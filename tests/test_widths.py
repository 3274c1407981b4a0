"""Every command at 40, 60, 80 and 120 columns: no line wider than the
terminal, and no role id or title cut.

The reference is the same command at 200 columns: whatever role ids it
shows must appear whole, as often, at every narrower width (an id is one
word: it can only be cut or folded, never wrapped); every title it shows must
appear too, with its words in order (a title may wrap between words in
running text, and a narrow layout may name a role by its id where a wide one
shows both). No "…" anywhere: Rich's mark of cut text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from conftest import BUNDLED, ROOT, Invoke
from on_a_terminal import on_a_terminal
from pmladder.catalog import CatalogSource, load

LADDER = load(CatalogSource(BUNDLED, "option"))
IDS = [r.id for r in LADDER.whole_catalog().roles]
TITLES = sorted({r.title for r in LADDER.whole_catalog().roles}, key=len, reverse=True)
WIDTHS = [40, 60, 80, 120]

COMMANDS: list[list[str]] = [
    ["list"],
    ["list", "--track", "leadership"],
    *(["show", rid] for rid in IDS),
    ["show", "pm", "--brief"],
    ["path", "apm", "cpo"],
    ["path", "apm", "cpo", "--brief"],
    ["path", "pmm", "data-pm"],
    ["path", "product-owner", "vp-product"],
    ["compare", "technical-pm", "growth-pm", "group-pm"],
    ["compare", "apm", "data-pm", "product-owner", "director-of-product-management"],
    ["compare", "pm", "pmm", "--brief"],
    ["search", "RICE"],
    ["search", "roadmap"],
    ["ladder"],
]
HELP = [[], ["list"], ["show"], ["path"], ["compare"], ["search"], ["ladder"], ["validate"],
        ["schema"], ["export"], ["assess"]]


def run(invoke: Invoke, args: Sequence[str], width: int) -> str:
    result = invoke(*args, env={"COLUMNS": str(width), "PMLADDER_PAGER": ""})
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def id_count(out: str, role_id: str) -> int:
    return len(re.findall(rf"(?<![\w-]){re.escape(role_id)}(?![\w-])", out))


def title_count(out: str, title: str) -> int:
    flowing = " ".join(out.split())
    return len(re.findall(rf"(?<!\w){re.escape(title)}(?!\w)", flowing))


def check(
    reference: str, out: str, width: int, *, excerpts: bool = False, boxes: bool = False,
    ids: Sequence[str] = IDS, titles: Sequence[str] = TITLES,
) -> None:
    too_wide = [line for line in out.splitlines() if len(line.rstrip()) > width]
    assert not too_wide, f"{len(too_wide)} lines wider than {width}: {too_wide[:3]}"
    if not excerpts:  # search shows excerpts of longer text, marked with "…" at a cut
        assert "…" not in out, [line for line in out.splitlines() if "…" in line][:3]
    for role_id in ids:
        assert id_count(out, role_id) >= id_count(reference, role_id), role_id
    for title in titles:
        if boxes:  # the ladder drawing wraps a title inside its box, beside other boxes
            break
        if title_count(reference, title):
            assert title_count(out, title), title


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_name_is_cut(invoke: Invoke, args: list[str], width: int) -> None:
    check(run(invoke, args, 200), run(invoke, args, width), width,
          excerpts=args[0] == "search", boxes=args[0] == "ladder")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_one_line_result_wraps_on_a_terminal(width: int) -> None:
    # Piped, validate's line stays whole for grep; on a terminal it wraps between words.
    def shown(columns: int) -> str:
        result = on_a_terminal("validate", env={"COLUMNS": str(columns), "PMLADDER_PAGER": ""})
        assert result.exit_code == 0, result.stderr
        return result.stdout

    check(shown(200), shown(width), width)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", HELP, ids=lambda a: " ".join(a) or "pmladder")
def test_help_is_never_cut(invoke: Invoke, args: list[str], width: int) -> None:
    out = run(invoke, [*args, "--help"], width)
    too_wide = [line for line in out.splitlines() if len(line.rstrip()) > width]
    assert not too_wide, too_wide[:3]
    assert "…" not in out, [line for line in out.splitlines() if "…" in line][:3]
    listed = re.findall(r"^[│ ]*(?:-\w,? ?)?(--[a-z][a-z-]+)", run(invoke, [*args, "--help"], 200),
                        flags=re.M)
    assert listed
    for option in listed:
        assert re.search(rf"{option}(?![a-z-])", out), option


@pytest.mark.parametrize("width", WIDTHS)
def test_assess_is_never_cut(invoke: Invoke, tmp_path: Path, width: int) -> None:
    template = invoke("assess", "--template").stdout
    steps = iter(["advanced", "working", "expert", "working"] * 50)
    profile = tmp_path / "me.toml"
    profile.write_text(re.sub(r'= ""', lambda _: f'= "{next(steps)}"', template),
                       encoding="utf-8")
    args = ["assess", str(profile), "--target", "cpo"]
    check(run(invoke, args, 200), run(invoke, args, width), width)


@pytest.mark.parametrize("width", [64, 80, 84, 100, 120])
def test_a_table_squeezed_to_fit_drops_no_words(invoke: Invoke, width: int) -> None:
    # Rich crops a row wrapped wider than its column: words vanish silently.
    flowing = " ".join(run(invoke, ["search", "SQL"], width).split())
    assert "such as Excel, SQL and visualisation software, a grounding" in flowing


EXAMPLE = ROOT / "examples" / "startup-product-team.toml"


def _edited(source: Path, target: Path) -> Path:
    """``source`` with its first role renamed and its last two removed, moves to them too."""
    import tomli

    from pmladder.views.toml_writer import dumps_toml

    data = tomli.loads(source.read_text(encoding="utf-8"))
    roles = data["roles"]
    roles[0]["title"] += " Renamed"
    gone = {roles[-1]["id"], roles[-2]["id"]}
    data["roles"] = [r for r in roles if r["id"] not in gone]
    for role in data["roles"]:
        role["moves"] = [m for m in role.get("moves", []) if m["to"] not in gone]
    target.write_text(dumps_toml(data), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("diff")
    return {"bundled": _edited(BUNDLED, folder / "bundled.toml"),
            "example": _edited(EXAMPLE, folder / "example.toml")}


DIFFS = {"bundled-edited": (":bundled", "bundled"), "example-edited": ("example", "example"),
         "bundled-example": (":bundled", ":example")}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("pair", DIFFS)
def test_diff_cuts_no_name(
    invoke: Invoke, edited: dict[str, Path], pair: str, width: int
) -> None:
    files = {":bundled": ":bundled", ":example": str(EXAMPLE), "example": str(EXAMPLE)}
    old, new = DIFFS[pair]
    args = ["diff", files[old], files.get(new) or str(edited[new])]
    example = load(CatalogSource(EXAMPLE, "option")).whole_catalog()
    ids = [*IDS, *(r.id for r in example.roles)]
    titles = sorted({*TITLES, *(r.title for r in example.roles)}, key=len, reverse=True)
    check(run(invoke, args, 200), run(invoke, args, width), width, ids=ids, titles=titles)
