"""Answers you can trust: every figure and move has a basis, figures agree, gaps show
every change, and what nobody knows is shown as unknown."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from conftest import DATA, TINY, Invoke
from pmladder.catalog import CatalogSource, Ladder, load
from pmladder.ladder import route

UNKNOWNS = DATA / "unknowns.toml"
SEEDS = Path(
    os.environ.get("PMLADDER_SEEDS")
    or Path(__file__).parent.parent.parent / "shared" / "seeds"
)
SOURCE_FILES = {
    "climbing-the-ladder": "000_",
    "levels-overview": "001_",
    "job-titles-and-roles": "002_",
    "career-path-guide": "003_",
}


@pytest.fixture(scope="module")
def bundled() -> Ladder:
    return load(CatalogSource(None))


# --------------------------------------------------------------------------
# Provenance in the bundled catalogue


def test_every_move_time_and_experience_figure_has_a_basis(bundled: Ladder) -> None:
    source_ids = {s.id for s in bundled.whole_catalog().sources}
    for role in bundled.whole_catalog().roles:
        assert role.experience_years is not None, role.id
        assert role.experience_years_basis is not None, role.id
        for move in role.moves:
            where = (role.id, move.to)
            assert move.basis is not None, where
            assert move.typical_years is not None, where
            assert move.typical_years_basis is not None, where
            for basis in (move.basis, move.typical_years_basis):
                assert set(basis.sources or ()) <= source_ids, where
            # No source states a year count, so every typical time is an estimate.
            assert move.typical_years_basis.is_estimate, where


def test_moves_no_source_describes_are_marked_as_estimates(bundled: Ladder) -> None:
    unsourced = {
        (r.id, m.to)
        for r in bundled.whole_catalog().roles for m in r.moves
        if m.basis is not None and not m.basis.sources
    }
    assert unsourced == {
        ("pm", "data-pm"), ("pm", "growth-pm"), ("product-owner", "pm"), ("pmm", "pm"),
    }
    for role in bundled.whole_catalog().roles:
        for move in role.moves:
            assert move.basis is not None
            assert move.basis.sources or move.basis.is_estimate, (role.id, move.to)
    # Moves that neither a source supports nor are common were dropped.
    moves = {(r.id, m.to) for r in bundled.whole_catalog().roles for m in r.moves}
    assert ("apm", "product-owner") not in moves
    assert ("product-owner", "senior-pm") not in moves
    assert ("group-pm", "product-lead") not in moves


def test_bundled_catalogue_validates_without_warnings(bundled: Ladder, invoke: Invoke) -> None:
    assert bundled.warnings == ()
    result = invoke("validate")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_experience_adds_up_along_every_move_up(bundled: Ladder) -> None:
    for role in bundled.whole_catalog().roles:
        for move in role.moves:
            if move.kind == "lateral":
                continue
            target = bundled.roles[move.to]
            assert role.experience_years is not None
            assert move.typical_years is not None
            assert target.experience_years == role.experience_years + move.typical_years, (
                role.id, move.to)


def test_apm_to_cpo_totals_the_cpos_experience(bundled: Ladder, invoke: Invoke) -> None:
    found = route(bundled, bundled.roles["apm"], bundled.roles["cpo"])
    assert found.typical_years == bundled.roles["cpo"].experience_years == 17
    assert found.years_estimated
    doc = json.loads(invoke("path", "apm", "cpo", "--json").stdout)
    assert doc["total"]["typical_years"] == 17
    assert doc["total"]["years_estimated"] is True


def test_no_promotion_lowers_or_drops_a_rating_unless_it_says_so(bundled: Ladder) -> None:
    rank = bundled.scale_rank
    for role in bundled.whole_catalog().roles:
        for move in role.moves:
            if move.kind not in ("promotion", "management"):
                continue
            target = bundled.roles[move.to]
            for comp, level in role.competencies.items():
                after = target.competencies.get(comp)
                if after is None or rank[after] < rank[level]:
                    assert comp in move.asks_less, (role.id, move.to, comp)
                    assert "rat" in (move.note or ""), (role.id, move.to)
            # asks_less names only what really falls.
            for comp in move.asks_less:
                after = target.competencies.get(comp)
                assert after is None or rank[after] < rank[role.competencies[comp]]


def test_no_mid_level_role_is_rated_expert(bundled: Ladder) -> None:
    """The scale's Expert is the authority for a product group or department."""
    expert = bundled.scale_rank["expert"]
    for role in bundled.whole_catalog().roles:
        if role.level <= 2:
            assert all(bundled.scale_rank[v] < expert for v in role.competencies.values()), (
                role.id)


def test_the_lateral_between_product_lead_and_group_pm_is_level(bundled: Ladder) -> None:
    lead, group = bundled.roles["product-lead"], bundled.roles["group-pm"]
    assert lead.competencies == group.competencies
    assert [m.kind for m in lead.moves if m.to == "group-pm"] == ["lateral"]


# --------------------------------------------------------------------------
# Notes and facts, pinned against the sources' wording


def _seed(source: str) -> str:
    found = list(SEEDS.glob(SOURCE_FILES[source] + "*.txt"))
    assert found, source
    return found[0].read_text(encoding="utf-8").lower()


# (source, words it uses, role, field, words the catalogue uses for the same fact)
FACTS = [
    ("climbing-the-ladder", "negotiation", "senior-pm", "experience", "negotiation"),
    ("job-titles-and-roles", "product and brand management", "senior-pm", "experience",
     "brand management"),
    ("job-titles-and-roles", "detail-oriented", "product-owner", "experience", "detail-oriented"),
    ("climbing-the-ladder", "problem-solving", "pm", "experience", "solving problems"),
    ("climbing-the-ladder", "effective leadership", "pm", "experience", "leadership"),
    ("job-titles-and-roles", "complex technical challenges", "technical-pm", "experience",
     "complex technical problems"),
    ("levels-overview", "supporting the product development process", "apm",
     "responsibilities", "support the development process"),
    ("job-titles-and-roles", "teamwork", "apm", "experience", "team player"),
    ("levels-overview", "a group of products or an entire product line", "director", "notes",
     "one entire product line"),
    ("career-path-guide", "group product manager / director of product", "director", "notes",
     "director of product as another title for its group pm level"),
    ("climbing-the-ladder", "product owner:", "product-owner", "notes",
     "lists it after the senior pm"),
]


def _field(bundled: Ladder, role: str, field: str) -> str:
    value = getattr(bundled.roles[role], field)
    text = " ".join(value) if isinstance(value, list) else value or ""
    return re.sub(r"\s+", " ", text.lower())


@pytest.mark.parametrize(("source", "seed_words", "role", "field", "words"), FACTS)
def test_fact_is_carried_over(
    bundled: Ladder, source: str, seed_words: str, role: str, field: str, words: str
) -> None:
    assert words in _field(bundled, role, field)
    assert source in bundled.roles[role].sources
    if SEEDS.is_dir():
        assert seed_words in re.sub(r"\s+", " ", _seed(source))


def test_wrong_notes_are_gone(bundled: Ladder) -> None:
    senior = _field(bundled, "senior-pm", "notes")
    assert "all sources describe mentoring" not in senior
    assert "principal or staff pm" in senior
    assert "name no individual-contributor role above senior pm" in senior
    cpo = _field(bundled, "cpo", "notes")
    assert "says nothing about smaller ones" in cpo
    if SEEDS.is_dir():
        guide = _seed("career-path-guide")
        assert "in larger organizations" in guide
        assert "smaller" not in guide
        titles = _seed("job-titles-and-roles")
        senior_section = titles.split("7. senior product manager")[1].split("8. product lead")[0]
        assert "mentor" not in senior_section
    # The header no longer claims every role is rated on all fourteen competencies.
    assert "rates each role on fourteen" not in (bundled.whole_catalog().description or "")
    counts = {len(r.competencies) for r in bundled.whole_catalog().roles}
    assert min(counts) >= 8
    assert max(counts) <= 12


def test_swot_is_attached_only_where_a_note_justifies_it(bundled: Ladder) -> None:
    with_swot = [r.id for r in bundled.whole_catalog().roles if "SWOT analysis" in r.frameworks]
    assert with_swot == ["senior-pm"]
    assert "swot" in _field(bundled, "senior-pm", "notes")


def test_the_levels_overviews_group_lead_is_read_one_way(bundled: Ladder) -> None:
    assert "levels-overview" in bundled.roles["product-lead"].sources
    assert "levels-overview" not in bundled.roles["group-pm"].sources
    assert "group pm and director share one level" not in _field(bundled, "group-pm", "notes")


# --------------------------------------------------------------------------
# Output marks estimates and shows the basis


def test_show_marks_estimates_and_lists_each_basis(invoke: Invoke) -> None:
    result = invoke("show", "senior-pm", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "(typically 5+ years, estimate)" in out
    assert "Where the figures and moves come from" in out
    assert "Move to group-pm: stated by career-path-guide" in out
    assert "Time before the move to group-pm, 3 years: estimate: No source gives a time" in out
    assert "(estimate) marks the catalogue's own judgement" in out
    assert out.count("marks the catalogue's own judgement") == 1


def test_path_marks_estimates_and_says_where_each_claim_comes_from(invoke: Invoke) -> None:
    result = invoke("path", "apm", "cpo", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "(6 steps, typically 17 years, estimate)" in out  # the answer, first
    assert out.startswith("Route: ")
    assert "Basis of the move: stated by career-path-guide; climbing-the-ladder" in out
    assert out.count("marks the catalogue's own judgement") == 1
    doc = json.loads(invoke("path", "pm", "data-pm", "--json").stdout)
    step = doc["steps"][0]
    assert step["basis"]["estimate"].startswith("The job-titles article")
    assert "sources" not in step["basis"]
    assert step["typical_years_basis"]["estimate"]


def test_json_of_show_and_list_carry_the_basis(invoke: Invoke) -> None:
    doc = json.loads(invoke("show", "cpo", "--json").stdout)
    assert doc["role"]["experience_years_basis"]["estimate"]
    assert doc["comes_from"][0]["basis"]["sources"]
    listing = json.loads(invoke("list", "--json").stdout)
    moves = [m for t in listing["tracks"] for r in t["roles"] for m in r["leads_to"]]
    assert all(m["typical_years_basis"] for m in moves)


def test_compare_marks_estimated_experience(invoke: Invoke) -> None:
    result = invoke("compare", "pm", "director", env={"COLUMNS": "200"})
    assert "(typically 2+ years, estimate)" in result.stdout
    assert "typically 9 years, estimate" in result.stdout
    doc = json.loads(invoke("compare", "pm", "director", "--json").stdout)
    assert doc["roles"][0]["experience_years_basis"]["estimate"]
    assert doc["routes"][0]["moves"][0]["basis"]["sources"]


# --------------------------------------------------------------------------
# Gaps that show every change


def test_path_shows_what_a_promotion_asks_less_of(invoke: Invoke) -> None:
    out = invoke("path", "technical-pm", "senior-pm", env={"COLUMNS": "200"}).stdout
    assert "asks less: Technical fluency Advanced → Working (intended; see the move's note)" in out
    assert "asks less: Requirements and specification Advanced → Working" in out


def test_path_shows_what_the_next_role_does_not_rate(invoke: Invoke) -> None:
    out = invoke("path", "pm", "growth-pm", env={"COLUMNS": "200"}).stdout
    assert ("not rated by Growth Product Manager: Requirements and specification "
            "(was Working), Technical fluency (was Working)") in out
    assert "intended" not in out.split("not rated by")[1].splitlines()[0]
    doc = json.loads(invoke("path", "pm", "growth-pm", "--json").stdout)
    unrated = doc["steps"][0]["gap"]["unrated"]
    assert [u["competency"] for u in unrated] == [
        "specification", "technical", "people-leadership"]
    assert all(u["after"] is None and u["expected"] is False for u in unrated)


def test_lateral_moves_show_falls_too(invoke: Invoke) -> None:
    out = invoke("path", "product-owner", "pm", env={"COLUMNS": "200"}).stdout
    assert "asks less: Requirements and specification Advanced → Working" in out


def test_a_competency_an_earlier_role_rated_is_not_new(invoke: Invoke) -> None:
    result = invoke("--catalog", str(UNKNOWNS), "path", "junior", "senior",
                    env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    step2 = result.stdout.split("Step 2")[1].split("Total")[0]
    assert re.search(r"Tools\s+Mid \(as junior\)\s+→\s+High", step2)
    assert "new" not in step2
    doc = json.loads(invoke("--catalog", str(UNKNOWNS), "path", "junior", "senior",
                            "--json").stdout)
    rising = doc["steps"][1]["gap"]["rising"]
    assert {"competency": "tools", "via": "junior", "before": "mid"}.items() <= next(
        r for r in rising if r["competency"] == "tools").items()
    assert doc["steps"][1]["gap"]["new"] == []


# --------------------------------------------------------------------------
# Unknowns shown as unknown


def test_path_with_no_typical_time_says_unknown(invoke: Invoke) -> None:
    result = invoke("--catalog", str(UNKNOWNS), "path", "junior", "senior",
                    env={"COLUMNS": "100"})
    out = result.stdout
    flowing = " ".join(out.split())
    assert "(2 steps, typical time unknown: some moves state none; the others add up to " \
        "2 years" in flowing
    assert "Move: ↑ promotion, typical time unknown" in out
    assert not re.search(r"\b0 years\)", out.split("Step 2")[1])
    doc = json.loads(invoke("--catalog", str(UNKNOWNS), "path", "junior", "lead",
                            "--json").stdout)
    assert doc["steps"][0]["typical_years"] is None
    assert doc["total"]["typical_years"] is None
    assert doc["total"]["years_known"] is False
    assert doc["total"]["typical_years_stated"] == 0


def test_unrated_role_is_unknown_in_path(invoke: Invoke) -> None:
    result = invoke("--catalog", str(UNKNOWNS), "path", "maker", "lead")
    assert result.exit_code == 0, result.output
    assert "No competencies rated for this role (Lead Maker): what it asks is unknown." in (
        result.stdout)
    assert "No competency needs to rise" not in result.stdout
    assert "not rated by" not in result.stdout
    doc = json.loads(invoke("--catalog", str(UNKNOWNS), "path", "maker", "lead",
                            "--json").stdout)
    gap = doc["steps"][0]["gap"]
    assert gap["rated"] is False
    assert gap["unrated"] == []


def test_unrated_role_is_unknown_in_show(invoke: Invoke) -> None:
    result = invoke("--catalog", str(UNKNOWNS), "show", "lead")
    assert result.exit_code == 0, result.output
    assert "no competencies rated for this role" in result.stdout
    assert "unknown" in result.stdout.split("Comes from")[1]  # the move's typical time


def test_unrated_role_is_unknown_in_compare(invoke: Invoke) -> None:
    result = invoke("--catalog", str(UNKNOWNS), "compare", "senior", "lead",
                    env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert "lead: no competencies rated for this role" in result.stdout
    doc = json.loads(invoke("--catalog", str(UNKNOWNS), "compare", "senior", "lead",
                            "--json").stdout)
    assert [r["rated"] for r in doc["roles"]] == [True, False]
    # Against an unrated role, nothing is "the most".
    assert all(c["highest"] == [] for c in doc["competencies"])


def test_unrated_target_is_unknown_in_assess(invoke: Invoke, tmp_path: Path) -> None:
    profile = tmp_path / "me.toml"
    profile.write_text('[ratings]\ncraft = "high"\ntools = "high"\n', encoding="utf-8")
    result = invoke("--catalog", str(UNKNOWNS), "assess", str(profile), "--target", "lead")
    assert result.exit_code == 0, result.output
    assert "No competencies rated for this role: what it asks is unknown" in result.stdout
    assert "Above the target" not in result.stdout
    doc = json.loads(invoke("--catalog", str(UNKNOWNS), "assess", str(profile), "--target",
                            "lead", "--json").stdout)
    assert doc["comparison"]["rated"] is False
    assert doc["comparison"]["above"] == []


# --------------------------------------------------------------------------
# validate catches the same contradictions in a team's file


CONTRADICTIONS = TINY.read_text(encoding="utf-8")


def _team_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "team.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_validate_warns_when_figures_contradict(invoke: Invoke, tmp_path: Path) -> None:
    # junior (0 years) + 2 years should make a maker of 2; say 4 instead.
    text = CONTRADICTIONS.replace("experience_years = 2\n", "experience_years = 4\n", 1)
    assert text != CONTRADICTIONS
    result = invoke("validate", str(_team_file(tmp_path, text)))
    assert result.exit_code == 0, result.output
    assert ("junior asks 0 years of experience and this move comes after 2 years more, so "
            "maker should ask about 2 years, but it asks 4 years") in result.stderr
    assert "warning: roles[0].moves[0].typical_years (role 'junior')" in result.stderr


def test_validate_warns_when_a_promotion_lowers_or_drops_a_rating(
    invoke: Invoke, tmp_path: Path
) -> None:
    text = CONTRADICTIONS.replace('competencies = { craft = "mid" }',
                                  'competencies = { people = "low" }', 1)
    assert text != CONTRADICTIONS
    result = invoke("validate", str(_team_file(tmp_path, text)))
    assert result.exit_code == 0, result.output
    assert "maker does not rate 'craft', which junior rates Low" in result.stderr
    assert "list it in this move's asks_less" in result.stderr
    # Listing it in asks_less says the catalogue means it: no warning.
    meant = text.replace('kind = "promotion"\ntypical_years = 2\n',
                         'kind = "promotion"\ntypical_years = 2\nasks_less = ["craft"]\n', 1)
    assert meant != text
    quiet = invoke("validate", str(_team_file(tmp_path, meant)))
    assert "'craft'" not in quiet.stderr


def test_validate_rejects_undefined_ids_in_a_basis(invoke: Invoke, tmp_path: Path) -> None:
    text = CONTRADICTIONS.replace(
        'typical_years = 2\n',
        'typical_years = 2\ntypical_years_basis = { sources = ["handbok"] }\n'
        'asks_less = ["crafts"]\n', 1)
    result = invoke("validate", str(_team_file(tmp_path, text)))
    assert result.exit_code == 3, result.output
    assert ("roles[0].moves[0].typical_years_basis.sources[0] (role 'junior'): source "
            "'handbok' is not defined (did you mean 'handbook'?)") in result.stderr
    assert "competency 'crafts' is not defined (did you mean 'craft'?)" in result.stderr


def test_markdown_export_marks_estimates_and_unknowns(invoke: Invoke) -> None:
    bundled = invoke("export", "--format", "markdown").stdout
    assert "Figures and moves marked *(estimate)* are the catalogue's own judgement" in bundled
    assert "- **Years of experience:** 17 years *(estimate)*" in bundled
    assert "- Move to `group-pm`: stated by career-path-guide" in bundled
    team = invoke("--catalog", str(UNKNOWNS), "export", "--format", "markdown").stdout
    assert "No competencies rated for this role: what it asks is unknown." in team
    assert "(promotion, typical time unknown)" in team
    assert "*(estimate)*" in team  # the maker's guessed time
    assert "- Years of experience: stated by handbook" in team


def test_validate_warns_about_an_asks_less_that_says_nothing_true(
    invoke: Invoke, tmp_path: Path
) -> None:
    # The maker rates craft higher than the junior, and the move has no note.
    text = CONTRADICTIONS.replace('kind = "promotion"\ntypical_years = 2\n',
                                  'kind = "promotion"\ntypical_years = 2\nasks_less = ["craft"]\n',
                                  1)
    assert text != CONTRADICTIONS
    result = invoke("validate", str(_team_file(tmp_path, text)))
    assert result.exit_code == 0, result.output
    assert ("asks_less lists 'craft', but maker does not ask less of it than junior; remove it "
            "from asks_less") in result.stderr
    assert "asks_less needs a note on the move saying why" in result.stderr


def test_undefined_basis_ids_are_reported_beside_other_errors(
    invoke: Invoke, tmp_path: Path
) -> None:
    """A file with a shape error still gets its basis ids checked: every problem at once."""
    text = CONTRADICTIONS.replace(
        'typical_years = 2\n',
        'typical_years = 2\nbasis = { sources = ["handbok"] }\n', 1,
    ).replace("level = 1\n", 'level = "one"\n', 1)
    result = invoke("validate", str(_team_file(tmp_path, text)))
    assert result.exit_code == 3, result.output
    assert "source 'handbok' is not defined (did you mean 'handbook'?)" in result.stderr
    assert "roles[0].level" in result.stderr


def test_path_marks_both_experience_figures_it_compares(invoke: Invoke) -> None:
    out = invoke("path", "pm", "senior-pm", env={"COLUMNS": "200"}).stdout
    experience = out.split("Experience")[1].split("marks the catalogue's own")[0]
    assert "(typically 2+ years, estimate)" in experience
    assert "(typically 5+ years, estimate)" in experience
    gap = json.loads(invoke("path", "pm", "senior-pm", "--json").stdout)["steps"][0]["gap"]
    assert gap["experience_years"] == [2, 5]
    assert gap["experience_years_before_basis"]["estimate"]
    assert gap["experience_years_basis"]["estimate"]


# --------------------------------------------------------------------------
# What the cold review of issue 8 found


def test_a_route_to_an_unrated_role_does_not_say_nothing_grows(invoke: Invoke) -> None:
    # junior -> maker raises Craft; lead rates nothing, so the total is unknown.
    args = ("--catalog", str(UNKNOWNS), "path", "junior", "lead")
    out = invoke(*args).stdout
    assert "No competency needs to rise along this route" not in out
    assert ("No competencies rated for this role (Lead Maker): what the route asks overall "
            "is unknown.") in out
    total = json.loads(invoke(*args, "--json").stdout)["total"]
    assert total["competencies"] is None
    assert total["competencies_known"] is False
    known = json.loads(invoke("--catalog", str(UNKNOWNS), "path", "junior", "senior",
                              "--json").stdout)["total"]
    assert known["competencies_known"] is True
    assert [c["competency"] for c in known["competencies"]] == ["craft", "tools"]


def test_assess_route_to_an_unrated_target_says_unknown(invoke: Invoke, tmp_path: Path) -> None:
    profile = tmp_path / "me.toml"
    profile.write_text('[ratings]\ncraft = "low"\ntools = "mid"\n', encoding="utf-8")
    args = ("--catalog", str(UNKNOWNS), "assess", str(profile), "--target", "lead")
    out = invoke(*args, env={"COLUMNS": "200"}).stdout
    assert "junior ↑ maker ↑ lead" in out
    assert "No competency needs to rise along this route" not in out
    # The rise the maker step asks is known; what lead asks on top is not.
    assert "Competencies to grow overall" in out
    assert ("No competencies rated for this role (Lead Maker): what the route asks beyond "
            "these is unknown.") in out
    total = json.loads(invoke(*args, "--json").stdout)["route"]["total"]
    assert total["competencies_known"] is False
    assert [c["competency"] for c in total["competencies"]] == ["craft"]


def _bases(value: object, key: str = "") -> list[dict[str, object]]:
    """Every basis object in a JSON document."""
    if isinstance(value, dict):
        own = [value] if key.endswith("basis") else []
        return own + [b for k, v in value.items() for b in _bases(v, k)]
    if isinstance(value, list):
        return [b for v in value for b in _bases(v, key)]
    return []


def test_every_document_writes_a_basis_the_same_way(invoke: Invoke) -> None:
    documents = [
        ("show", "pm"), ("show", "senior-pm"), ("path", "pm", "senior-pm"), ("list",),
        ("compare", "pm", "senior-pm"), ("path", "apm", "cpo"),
    ]
    seen: dict[str, set[tuple[str, ...]]] = {}
    for args in documents:
        doc = json.loads(invoke(*args, "--json").stdout)
        bases = _bases(doc)
        assert bases, args
        for b in bases:
            # A key the catalogue did not give is left out, never null.
            assert None not in b.values(), (args, b)
            assert set(b) <= {"sources", "estimate"}, (args, b)
            seen.setdefault(args[0], set()).add(tuple(sorted(b)))
    # The same estimate-only basis is written with the same keys by show and path.
    assert ("estimate",) in seen["show"]
    assert ("estimate",) in seen["path"]


def test_both_experience_figures_are_marked_in_json_total_and_site(
    invoke: Invoke, tmp_path: Path
) -> None:
    total = json.loads(invoke("path", "data-pm", "senior-pm", "--json").stdout)["total"]
    assert total["experience_years"] == [3, 5]
    assert total["experience_years_before_basis"]["estimate"]
    assert total["experience_years_basis"]["estimate"]
    out = invoke("path", "data-pm", "senior-pm", env={"COLUMNS": "200"}).stdout
    experience = out.split("\nExperience")[1].split("marks the catalogue's own")[0]
    assert experience.count("+ years, estimate)") == 2
    result = invoke("site", str(tmp_path / "site"))
    assert result.exit_code == 0, result.output
    page = (tmp_path / "site" / "moves" / "pm" / "senior-pm.html").read_text(encoding="utf-8")
    mark = '<span class="estimate">estimate</span>'
    assert f"(2 years, {mark} &#8594; 5 years, {mark})" in page


def test_experience_figures_stay_when_only_the_words_change(invoke: Invoke) -> None:
    # Product Lead and Group PM both ask 8 years but describe the experience differently.
    out = invoke("path", "product-lead", "group-pm", env={"COLUMNS": "200"}).stdout
    experience = out.split("\nExperience")[1].split("marks the catalogue's own")[0]
    assert experience.count("(typically 8+ years, estimate)") == 2
    gap = json.loads(invoke("path", "product-lead", "group-pm", "--json").stdout)
    assert gap["steps"][0]["gap"]["experience_years"] == [8, 8]


def test_the_pm_note_on_moves_into_specialisms_matches_their_bases(bundled: Ladder) -> None:
    pm = bundled.roles["pm"]
    note = next(n for n in pm.notes if "moves into" in n)
    named = {"Technical PM": "technical-pm", "Product Owner": "product-owner",
             "Data PM": "data-pm", "Growth PM": "growth-pm", "marketing": "pmm"}
    bases = {m.to: m.basis for m in pm.moves}
    checked = set()
    for sentence in re.split(r"(?<=\.) ", " ".join(note.split())):
        reading = "catalogue's reading" in sentence
        for words, role in named.items():
            if words in sentence and role not in checked:
                checked.add(role)
                basis = bases[role]
                assert basis is not None
                # Called the catalogue's reading exactly when the basis is an estimate.
                assert basis.is_estimate is reading, (role, sentence)
    assert checked == set(named.values())


def test_validate_warns_when_a_sideways_move_asks_more_than_it_can_give(
    invoke: Invoke, tmp_path: Path
) -> None:
    # lead (5 years) + 1 year moves sideways into expert; make expert ask 8.
    # (expert's figure comes first in the file)
    text = CONTRADICTIONS.replace("experience_years = 5\n", "experience_years = 8\n", 1)
    assert "experience_years = 8" in text
    result = invoke("validate", str(_team_file(tmp_path, text)))
    assert result.exit_code == 0, result.output
    assert ("lead asks 5 years of experience and this lateral move comes after 1 year more, "
            "so someone making it has about 6 years, but expert asks 8 years") in result.stderr
    route = invoke("--catalog", str(tmp_path / "team.toml"), "path", "lead", "expert",
                   env={"COLUMNS": "200"}).stdout
    assert "6, fewer than Expert Maker asks (8+): the catalogue's figures disagree" in route
    # A sideways move that leaves the person with more than the next role asks is fine.
    clean = invoke("validate", str(_team_file(tmp_path, CONTRADICTIONS)))
    assert "lateral move" not in clean.stderr


def test_a_route_that_goes_sideways_explains_its_experience(invoke: Invoke) -> None:
    out = invoke("path", "pmm", "cpo", env={"COLUMNS": "200"}).stdout
    summary = out.split("Competencies to grow overall")[0]
    assert "Experience: Product Marketing Manager asks 2+ years" in summary
    assert ("2 years plus the route's 17 make 19, more than Chief Product Officer asks "
            "(17+, estimate): sideways moves need not add up") in " ".join(summary.split())
    total = json.loads(invoke("path", "pmm", "cpo", "--json").stdout)["total"]
    assert total["experience_years"] == [2, 17]
    assert total["experience_years_on_arrival"] == 19
    up = json.loads(invoke("path", "apm", "cpo", "--json").stdout)["total"]
    assert up["experience_years_on_arrival"] == 17
    assert "sideways moves" not in invoke("path", "apm", "cpo").stdout


def _criterion(bundled: Ladder, competency: str, step: str) -> str:
    found = bundled.criterion(competency, step)
    assert found is not None, (competency, step)
    return " ".join(found.text.split())


@pytest.mark.parametrize(
    ("role", "responsibility", "competency", "step", "criterion"),
    [
        # The VP owns the organisation's budget: the Leading step's wording.
        ("vp-product", "product organisation's budget", "business", "leading",
         "product organisation's budget"),
        # The Director answers for the portfolio's success: the Expert step's wording.
        ("director", "success of the product portfolio", "business", "expert",
         "business results of a product portfolio"),
        # The Group PM reports to senior leadership: the Expert step's wording.
        ("group-pm", "results to senior leadership", "communication", "expert",
         "results to senior leadership"),
    ],
)
def test_a_role_is_rated_at_the_step_its_duties_describe(
    bundled: Ladder, role: str, responsibility: str, competency: str, step: str, criterion: str
) -> None:
    the_role = bundled.roles[role]
    assert any(responsibility in r for r in the_role.responsibilities)
    assert criterion in _criterion(bundled, competency, step)
    assert the_role.competencies[competency] == step


def test_research_criteria_cite_only_what_the_sources_say(bundled: Ladder) -> None:
    advanced = bundled.criterion("research", "advanced")
    expert = bundled.criterion("research", "expert")
    assert advanced is not None
    assert expert is not None
    assert advanced.basis is not None
    assert expert.basis is not None
    # The levels overview's Senior PM says nothing about research.
    assert advanced.basis.sources == ["climbing-the-ladder"]
    # No role is rated Expert in research, so its basis claims no role's work.
    assert not any(r.competencies.get("research") == "expert" for r in bundled.every_role())
    assert expert.basis.sources is None
    assert expert.basis.estimate is not None
    assert "Group PM" not in expert.basis.estimate


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles are not here")
def test_the_ratings_changed_by_the_review_rest_on_the_seeds() -> None:
    guide = _seed("career-path-guide")
    ladder = _seed("climbing-the-ladder")
    assert "present team strategies and results to senior leadership" in guide
    assert "oversee the budget and hiring plans for the product organization" in guide
    assert "manage budgets" in ladder
    overview = _seed("levels-overview")
    senior = overview.split("senior product manager:")[1].split("\n")[0]
    assert "research" not in senior
    assert "accountable for the success of their product portfolio" in overview


def test_fractions_of_a_year_that_add_up_need_no_explanation(
    invoke: Invoke, tmp_path: Path
) -> None:
    levels = ('levels = [{ id = "a", name = "A", description = "a." }, '
              '{ id = "b", name = "B", description = "b." }]')
    text = "\n".join([
        'format_version = 1', 'name = "Fractions"', "[scale]", 'name = "S"', levels,
        "[[tracks]]", 'id = "t"', 'name = "T"',
        "[[levels]]", "rank = 1", 'name = "One"', "[[levels]]", "rank = 2", 'name = "Two"',
        "[[competencies]]", 'id = "c"', 'name = "C"', 'description = "c."',
        "[[roles]]", 'id = "x"', 'title = "X"', 'track = "t"', "level = 1", 'summary = "x."',
        'responsibilities = ["x"]', 'competencies = { c = "a" }', "experience_years = 0.1",
        "[[roles.moves]]", 'to = "y"', 'kind = "promotion"', "typical_years = 0.2",
        "[[roles]]", 'id = "y"', 'title = "Y"', 'track = "t"', "level = 2", 'summary = "y."',
        'responsibilities = ["y"]', 'competencies = { c = "b" }', "experience_years = 0.3", "",
    ])
    path = _team_file(tmp_path, text)
    result = invoke("--catalog", str(path), "path", "x", "y")
    assert result.exit_code == 0, result.output
    assert "Experience:" not in result.stdout
    more = _team_file(tmp_path, text.replace("experience_years = 0.3", "experience_years = 0.5"))
    out = invoke("--catalog", str(more), "path", "x", "y", env={"COLUMNS": "200"}).stdout
    assert "0.1 years plus the route's 0.2 make 0.3, fewer than Y asks (0.5+)" in out
