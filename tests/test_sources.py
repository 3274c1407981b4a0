"""Every role each source document names resolves, by every title and short form it uses."""

from __future__ import annotations

import pytest

from conftest import Invoke
from pmladder.catalog import CatalogSource, load
from pmladder.lookup import find_role

# Titles and short forms as each source writes them, and the role they mean.
SOURCE_NAMES: dict[str, dict[str, str]] = {
    "climbing-the-ladder": {
        "Associate Product Manager": "apm",
        "APM": "apm",
        "Product Manager": "pm",
        "Senior Product Manager": "senior-pm",
        "SPM": "senior-pm",
        "Product Owner": "product-owner",
        "Technical Product Manager": "technical-pm",
        "TPM": "technical-pm",
        "Group Product Manager": "group-pm",
        "GPM": "group-pm",
        "Director of Product Management": "director",
        "Vice President of Product Management": "vp-product",
        "VP": "vp-product",
        "Chief Product Officer": "cpo",
        "CPO": "cpo",
        "Product Marketing Manager": "pmm",
    },
    "levels-overview": {
        "Entry-level/Junior Product Manager": "apm",
        "Junior Product Manager": "apm",
        "Entry-level Product Manager": "apm",
        "Product Manager (Mid-level)": "pm",
        "Mid-level Product Manager": "pm",
        "Senior Product Manager": "senior-pm",
        "Group/Product Lead": "product-lead",
        "Director of Product Management": "director",
        "Chief Product Officer": "cpo",
        "CPO": "cpo",
    },
    "job-titles-and-roles": {
        "Product Manager": "pm",
        "PM": "pm",
        "Associate Product Manager": "apm",
        "APM": "apm",
        "Technical Product Manager": "technical-pm",
        "TPM": "technical-pm",
        "Product Owner": "product-owner",
        "Data/Analytics Product Manager": "data-pm",
        "Growth Product Manager": "growth-pm",
        "Growth PM": "growth-pm",
        "Product Marketing Manager": "pmm",
        "PMM": "pmm",
        "Senior Product Manager": "senior-pm",
        "Senior PM": "senior-pm",
        "Product Lead": "product-lead",
        "Group Product Manager": "group-pm",
        "Director of Product Management": "director",
        "VP of Product": "vp-product",
        "Chief Product Officer": "cpo",
        "CPO": "cpo",
    },
    "career-path-guide": {
        "Associate Product Manager": "apm",
        "APM": "apm",
        "Product Manager": "pm",
        "PM": "pm",
        "Senior Product Manager": "senior-pm",
        "Senior PM": "senior-pm",
        "Group Product Manager": "group-pm",
        "Director of Product": "director",
        "VP of Product": "vp-product",
        "Head of Product": "vp-product",
        "Chief Product Officer": "cpo",
        "CPO": "cpo",
    },
}

CASES = [(src, name, rid) for src, names in SOURCE_NAMES.items() for name, rid in names.items()]


@pytest.mark.parametrize(("source", "name", "role_id"), CASES)
def test_source_name_resolves(source: str, name: str, role_id: str) -> None:
    ladder = load(CatalogSource(None))
    assert find_role(ladder, name).id == role_id
    assert find_role(ladder, name.upper()).id == role_id
    assert find_role(ladder, name.lower().replace(" ", "-")).id == role_id


@pytest.mark.parametrize("source", sorted(SOURCE_NAMES))
def test_each_source_supports_the_roles_it_names(source: str) -> None:
    ladder = load(CatalogSource(None))
    for role_id in set(SOURCE_NAMES[source].values()):
        assert source in ladder.roles[role_id].sources, (source, role_id)


@pytest.mark.parametrize(
    "name", sorted({n for names in SOURCE_NAMES.values() for n in names})
)
def test_show_resolves_every_source_name(invoke: Invoke, name: str) -> None:
    result = invoke("show", name)
    assert result.exit_code == 0, result.output
