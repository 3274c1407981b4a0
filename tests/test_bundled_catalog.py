"""The bundled catalogue: complete, valid through the public loader, and in its own words."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from pmladder.catalog import CatalogSource, load
from pmladder.index import Ladder
from pmladder.names import normalise
from pmladder.routes import shortest_route

# The source documents sit beside the project; PMLADDER_SEEDS points elsewhere.
SEEDS = Path(
    os.environ.get("PMLADDER_SEEDS") or Path(__file__).parent.parent.parent / "shared" / "seeds"
)

EXPECTED_ROLES = {
    "apm": 1, "pm": 2, "senior-pm": 3, "product-owner": 2, "technical-pm": 2,
    "data-pm": 2, "growth-pm": 2, "pmm": 2, "product-lead": 4, "group-pm": 4,
    "director": 5, "vp-product": 6, "cpo": 7,
}  # fmt: skip


@pytest.fixture(scope="module")
def ladder() -> Ladder:
    return load(CatalogSource(None))


def test_every_role_is_present_at_its_level(ladder: Ladder) -> None:
    assert {r.id: r.level for r in ladder.whole_catalog().roles} == EXPECTED_ROLES


def test_every_role_has_a_full_record(ladder: Ladder) -> None:
    source_ids = {s.id for s in ladder.whole_catalog().sources}
    assert len(source_ids) == 4
    for role in ladder.whole_catalog().roles:
        assert role.summary, role.id
        assert len(role.responsibilities) >= 3, role.id
        assert len(role.competencies) >= 5, role.id
        assert role.education, role.id
        assert role.experience, role.id
        assert role.experience_years is not None, role.id
        assert role.sources, role.id
        assert set(role.sources) <= source_ids, role.id


def test_disagreements_are_recorded_as_notes(ladder: Ladder) -> None:
    for role_id in ("group-pm", "director", "product-lead"):
        assert ladder.roles[role_id].notes, role_id


def test_move_kinds_cover_the_ladder(ladder: Ladder) -> None:
    kinds = {m.kind for r in ladder.whole_catalog().roles for m in r.moves}
    assert kinds == {"promotion", "lateral", "specialisation", "management"}
    for role in ladder.whole_catalog().roles:
        for move in role.moves:
            assert move.typical_years is not None, (role.id, move.to)


def test_every_role_is_reachable_from_the_apm_and_reaches_the_cpo(ladder: Ladder) -> None:
    for role in ladder.whole_catalog().roles:
        if role.id != "apm" and role.id not in {"pmm"}:
            assert shortest_route(ladder, "apm", role.id) is not None, role.id
        if role.id != "cpo":
            assert shortest_route(ladder, role.id, "cpo") is not None, role.id


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"[.!?:\n]", text.lower()) if s.strip()]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="source documents not beside the project")
def test_no_sentence_is_copied_from_a_source(ladder: Ladder) -> None:
    """Facts carry over, sentences don't: no run of eight words is shared with a source."""
    window = 8
    seed_grams: set[tuple[str, ...]] = set()
    for seed in SEEDS.glob("*.txt"):
        words = _words(seed.read_text(encoding="utf-8"))
        seed_grams.update(tuple(words[i : i + window]) for i in range(len(words) - window + 1))
    texts: list[str] = []
    for role in ladder.whole_catalog().roles:
        texts += [role.summary, *role.responsibilities, *role.notes]
        texts += [role.education or "", role.experience or ""]
        texts += [m.note or "" for m in role.moves]
        bases = [role.experience_years_basis]
        bases += [b for m in role.moves for b in (m.basis, m.typical_years_basis)]
        texts += [b.estimate or "" for b in bases if b is not None]
    for competency in ladder.whole_catalog().competencies:
        for criterion in competency.criteria.values():
            texts += [criterion.text, *criterion.examples]
            texts += [criterion.basis.estimate or "" if criterion.basis else ""]
    texts.append(ladder.whole_catalog().description or "")
    copied = []
    for text in texts:
        words = _words(text)
        for i in range(len(words) - window + 1):
            if tuple(words[i : i + window]) in seed_grams:
                copied.append(" ".join(words[i : i + window]))
    assert not copied, copied


def test_every_competency_has_a_criterion_with_a_basis_at_every_step(ladder: Ladder) -> None:
    steps = [s.id for s in ladder.whole_catalog().scale.levels]
    texts: set[str] = set()
    for competency in ladder.whole_catalog().competencies:
        assert list(competency.criteria) == steps, competency.id
        for step, criterion in competency.criteria.items():
            assert criterion.basis is not None, (competency.id, step)
            assert criterion.examples, (competency.id, step)
            assert criterion.text not in texts, (competency.id, step)
            texts.add(criterion.text)


def test_names_are_unique_after_normalising(ladder: Ladder) -> None:
    owners: dict[str, str] = {}
    for role in ladder.whole_catalog().roles:
        for name in (role.id, role.title, *role.aliases):
            key = normalise(name)
            assert owners.setdefault(key, role.id) == role.id, (name, owners[key], role.id)
