"""``pmladder search``: ranking pinned on the bundled catalogue, snippets, errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import TINY, Invoke, lines
from pmladder.catalog import find_source, load
from pmladder.errors import ExitCode, NotFoundError, UsageError
from pmladder.index import Ladder
from pmladder.search import FIELD_WEIGHTS, INSIDE, PREFIX, WORD, search, snippet, words_of
from pmladder.views.search import HIGHLIGHT, highlighted


@pytest.fixture(scope="module")
def bundled() -> Ladder:
    return load(find_source(None, environ={}, cwd=Path("/")))


@pytest.fixture(scope="module")
def tiny() -> Ladder:
    return load(find_source(str(TINY), environ={}, cwd=Path("/")))


def ranking(ladder: Ladder, query: str) -> list[str]:
    return [hit.role for hit in search(ladder, query).hits]


# --------------------------------------------------------------------------
# Ranking, pinned on the bundled catalogue


def test_sql_finds_the_data_pm(bundled: Ladder) -> None:
    assert ranking(bundled, "SQL") == ["data-pm"]


def test_pricing_finds_the_pmm(bundled: Ladder) -> None:
    assert ranking(bundled, "pricing")[0] == "pmm"


def test_rice_finds_the_framework_not_the_word_price(bundled: Ladder) -> None:
    # "rice" starts a word (the RICE framework), so it is not matched inside "pricing".
    assert ranking(bundled, "RICE") == ["pm", "senior-pm"]


def test_user_stories_phrase(bundled: Ladder) -> None:
    result = search(bundled, "user stories")
    assert [h.role for h in result.hits] == ["apm", "product-owner"]
    # Same score, so the tie goes to catalogue order.
    assert result.hits[0].score == result.hits[1].score
    best = result.hits[0].matches[0]
    assert (best.field, best.text) == ("framework", "User stories")


def test_title_beats_everything_else(bundled: Ladder) -> None:
    hits = search(bundled, "growth").hits
    assert hits[0].role == "growth-pm"
    assert hits[0].matches[0].field == "title"


def test_more_matching_fields_break_ties(bundled: Ladder) -> None:
    hits = search(bundled, "expert").hits
    # Every hit rates something Expert; the director rates the most competencies so.
    assert hits[0].role == "director"
    assert all(h.score == hits[0].score for h in hits)
    assert [len(h.matches) for h in hits] == sorted((len(h.matches) for h in hits), reverse=True)


def test_roadmap_ranking(bundled: Ladder) -> None:
    assert ranking(bundled, "roadmap")[:3] == ["pm", "senior-pm", "group-pm"]


def test_case_and_punctuation_do_not_matter(bundled: Ladder) -> None:
    assert ranking(bundled, "sql") == ranking(bundled, "SQL") == ranking(bundled, '"Sql,"')
    assert ranking(bundled, "a/b") == ["growth-pm"]


def test_every_word_must_match_somewhere_in_the_role(bundled: Ladder) -> None:
    assert ranking(bundled, "sql statistical") == ["data-pm"]
    with pytest.raises(NotFoundError) as caught:
        search(bundled, "pricing sql")
    hints = " ".join(caught.value.hints)
    assert "'pricing' alone matches pmm" in hints
    assert "'sql' alone matches data-pm" in hints


def test_ranking_is_deterministic(bundled: Ladder) -> None:
    for query in ("product", "data", "strategy vision", "team"):
        assert search(bundled, query) == search(bundled, query)


def test_scoring_constants_are_ordered() -> None:
    assert WORD > PREFIX > INSIDE
    w = FIELD_WEIGHTS
    assert w["title"] > w["alias"] > w["framework"] > w["competency"] > w["responsibility"]
    assert w["responsibility"] > w["summary"] > w["experience"]


def test_prefix_and_inside_matches_on_a_team_catalogue(tiny: Ladder) -> None:
    # "mak" starts "Maker": a prefix, worth less than a whole word.
    prefix = search(tiny, "mak").hits
    whole = search(tiny, "maker").hits
    assert {h.role for h in prefix} == {h.role for h in whole}
    assert max(h.score for h in prefix) < max(h.score for h in whole)
    # "aker" starts no word anywhere, so it is matched inside words.
    inside = search(tiny, "aker").hits
    assert {h.role for h in inside} >= {"junior", "maker", "expert"}
    assert inside[0].score < prefix[0].score


def test_competency_ratings_are_searchable(tiny: Ladder) -> None:
    hits = search(tiny, "craft high").hits
    assert [h.role for h in hits] == ["expert"]
    assert hits[0].matches[0].text == "Craft: High"


# --------------------------------------------------------------------------
# Snippets and highlights


def test_snippet_cuts_around_the_match_and_shifts_offsets() -> None:
    text = "word " * 30 + "needle" + " word" * 30
    start = text.index("needle")
    cut, spans = snippet(text, ((start, start + 6),), width=40)
    assert cut.startswith("…")
    assert cut.endswith("…")
    assert len(cut) <= 42
    (s, e), = spans
    assert cut[s:e] == "needle"


def test_short_text_is_whole() -> None:
    assert snippet("SQL", ((0, 3),)) == ("SQL", ((0, 3),))


@given(
    st.text(min_size=1, max_size=300),
    st.integers(min_value=0, max_value=299),
    st.integers(min_value=1, max_value=20),
)
def test_snippet_highlights_point_at_the_same_text(text: str, at: int, size: int) -> None:
    start = min(at, len(text) - 1)
    end = min(start + size, len(text))
    cut, spans = snippet(text, ((start, end),), width=50)
    flat = "".join(" " if ch in "\n\r\t" else ch for ch in text)
    for s, e in spans:
        assert cut[s:e] in flat[start:end]
        assert e > s


def test_match_offsets_point_at_the_words(bundled: Ladder) -> None:
    for query in ("user stories", "analy", "SQL", "roadmap"):
        words = words_of(query)
        for hit in search(bundled, query).hits:
            for match in hit.matches:
                for s, e in match.spans:
                    assert match.text[s:e].lower() in words
                for s, e in match.highlights:
                    assert match.snippet[s:e].lower() in words


def test_highlighting_survives_hostile_text() -> None:
    snip = "\x1b[31m[bold]SQL[/bold] and sql"
    first, last = snip.index("SQL"), snip.rindex("sql")
    spans = ((first, first + 3), (last, last + 3))
    out = highlighted(snip, spans)
    assert out.plain == "\\x1b[31m[bold]SQL[/bold] and sql"
    styled = [out.plain[s.start:s.end] for s in out.spans if s.style == HIGHLIGHT]
    assert styled == ["SQL", "sql"]


# --------------------------------------------------------------------------
# Command


def test_table(invoke: Invoke) -> None:
    result = invoke("search", "SQL")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("1 role matches SQL")
    assert "Data/Analytics Product" in out
    assert "framework" in out
    assert "experience" in out
    assert "Excel, SQL and" in out
    assert "whole word > start of a word > inside a word" in out


def test_several_words_without_quotes(invoke: Invoke) -> None:
    result = invoke("search", "user", "stories")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("2 roles match user stories")
    first = [line for line in lines(result.stdout) if line.strip().startswith("1 ")]
    assert "Associate Product Manager" in first[0]


@pytest.mark.parametrize("width", [40, 80])
def test_fits_the_terminal(invoke: Invoke, width: int) -> None:
    result = invoke("search", "data", env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in lines(result.stdout)) <= width
    assert "data-pm" in result.stdout


def test_nothing_found_exits_1_with_close_words(invoke: Invoke) -> None:
    result = invoke("search", "sqll")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stdout == ""
    assert "error: no role matches 'sqll'" in result.stderr
    assert "did you mean: sql" in result.stderr


def test_close_words_come_from_a_team_catalogue(invoke: Invoke) -> None:
    result = invoke("--catalog", str(TINY), "search", "chekclists")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "did you mean: checklists" in result.stderr


def test_blank_text_is_a_usage_error(invoke: Invoke, bundled: Ladder) -> None:
    result = invoke("search", "  ")
    assert result.exit_code == ExitCode.USAGE
    assert "needs some text" in result.stderr
    with pytest.raises(UsageError):
        search(bundled, "x" * 501)


def test_json(invoke: Invoke) -> None:
    result = invoke("search", "pricing", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == 1
    assert doc["command"] == "search"
    assert doc["words"] == ["pricing"]
    first = doc["results"][0]
    assert (first["rank"], first["role"]) == (1, "pmm")
    match = first["matches"][0]
    assert match["field"] == "framework"
    (s, e), = match["offsets"]
    assert match["text"][s:e] == "Pricing"
    (s, e), = match["snippet_offsets"]
    assert match["snippet"][s:e] == "Pricing"
    assert match["words"] == ["pricing"]


def test_a_team_catalogue(invoke: Invoke) -> None:
    result = invoke("--catalog", str(TINY), "search", "review")
    assert result.exit_code == 0, result.output
    assert "catalogue: Tiny test ladder" in result.stdout
    ids = [r["role"] for r in json.loads(
        invoke("--catalog", str(TINY), "search", "review", "--json").stdout)["results"]]
    assert ids == ["maker", "lead"]


def test_help_has_an_example(invoke: Invoke) -> None:
    result = invoke("search", "--help")
    assert result.exit_code == 0
    assert 'Example: pmladder search "user stories"' in result.stdout


def test_limit(invoke: Invoke) -> None:
    result = invoke("search", "product", "--limit", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("13 roles match product; the best 2 are shown")
    assert "11 more: use --limit 0 to see them all." in result.stdout
    ranks = [line.split()[0] for line in lines(result.stdout) if re.match(r"\s+\d+\s", line)]
    assert ranks == ["1", "2"]
    doc = json.loads(invoke("search", "product", "--limit", "2", "--json").stdout)
    assert doc["total"] == 13
    assert [r["rank"] for r in doc["results"]] == [1, 2]
    everything = json.loads(invoke("search", "product", "--limit", "0", "--json").stdout)
    assert len(everything["results"]) == 13
    assert invoke("search", "product", "--limit", "-1").exit_code == ExitCode.USAGE
