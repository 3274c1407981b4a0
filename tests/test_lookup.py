"""Finding roles by id, alias or title, and what happens when a name misses."""

from __future__ import annotations

import pytest

from pmladder.catalog import CatalogSource, load
from pmladder.errors import AmbiguousRoleError, ExitCode, UnknownRoleError
from pmladder.index import Ladder
from pmladder.lookup import find_role, suggest
from pmladder.names import normalise


@pytest.fixture(scope="module")
def ladder() -> Ladder:
    return load(CatalogSource(None))


@pytest.mark.parametrize(
    ("name", "role_id"),
    [
        ("senior-pm", "senior-pm"),
        ("spm", "senior-pm"),
        ("Senior Product Manager", "senior-pm"),
        ("SENIOR_PRODUCT_MANAGER", "senior-pm"),
        ("senior  pm", "senior-pm"),
        ("  apm ", "apm"),
        ("Head of Product", "vp-product"),
        ("data/analytics pm", "data-pm"),
        ("cpo", "cpo"),
    ],
)
def test_exact_names(ladder: Ladder, name: str, role_id: str) -> None:
    assert find_role(ladder, name).id == role_id


def test_a_unique_start_resolves(ladder: Ladder) -> None:
    assert find_role(ladder, "growth").id == "growth-pm"
    assert find_role(ladder, "Chief").id == "cpo"


def test_an_ambiguous_start_lists_candidates(ladder: Ladder) -> None:
    with pytest.raises(AmbiguousRoleError) as info:
        find_role(ladder, "product")
    assert "pm" in info.value.candidates
    assert "product-owner" in info.value.candidates
    assert info.value.exit_code == ExitCode.USAGE


def test_unknown_names_get_up_to_three_suggestions(ladder: Ladder) -> None:
    with pytest.raises(UnknownRoleError) as info:
        find_role(ladder, "seniro-pm")
    assert info.value.suggestions[0] == "senior-pm"
    assert len(info.value.suggestions) <= 3
    assert info.value.exit_code == ExitCode.USAGE


def test_no_suggestions_for_nonsense(ladder: Ladder) -> None:
    assert suggest(ladder, "zzzzqqqq") == []
    assert suggest(ladder, "!!!") == []
    with pytest.raises(UnknownRoleError):
        find_role(ladder, "")


def test_normalise_ignores_case_spaces_dashes_and_punctuation() -> None:
    assert normalise("Data/Analytics Product-Manager!") == "dataanalyticsproductmanager"
    assert normalise("\uff21\uff30\uff2d") == "apm"  # full-width letters fold too
