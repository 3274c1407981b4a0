"""``pmladder site DIR``: the pages, their HTML, their links, escaping.

Writing the folder safely is tested in test_site_writing.py.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import html5lib  # type: ignore[import-untyped]
import pytest

from conftest import BUNDLED, ROOT, TINY, Invoke
from pmladder.catalog import CatalogSource, load
from pmladder.gaps import gap
from pmladder.site import MARKER, build
from pmladder.views.html_index import site_data
from pmladder.views.wording import ESTIMATE
from site_folders import make_site

EXAMPLE = ROOT / "examples" / "startup-product-team.toml"


class _Page(HTMLParser):
    """Links, ids, headings and text of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.headings: list[int] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("href", "src"):
            if values.get(name):
                self.links.append(values[name] or "")
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def pages(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ladder = load(CatalogSource(None))
    folder = tmp_path_factory.mktemp("site")
    for name, text in build(ladder):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# --------------------------------------------------------------------------
# What the site holds


def test_site_has_an_index_a_page_per_role_and_per_move(invoke: Invoke, tmp_path: Path) -> None:
    folder = make_site(invoke, tmp_path / "out")
    ladder = load(CatalogSource(None))
    assert (folder / "index.html").is_file()
    assert (folder / MARKER).is_file()
    for role in ladder.whole_catalog().roles:
        assert (folder / "roles" / f"{role.id}.html").is_file()
        for move in role.moves:
            assert (folder / "moves" / role.id / f"{move.to}.html").is_file()
    moves = sum(len(r.moves) for r in ladder.whole_catalog().roles)
    assert f"({len(ladder.ids)} role pages, {moves} move pages)" in invoke(
        "site", str(tmp_path / "again")
    ).stdout


@pytest.mark.parametrize("source", [BUNDLED, EXAMPLE, TINY], ids=["bundled", "example", "tiny"])
def test_every_page_is_valid_html5(invoke: Invoke, tmp_path: Path, source: Path) -> None:
    folder = make_site(invoke, tmp_path / "out", "--catalog", str(source))
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    for path in pages(folder):
        parser.parse(path.read_bytes())  # raises on any parse error


def test_the_strict_parser_would_catch_an_error() -> None:
    parser = html5lib.HTMLParser(strict=True)
    with pytest.raises(html5lib.html5parser.ParseError):
        parser.parse("<!DOCTYPE html><title>x</title><p>open</div>")


@pytest.mark.parametrize("source", [BUNDLED, EXAMPLE], ids=["bundled", "example"])
def test_no_broken_links_and_all_relative(invoke: Invoke, tmp_path: Path, source: Path) -> None:
    folder = make_site(invoke, tmp_path / "out", "--catalog", str(source))
    ids: dict[Path, set[str]] = {}
    for path in pages(folder):
        page = parse(path)
        for link in page.links:
            parts = urlsplit(link)
            assert not parts.scheme, f"{path}: {link} is not relative"
            assert not parts.netloc, f"{path}: {link} is not relative"
            assert not parts.path.startswith("/"), f"{path}: {link}"
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            assert target.is_file(), f"{path.relative_to(folder)} links to missing {link}"
            assert folder.resolve() in target.parents
            if parts.fragment:
                if target not in ids:
                    ids[target] = parse(target).ids
                assert parts.fragment in ids[target], f"{path}: no #{parts.fragment}"


def test_headings_are_in_order_with_one_h1(bundled_site: Path) -> None:
    for path in pages(bundled_site):
        levels = parse(path).headings
        assert levels.count(1) == 1, path
        assert levels[0] == 1, path
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, f"{path}: h{before} then h{after}"


def test_role_page_has_everything_show_has(bundled_site: Path) -> None:
    ladder = load(CatalogSource(None))
    scale = {s.id: s for s in ladder.head.scale.levels}
    sources = {s.id: s.title for s in ladder.head.sources}
    for role in ladder.whole_catalog().roles:
        text = " ".join("".join(parse(bundled_site / "roles" / f"{role.id}.html").text).split())
        expected = [role.title, role.summary, *role.responsibilities, *role.notes,
                    *role.aliases, *role.frameworks, role.education or "", role.experience or ""]
        expected += [sources[s] for s in role.sources]
        for comp, step in role.competencies.items():
            criterion = ladder.criterion(comp, step)
            meaning = scale[step].description if criterion is None else criterion.text
            expected += [ladder.competency_names[comp], scale[step].name, meaning]
        for move in role.moves:
            expected.append(ladder.roles[move.to].title)
        for source_id, _index in ladder.incoming[role.id]:
            expected.append(ladder.roles[source_id].title)
        for item in expected:
            assert " ".join(item.split()) in text, f"{role.id}: {item!r} missing"
    senior = (bundled_site / "roles" / "senior-pm.html").read_text(encoding="utf-8")
    for heading in ("Responsibilities", "Competencies", "Comes from", "Moves onward", "Sources"):
        assert f"<h2>{heading}" in senior
    assert "into management" in senior


def test_move_page_shows_the_gap_as_path_does(bundled_site: Path, invoke: Invoke) -> None:
    ladder = load(CatalogSource(None))
    doc = json.loads(invoke("path", "pm", "senior-pm", "--json").stdout)
    step = doc["steps"][0]
    page = (bundled_site / "moves" / "pm" / "senior-pm.html").read_text(encoding="utf-8")
    text = html.unescape(page)
    for change in step["gap"]["rising"]:
        assert re.search(
            rf"{re.escape(change['name'])}</th><td data-label=\"From\">"
            rf"{re.escape(change['before_name'])}</td>"
            rf"<td data-label=\"To\"><strong>{re.escape(change['after_name'])}</strong>",
            text,
        ), change
    for change in step["gap"]["new"]:
        assert f"{change['name']}</th><td data-label=\"From\" class=\"new\">new</td>" in text
    for item in step["gap"]["responsibilities_added"]:
        assert item in text
    # Every move's page lists every competency its gap rises in.
    for role in ladder.whole_catalog().roles:
        for move in role.moves:
            the_gap = gap(ladder, role, ladder.roles[move.to])
            body = html.unescape(
                (bundled_site / "moves" / role.id / f"{move.to}.html").read_text(encoding="utf-8")
            )
            for change in (*the_gap.rising, *the_gap.new):
                assert f"{change.name}</th>" in body
            if not the_gap.rising and not the_gap.new:
                assert "No competency needs to rise" in body


def test_index_has_picture_tables_scale_matrix_and_data(bundled_site: Path) -> None:
    ladder = load(CatalogSource(None))
    index = (bundled_site / "index.html").read_text(encoding="utf-8")
    for role in ladder.whole_catalog().roles:
        assert f'<a href="roles/{role.id}.html"><title>' in index  # linked in the picture
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in index
    assert 'aria-labelledby="ladder-title"' in index
    assert "<?xml" not in index
    for heading in ("The ladder", "Roles by track and level", "The scale", "Competencies"):
        assert f">{heading}" in index
    for comp in ladder.head.competencies:
        assert html.escape(comp.name, quote=True) in index or comp.name in index
    data = re.search(r'<script type="application/json" id="site-data">(.*?)</script>', index, re.S)
    assert data is not None
    roles = json.loads(data.group(1))["roles"]
    assert [r["id"] for r in roles] == list(ladder.order)
    # The search box and route finder stay hidden without the script.
    assert '<section id="find" class="tools" aria-labelledby="find-heading" hidden>' in index


def test_output_is_deterministic(invoke: Invoke, tmp_path: Path) -> None:
    first = make_site(invoke, tmp_path / "a")
    second = make_site(invoke, tmp_path / "b", "--catalog", str(BUNDLED))
    names = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


# --------------------------------------------------------------------------
# Hostile catalogues


HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</script><script>alert(2)</script>",
    "<!-- x --> &amp; \u2028 ]]>",
    "bell\x07 esc\x1b[2J \u202eevil",
]


@pytest.mark.parametrize("raw", HOSTILE)
def test_hostile_catalogue_text_renders_inert(invoke: Invoke, tmp_path: Path, raw: str) -> None:
    text = TINY.read_text(encoding="utf-8")
    text = text.replace('summary = "Learns the craft."', f"summary = {json.dumps(raw)}")
    text = text.replace('title = "Maker"', f"title = {json.dumps('Maker ' + raw)}")
    source = tmp_path / "hostile.toml"
    source.write_text(text, encoding="utf-8")
    folder = make_site(invoke, tmp_path / "out", "--catalog", str(source))
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    for path in pages(folder):
        body = path.read_text(encoding="utf-8")
        parser.parse(body)
        for bad in ("<script>alert", "<img", "onerror=alert(1)>", "\x1b", "\x07", "\u202e"):
            assert bad not in body, f"{path.name} holds {bad!r}"
        assert body.count("<script") == body.count("</script>")
        assert body.count("<script") <= 2
    junior = (folder / "roles" / "junior.html").read_text(encoding="utf-8")
    shown = " ".join("".join(parse(folder / "roles" / "junior.html").text).split())
    visible = raw.replace("\x07", "\\x07").replace("\x1b", "\\x1b").replace("\u202e", "\\u202e")
    assert " ".join(visible.split()) in shown, junior


# --------------------------------------------------------------------------
# What the pages say


def test_criteria_and_estimates_are_shown(invoke: Invoke, tmp_path: Path) -> None:
    from test_criteria import tiny_with

    source = tiny_with(tmp_path)
    text = source.read_text(encoding="utf-8").replace(
        'to = "maker"\n',
        'to = "maker"\nbasis = { estimate = "Our <guess> from two teams." }\n'
        'typical_years_basis = { sources = ["handbook"] }\n',
        1,
    )
    source.write_text(text, encoding="utf-8")
    folder = make_site(invoke, tmp_path / "out", "--catalog", str(source))
    index = (folder / "index.html").read_text(encoding="utf-8")
    matrix = index[index.index('<table class="matrix">'):]
    for said in ("Builds small pieces with help.", "Fixes a typo in a template.",
                 "Builds whole features alone.", "Our own reading of the handbook."):
        assert said in matrix, said
    assert '<span class="estimate">estimate</span>' in matrix
    ladder = load(CatalogSource(source))
    for role in ladder.whole_catalog().roles:
        page = (folder / "roles" / f"{role.id}.html").read_text(encoding="utf-8")
        for competency, step in role.competencies.items():
            criterion = ladder.criterion(competency, step)
            if criterion is not None:
                assert criterion.text in page
    junior = (folder / "roles" / "junior.html").read_text(encoding="utf-8")
    assert '<span class="estimate">estimate</span>: Our &lt;guess&gt; from two teams.' in junior
    assert "time: stated by Team handbook" in junior
    assert 'promotion (<span class="estimate">estimate</span>)' in junior
    move = (folder / "moves" / "junior" / "maker.html").read_text(encoding="utf-8")
    assert 'Basis of the move: <span class="estimate">estimate</span>' in move
    assert "Basis of the time: stated by Team handbook" in move


def test_move_pages_say_what_the_next_role_asks_less_of(
    bundled_site: Path, invoke: Invoke
) -> None:
    ladder = load(CatalogSource(None))
    checked = 0
    for role in ladder.whole_catalog().roles:
        for move in role.moves:
            doc = json.loads(invoke("path", role.id, move.to, "--json").stdout)
            if len(doc["steps"]) != 1:
                continue  # a quicker route exists: path shows that one instead
            step = doc["steps"][0]
            page = html.unescape((bundled_site / "moves" / role.id / f"{move.to}.html")
                                 .read_text(encoding="utf-8"))
            falls = step["gap"]["falling"] + step["gap"]["unrated"]
            assert ("What the next role asks less of" in page) == bool(falls), move
            for fall in falls:
                assert f"{fall['name']}" in page
            for change in step["gap"]["rising"]:
                if change["criterion"]:
                    assert change["criterion"]["text"] in page
            if step["typical_years"] is None:
                assert "typical time unknown" in page
            elif step["typical_years_basis"] and step["typical_years_basis"]["estimate"]:
                assert "in role (<span class=\"estimate\">estimate</span>)" in page
            checked += 1
    assert checked > 10
    group = html.unescape((bundled_site / "moves" / "senior-pm" / "group-pm.html")
                          .read_text(encoding="utf-8"))
    assert "Not rated by Group Product Manager: Requirements and specification (was Working)" \
        in group
    assert "(intended; see the move\u2019s note)" in group




def test_the_script_gets_the_estimate_word_with_its_data() -> None:
    """The site's route finder marks estimates with the word the terminal uses, passed
    in its data as the kinds' labels are, never spelt in the script (issue 10)."""
    ladder = load(CatalogSource(None))
    assert site_data(ladder)["estimate"] == ESTIMATE
    script = (ROOT / "src" / "pmladder" / "data" / "site" / "site.js").read_text(encoding="utf-8")
    assert "data.estimate" in script
    assert ESTIMATE not in script.replace("data.estimate", "").replace("estimated", "")
