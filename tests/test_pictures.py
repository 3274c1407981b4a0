"""Pictures of the ladder: Mermaid, Graphviz DOT and pmladder's own SVG.

Tested through ``pmladder export --format mermaid|dot|svg`` (what a user runs)
and on the functions for the details. Hostile catalogue text must stay text in
every format.
"""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from itertools import combinations, pairwise
from pathlib import Path
from typing import Any

import pytest

from conftest import TINY, Invoke, require_tool
from pmladder.catalog import find_source, load
from pmladder.index import Ladder
from pmladder.inert import mermaid_label, xml
from pmladder.kinds import KINDS
from pmladder.models import MOVE_KINDS
from pmladder.views.pictures.dot import dot
from pmladder.views.pictures.layout import layout
from pmladder.views.pictures.mermaid import mermaid
from pmladder.views.pictures.svg import svg, wrap
from pmladder.views.wording import ESTIMATE_MARK

SVG_NS = "{http://www.w3.org/2000/svg}"

HOSTILE_TITLE = 'Junior <script>alert(1)</script> & "Maker" \\u0007 it\'s `odd` ]];'


@pytest.fixture(scope="module")
def bundled() -> Ladder:
    return load(find_source(None, environ={}, cwd=Path("/")))


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    text = TINY.read_text(encoding="utf-8")
    text = text.replace('title = "Junior Maker"', f'title = "{_toml(HOSTILE_TITLE)}"')
    text = text.replace('name = "Management"', 'name = "Management & <b>Leads</b> \\"x\\""')
    text = text.replace('name = "Tiny test ladder"', 'name = "Tiny </title><svg onload=x>"')
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _toml(value: str) -> str:
    return value.replace('"', '\\"')


def _load(path: Path) -> Ladder:
    return load(find_source(str(path), environ={}, cwd=Path("/")))


# --------------------------------------------------------------------------
# Through the export command


@pytest.mark.parametrize("fmt", ["mermaid", "dot", "svg"])
def test_export_draws_every_role(invoke: Invoke, fmt: str, bundled: Ladder) -> None:
    result = invoke("export", "--format", fmt)
    assert result.exit_code == 0, result.output
    for role in bundled.whole_catalog().roles:
        assert role.id in result.stdout, role.id


@pytest.mark.parametrize("fmt", ["mermaid", "dot", "svg"])
def test_export_on_a_team_catalogue(invoke: Invoke, fmt: str) -> None:
    result = invoke("--catalog", str(TINY), "export", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "Team Lead" in result.stdout
    assert "Individual contributors" in result.stdout


def test_export_svg_to_a_file_is_a_picture(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "ladder.svg"
    result = invoke("export", "--format", "svg", "--output", str(target))
    assert result.exit_code == 0, result.output
    root = ET.parse(target).getroot()
    assert root.tag == f"{SVG_NS}svg"


# --------------------------------------------------------------------------
# Mermaid


def test_mermaid_structure(bundled: Ladder) -> None:
    text = mermaid(bundled)
    out = text.splitlines()
    assert out[1] == "flowchart BT"
    assert sum(1 for line in out if line.strip().startswith("subgraph ")) == 5
    assert sum(1 for line in out if line.strip() == "end") == 5
    moves = sum(len(r.moves) for r in bundled.whole_catalog().roles)
    edges = [line for line in out if re.match(r"\s+r\d+ (-->|-\.->|==>)\|", line)]
    assert len(edges) == moves
    assert sum(1 for line in out if line.strip().startswith("linkStyle ")) == moves
    assert any("==>|\"into management ~3y (estimate)\"|" in line for line in edges)
    assert any("-.->|\"lateral ~2y (estimate)\"|" in line for line in edges)
    assert f"linkStyle 0 stroke:{KINDS['promotion'].colour}" in text


def test_mermaid_labels_cannot_escape(hostile: Path) -> None:
    text = mermaid(_load(hostile))
    assert "<script>" not in text
    assert "<b>" not in text
    assert "#60;script#62;alert(1)#60;/script#62;" in text
    # Every node line is exactly one quoted label: nothing can close the quote.
    for line in text.splitlines():
        if re.match(r"\s+r\d+\[", line):
            assert re.fullmatch(r'\s+r\d+\["[^"\[\]`]*"\]', line), line
        if line.strip().startswith("subgraph"):
            assert re.fullmatch(r'\s+subgraph t\d+\["[^"\[\]`<>]*"\]', line), line


def test_mermaid_label_keeps_plain_words() -> None:
    assert mermaid_label("Product Manager (pm)") == "Product Manager (pm)"
    assert mermaid_label('a"b') == "a#34;b"
    assert mermaid_label("x\ny") == "x y"


# --------------------------------------------------------------------------
# DOT


def test_dot_structure(bundled: Ladder) -> None:
    text = dot(bundled)
    assert text.startswith("digraph ladder {")
    assert text.rstrip().endswith("}")
    assert "rankdir=BT" in text
    assert len(re.findall(r"subgraph cluster_\d+ \{", text)) == 5
    assert len(re.findall(r"\{ rank=same;", text)) == 7
    assert "style=bold" in text
    assert "style=dashed" in text
    assert "style=dotted" in text
    moves = sum(len(r.moves) for r in bundled.whole_catalog().roles)
    # A move and its way back, of the same kind, are one line with two arrowheads.
    both = text.count("dir=both")
    assert both >= 2  # pm and product-owner, product-lead and group-pm
    assert len(re.findall(r"r\d+ -> r\d+ \[", text)) + both == moves


def test_dot_strings_are_escaped(hostile: Path) -> None:
    text = dot(_load(hostile))
    quoted = re.compile(r'"(?:[^"\\]|\\.)*"')
    for line in text.splitlines():
        rest = quoted.sub("", line)
        assert '"' not in rest, line
    assert '\\"Maker\\"' in text
    assert "\\\\x07" in text  # the bell shows as the text \x07
    assert "\x07" not in text


def test_graphviz_reads_it(hostile: Path, bundled: Ladder) -> None:
    require_tool("dot", "graphviz")
    for ladder in (bundled, _load(hostile)):
        done = subprocess.run(
            ["dot", "-Tsvg"], input=dot(ladder), capture_output=True, text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "Warning" not in done.stderr
        assert "Error" not in done.stderr
        ET.fromstring(done.stdout.split("\n", 1)[1] if done.stdout.startswith("<?xml")
                      else done.stdout)


def _graphviz_layout(text: str) -> dict[str, Any]:
    done = subprocess.run(["dot", "-Tjson"], input=text, capture_output=True, text=True,
                          check=True)
    layout: dict[str, Any] = json.loads(done.stdout)
    return layout


def _text_boxes(item: dict[str, Any], *keys: str) -> list[tuple[float, float, float, float]]:
    """Boxes around the text Graphviz draws for ``item``'s labels (points, y up)."""
    out = []
    for key in keys:
        for op in item.get(key, []):
            if op.get("op") == "T":
                x, y = op["pt"]
                half = op["width"] / 2
                out.append((x - half, y - 3, x + half, y + 11))
    return out


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _spline(edge: dict[str, Any]) -> list[tuple[float, float]]:
    points = []
    for part in edge.get("pos", "").split():
        if not part.startswith(("e,", "s,")):
            x, y = part.split(",")
            points.append((float(x), float(y)))
    return points


def test_graphviz_lays_it_out_without_labels_over_labels_or_arrows_over_titles(
    bundled: Ladder,
) -> None:
    require_tool("dot", "graphviz")
    layout = _graphviz_layout(dot(bundled))
    visible = [e for e in layout["edges"] if e.get("style") != "invis"]
    labels = [box for e in visible for box in _text_boxes(e, "_ldraw_", "_hldraw_", "_tldraw_")]
    assert len(labels) == len(visible)  # every move drawn carries its label
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert not _overlap(a, b), (a, b)
    titles = [box for o in layout["objects"] if o.get("name", "").startswith("title_")
              for box in _text_boxes(o, "_ldraw_")]
    assert len(titles) == 5
    for edge in visible:
        points = _spline(edge)
        for (x1, y1), (x2, y2) in pairwise(points):
            for k in range(21):
                x, y = x1 + (x2 - x1) * k / 20, y1 + (y2 - y1) * k / 20
                for box in titles:
                    assert not (box[0] <= x <= box[2] and box[1] <= y <= box[3]), edge


# --------------------------------------------------------------------------
# SVG


def _boxes(root: ET.Element) -> dict[str, tuple[float, float, float, float]]:
    """Each role's box (x, y, w, h), keyed by its tooltip."""
    out = {}
    for group in root.iter(f"{SVG_NS}g"):
        title = group.find(f"{SVG_NS}title")
        rect = group.find(f"{SVG_NS}rect")
        assert title is not None
        assert rect is not None
        out[title.text or ""] = tuple(float(rect.get(k, "0")) for k in ("x", "y", "width",
                                                                          "height"))
    return out  # type: ignore[return-value]


def test_svg_is_well_formed_and_complete(bundled: Ladder) -> None:
    root = ET.fromstring(svg(bundled))
    assert root.tag == f"{SVG_NS}svg"
    width, height = float(root.get("width", 0)), float(root.get("height", 0))
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    boxes = _boxes(root)
    assert len(boxes) == 13
    # No two role boxes overlap, and every box is inside the picture.
    for (a, ba), (b, bb) in combinations(boxes.items(), 2):
        apart = (ba[0] + ba[2] <= bb[0] or bb[0] + bb[2] <= ba[0]
                 or ba[1] + ba[3] <= bb[1] or bb[1] + bb[3] <= ba[1])
        assert apart, (a, b)
    for x, y, w, h in boxes.values():
        assert x >= 0
        assert x + w <= width
        assert y >= 0
        assert y + h <= height
    texts = list(root.iter(f"{SVG_NS}text"))
    for t in texts:
        assert 0 <= float(t.get("x", 0)) <= width
        assert 0 <= float(t.get("y", 0)) <= height
    words = " ".join(t.text or "" for t in texts)
    for role in bundled.whole_catalog().roles:
        assert role.id in words
    for kind in ("promotion", "lateral", "specialisation", "into management"):
        assert kind in words  # the legend


def test_svg_levels_run_top_down_and_tracks_left_to_right(bundled: Ladder) -> None:
    boxes = _boxes(ET.fromstring(svg(bundled)))
    by_id = {key.rsplit("(", 1)[1].rstrip(")"): v for key, v in boxes.items()}
    assert by_id["cpo"][1] < by_id["vp-product"][1] < by_id["director"][1]
    assert by_id["senior-pm"][1] < by_id["pm"][1] < by_id["apm"][1]
    assert by_id["pm"][1] == by_id["data-pm"][1] == by_id["pmm"][1]
    assert by_id["pm"][0] < by_id["technical-pm"][0] < by_id["product-owner"][0]
    assert by_id["product-owner"][0] < by_id["pmm"][0] < by_id["director"][0]


def test_svg_arrows_are_styled_by_kind(bundled: Ladder) -> None:
    root = ET.fromstring(svg(bundled))
    paths = [p for p in root.iter(f"{SVG_NS}path") if p.find(f"{SVG_NS}title") is not None]
    kinds = {}
    for path in paths:
        tip = path.find(f"{SVG_NS}title")
        assert tip is not None
        assert tip.text
        kinds[tip.text] = (path.get("stroke"), path.get("stroke-dasharray"),
                           path.get("marker-start"))
    management = kinds["senior-pm → group-pm: into management ~3y (estimate)"]
    assert management[0] == KINDS["management"].colour
    lateral = next(v for k, v in kinds.items() if k.startswith("pm → product-owner"))
    assert lateral[0] == KINDS["lateral"].colour
    assert lateral[1]
    assert lateral[2] == "url(#start-lateral)"  # PM <-> PO is one double-headed arrow
    spec = kinds["pm → data-pm: specialisation ~1y (estimate)"]
    assert spec[0] == KINDS["specialisation"].colour
    assert spec[1]
    # One arrow per move, with a double-headed arrow standing for two.
    moves = sum(len(r.moves) for r in bundled.whole_catalog().roles)
    doubles = sum(1 for v in kinds.values() if v[2])
    assert len(paths) + doubles == moves
    for kind in MOVE_KINDS:
        assert root.find(f".//{SVG_NS}marker[@id='end-{kind}']") is not None


def test_svg_escapes_hostile_text(hostile: Path) -> None:
    text = svg(_load(hostile))
    root = ET.fromstring(text)  # well-formed despite the title, the bell and the quotes
    assert "<script" not in text
    assert "<b>" not in text
    assert "onload" not in text.split(">")[0]
    words = " ".join(t.text or "" for t in root.iter(f"{SVG_NS}text"))
    assert "<script>alert(1)</sc" in words
    assert "\\x07" in ET.tostring(root, encoding="unicode") or "\\x07" in words
    assert "\x07" not in text
    title = root.find(f"{SVG_NS}title")
    assert title is not None
    assert title.text == "Tiny </title><svg onload=x>"


def test_svg_of_one_track(bundled: Ladder) -> None:
    root = ET.fromstring(svg(bundled, "leadership"))
    assert len(_boxes(root)) == 5


def test_xml_escaping() -> None:
    assert xml('<a href="x">&\'') == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
    assert xml("bell\x07 nul\x00") == "bell\\x07 nul\\x00"
    assert xml("rtl\u202eevil") == "rtl\\u202eevil"


def test_wrap_fits_and_marks_lost_text() -> None:
    assert wrap("Director of Product Management", 21) == ["Director of Product", "Management"]
    long = wrap("word " * 50, 10, 3)
    assert len(long) == 3
    assert long[-1].endswith("…")
    assert all(len(line) <= 11 for line in wrap("x" * 95, 10, 20))


def test_layout_counts(bundled: Ladder) -> None:
    lay = layout(bundled)
    assert [t.width for t in lay.tracks] == [1, 3, 1, 1, 2]
    assert [lv.rank for lv in lay.levels] == [7, 6, 5, 4, 3, 2, 1]
    assert all(e.shown for e in lay.edges)


def test_a_renderer_draws_it(tmp_path: Path, bundled: Ladder) -> None:
    require_tool("rsvg-convert", "librsvg2-bin")
    source = tmp_path / "ladder.svg"
    source.write_text(svg(bundled), encoding="utf-8")
    done = subprocess.run(["rsvg-convert", str(source), "-o", str(tmp_path / "ladder.png")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "ladder.png").stat().st_size > 10_000


def test_docs_picture_is_current(bundled: Ladder) -> None:
    from conftest import ROOT

    committed = ROOT / "docs" / "ladder.svg"
    assert committed.read_text(encoding="utf-8") == svg(bundled), (
        "docs/ladder.svg is out of date: run "
        "'pmladder export --format svg --output docs/ladder.svg --force'"
    )


def test_estimated_moves_are_marked_in_every_picture(bundled: Ladder) -> None:
    """A move or time that is the catalogue's estimate says so on the picture, too."""
    estimated = {
        (role.id, move.to)
        for role in bundled.whole_catalog().roles
        for move in role.moves
        if (move.basis and move.basis.is_estimate)
        or (move.typical_years_basis and move.typical_years_basis.is_estimate)
    }
    assert estimated  # the bundled catalogue has estimates to mark
    edges = layout(bundled).edges
    assert {(e.source, e.target) for e in edges if e.estimate} == estimated
    # The one mark, as the terminal writes it (issue 10): never an "est." of its own.
    assert f" {ESTIMATE_MARK}\"|" in mermaid(bundled)
    assert f" {ESTIMATE_MARK}" in dot(bundled)
    assert f"{ESTIMATE_MARK} marks the catalogue's estimate" in svg(bundled)
    assert not [p for p in (mermaid(bundled), dot(bundled), svg(bundled)) if " est." in p]
