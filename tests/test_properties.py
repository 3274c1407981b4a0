"""Properties of routes, gaps and lookup on random valid catalogues (hypothesis).

The strategy builds catalogues that obey every rule pmladder validates: a
promotion goes up a level, a lateral move stays on its level, no role moves
to itself or twice to the same role, and no two roles share a name once
names are normalised.  Each catalogue goes through pmladder's real
validation (``validate_data``) and index (``Ladder.of_catalog``); the properties
then check the answers against independent computations on the raw data.

Examples per test: 30, or 600 with ``PMLADDER_HYPOTHESIS_PROFILE=deep``;
``PMLADDER_HYPOTHESIS_EXAMPLES`` sets an exact number.
"""

from __future__ import annotations

import marshal
import os
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import examples
from pmladder import cache
from pmladder.catalog import CatalogSource
from pmladder.errors import NotFoundError
from pmladder.gaps import Change, competency_changes, route
from pmladder.index import Ladder, RoleStore, index_of, names_of, role_record
from pmladder.lookup import find_role
from pmladder.names import normalise
from pmladder.routes import shortest_route
from pmladder.validation.validate import validate_data

EXAMPLES = int(os.environ.get("PMLADDER_HYPOTHESIS_EXAMPLES", str(examples(30))))

SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

MAX_ROLES = 25

# Letters whose upper and lower case fold back to the same name, so a name
# written in another case must still find its role.  (Turkish dotless i is
# left out on purpose: "ı".upper() is "I", which folds to a different letter.)
CASE_SAFE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éüñøçßΣσςжЖ日本 -./&'"

IDS = st.from_regex(r"[a-z0-9][a-z0-9-]{0,10}", fullmatch=True)
CASE_SAFE_NAMES = st.text(alphabet=CASE_SAFE, min_size=1, max_size=24)
ANY_NAMES = st.text(
    alphabet=st.characters(categories=("L", "N", "M", "P", "S", "Zs")), min_size=1, max_size=24
)
NAMES = st.one_of(CASE_SAFE_NAMES, CASE_SAFE_NAMES, ANY_NAMES)
YEARS = st.one_of(
    st.none(), st.sampled_from([0, 0.01, 0.04, 0.1, 0.2, 0.3, 0.5, 1, 1.5, 2, 3, 4.5])
)


@dataclass(frozen=True)
class Drawn:
    """A random valid catalogue: the raw data and pmladder's index of it."""

    data: dict[str, Any]
    ladder: Ladder

    @property
    def roles(self) -> list[dict[str, Any]]:
        roles: list[dict[str, Any]] = self.data["roles"]
        return roles

    def moves(self) -> dict[str, list[str]]:
        """Adjacency from the raw data, independent of pmladder's index."""
        return {r["id"]: [m["to"] for m in r.get("moves", [])] for r in self.roles}


def _fresh(draw: st.DrawFn, names: st.SearchStrategy[str], used: set[str]) -> str:
    """A name that folds to something no other role uses yet."""
    name = draw(names.filter(lambda n: bool(normalise(n)) and normalise(n) not in used))
    used.add(normalise(name))
    return name


@st.composite
def catalogues(draw: st.DrawFn, max_roles: int = MAX_ROLES) -> Drawn:
    scale = [f"s{i}" for i in range(draw(st.integers(2, 5)))]
    tracks = [f"t{i}" for i in range(draw(st.integers(1, 3)))]
    ranks = sorted(draw(st.sets(st.integers(0, 100), min_size=1, max_size=5)))
    competencies = [f"c{i}" for i in range(draw(st.integers(0, 5)))]
    count = draw(st.integers(1, max_roles))

    used: set[str] = set()
    roles: list[dict[str, Any]] = []
    for _ in range(count):
        role_id = _fresh(draw, IDS, used)
        if draw(st.integers(0, 4)) == 0:
            title = role_id.upper().replace("-", " ")  # the id again, written as a title
        else:
            title = _fresh(draw, NAMES, used)
        aliases = [_fresh(draw, NAMES, used) for _ in range(draw(st.integers(0, 3)))]
        if draw(st.booleans()) and normalise(title.swapcase()) == normalise(title):
            aliases.append(title.swapcase())  # an alias may repeat the role's own title
        rated = draw(st.lists(st.sampled_from(competencies), unique=True)) if competencies else []
        roles.append({
            "id": role_id,
            "title": title,
            "aliases": aliases,
            "track": draw(st.sampled_from(tracks)),
            "level": draw(st.sampled_from(ranks)),
            "summary": "A role drawn at random.",
            "responsibilities": ["Take part in a property test."],
            "competencies": {c: draw(st.sampled_from(scale)) for c in rated},
        })

    for role in roles:
        others = [r for r in roles if r is not role]
        targets = draw(st.lists(st.sampled_from(others), unique_by=lambda r: r["id"],
                                max_size=min(5, len(others)))) if others else []
        moves = []
        for target in targets:
            if target["level"] > role["level"]:
                kinds = ["promotion", "specialisation", "management"]
            elif target["level"] == role["level"]:
                kinds = ["lateral", "specialisation", "management"]
            else:
                kinds = ["specialisation", "management"]
            move: dict[str, Any] = {"to": target["id"], "kind": draw(st.sampled_from(kinds))}
            years = draw(YEARS)
            if years is not None:
                move["typical_years"] = years
            moves.append(move)
        role["moves"] = moves

    data: dict[str, Any] = {
        "format_version": 1,
        "name": "Random ladder",
        "scale": {
            "name": "Scale",
            "levels": [{"id": s, "name": s.upper(), "description": "A step."} for s in scale],
        },
        "tracks": [{"id": t, "name": t.upper()} for t in tracks],
        "levels": [{"rank": r, "name": f"Level {r}"} for r in ranks],
        "competencies": [
            {"id": c, "name": c.upper(), "description": "A skill."} for c in competencies
        ],
        "roles": roles,
    }
    # Through pmladder's real validation: an invalid draw is a bug in the
    # strategy or in the validation, and fails the test with every problem.
    catalog, warnings = validate_data(data, "hypothesis catalogue")
    assert not [w for w in warnings if w.severity == "error"]
    return Drawn(data, Ladder.of_catalog(catalog, CatalogSource(None), warnings))


def bfs(moves: Mapping[str, list[str]], source: str) -> dict[str, int]:
    """Fewest moves from ``source`` to every role it reaches."""
    distance = {source: 0}
    queue = deque([source])
    while queue:
        here = queue.popleft()
        for there in moves[here]:
            if there not in distance:
                distance[there] = distance[here] + 1
                queue.append(there)
    return distance


def rank_of(drawn: Drawn, role_id: str, competency: str) -> int:
    """Rank of a role's rating: 0 when unrated, 1 for the lowest scale step."""
    role = next(r for r in drawn.roles if r["id"] == role_id)
    level = role["competencies"].get(competency)
    if level is None:
        return 0
    steps = [s["id"] for s in drawn.data["scale"]["levels"]]
    return steps.index(level) + 1


def pair(drawn: Drawn) -> st.SearchStrategy[tuple[str, str]]:
    ids = [r["id"] for r in drawn.roles]
    return st.tuples(st.sampled_from(ids), st.sampled_from(ids))


def shortest_paths(
    moves: Mapping[str, list[str]], source: str, target: str, length: int
) -> Iterator[list[str]]:
    """Every route of exactly ``length`` moves from ``source`` to ``target``."""
    to_target = bfs(_reverse(moves), target)

    def walk(path: list[str]) -> Iterator[list[str]]:
        here = path[-1]
        if here == target:
            yield path
            return
        left = length - (len(path) - 1)
        for there in moves[here]:
            if to_target.get(there, length + 1) <= left - 1:
                yield from walk([*path, there])

    yield from walk([source])


def _reverse(moves: Mapping[str, list[str]]) -> dict[str, list[str]]:
    back: dict[str, list[str]] = {k: [] for k in moves}
    for here, theres in moves.items():
        for there in theres:
            back[there].append(here)
    return back


def _years(drawn: Drawn, path: list[str]) -> Fraction:
    """The exact total of the years as written (decimals, not binary floats)."""
    by_id = {r["id"]: r for r in drawn.roles}
    total = Fraction(0)
    for here, there in pairwise(path):
        move = next(m for m in by_id[here]["moves"] if m["to"] == there)
        total += Fraction(repr(float(move.get("typical_years") or 0)))
    return total


# --------------------------------------------------------------------------
# (a) path: a valid shortest route, or none exactly when there is none


@SETTINGS
@given(data=st.data())
def test_shortest_route_is_a_real_shortest_route_or_none(data: st.DataObject) -> None:
    drawn = data.draw(catalogues())
    moves = drawn.moves()
    for _ in range(5):
        source, target = data.draw(pair(drawn))
        distance = bfs(moves, source)
        hops = shortest_route(drawn.ladder, source, target)
        if target not in distance:
            assert hops is None, (source, target, hops)
            with pytest.raises(NotFoundError):
                route(drawn.ladder, drawn.ladder.roles[source], drawn.ladder.roles[target])
            continue
        assert hops is not None, f"{target} is reachable from {source} but no route was found"
        assert len(hops) == distance[target]
        # The hops are real moves that chain from source to target.
        here = source
        path = [source]
        for role_id, index in hops:
            assert role_id == here
            raw = next(r for r in drawn.roles if r["id"] == role_id)
            here = raw["moves"][index]["to"]
            path.append(here)
        assert here == target
        # And it is the best of all shortest routes by the documented tie-break:
        # fewest moves, then fewest typical years, then role ids in order.
        candidates = list(shortest_paths(moves, source, target, distance[target]))
        assert path in candidates
        best = min(candidates, key=lambda p: (_years(drawn, p), p))
        assert path == best
        # The full route agrees with the bare one.
        found = route(drawn.ladder, drawn.ladder.roles[source], drawn.ladder.roles[target])
        assert [s.source for s in found.steps] == path[:-1]
        assert [s.target for s in found.steps] == path[1:]


# --------------------------------------------------------------------------
# (b) gaps compose: A -> B then B -> C against A -> C


def _by_competency(changes: tuple[tuple[Change, ...], tuple[Change, ...]]) -> dict[str, Change]:
    rising, new = changes
    return {c.competency: c for c in (*rising, *new)}


@SETTINGS
@given(data=st.data())
def test_gaps_compose_along_routes(data: st.DataObject) -> None:
    drawn = data.draw(catalogues())
    ladder = drawn.ladder
    moves = drawn.moves()
    a, b = data.draw(pair(drawn))
    reach_a = bfs(moves, a)
    assume(b in reach_a)
    reach_b = bfs(moves, b)
    c = data.draw(st.sampled_from(sorted(reach_b)))
    roles = ladder.roles
    first = route(ladder, roles[a], roles[b])
    second = route(ladder, roles[b], roles[c])
    steps = (*first.steps, *second.steps)
    chain = [a, *(s.target for s in steps)]
    assert chain[-1] == c
    whole = _by_competency(competency_changes(ladder, roles[a], roles[c]))

    # Each step's gap is exactly the rise between its two roles, from the raw data;
    # a competency the step's first role does not rate is measured from the latest
    # earlier role on the same route that does, and is new only when none does.
    for found in (first, second):
        for number, step in enumerate(found.steps):
            gap = {ch.competency: ch for ch in (*step.gap.rising, *step.gap.new)}
            earlier = [found.source, *(s.target for s in found.steps[:number])]
            for comp in ladder.competency_order:
                before = next(
                    (r for r in (rank_of(drawn, x, comp) for x in reversed(earlier)) if r), 0
                )
                after = rank_of(drawn, step.target, comp)
                if after > before:
                    assert gap[comp].steps == after - before, (step, comp)
                    assert (gap[comp].before is None) == (before == 0)
                    own = rank_of(drawn, step.source, comp)
                    assert (gap[comp].via is None) == (own != 0 or before == 0)
                else:
                    assert comp not in gap
                # What the next role asks less of, or stops rating, from the raw data.
                own = rank_of(drawn, step.source, comp)
                falling = {f.competency for f in step.gap.falling}
                unrated = {f.competency for f in step.gap.unrated}
                target_rates_any = any(
                    rank_of(drawn, step.target, c) for c in ladder.competency_order
                )
                assert (comp in falling) == (0 < after < own), (step, comp)
                assert (comp in unrated) == (own > 0 and after == 0 and target_rates_any)
                assert step.gap.rated == target_rates_any

    # A route's overall change is A -> C's, whatever the way.
    for found in (first, second):
        direct = _by_competency(
            competency_changes(ladder, roles[found.source], roles[found.target])
        )
        assert {ch.competency: ch for ch in found.overall} == direct

    for comp in ladder.competency_order:
        ranks = [rank_of(drawn, role_id, comp) for role_id in chain]
        applied = ranks[0]  # A's rating, then each step's gap applied in turn
        total = 0
        for step in steps:
            change = {ch.competency: ch for ch in (*step.gap.rising, *step.gap.new)}.get(comp)
            if change is not None:
                applied = ladder.scale_rank[change.after] + 1
                total += change.steps
        rise = max(0, ranks[-1] - ranks[0])
        if rise == 0:
            assert comp not in whole
        else:
            assert whole[comp].steps == rise
        # Rises never add up to less than the whole rise (a fall on the way
        # must be climbed again) ...
        assert total >= rise
        # ... and where the competency never falls on the way, the steps'
        # gaps compose exactly into A -> C's: same final level, same rise.
        if all(x <= y for x, y in pairwise(ranks)):
            assert applied == ranks[-1]
            assert total == rise


# --------------------------------------------------------------------------
# (c) every id, alias and title finds its own role, however it is written


def variants(name: str) -> Iterator[str]:
    yield name
    if all(ch in CASE_SAFE for ch in name):
        yield name.upper()
        yield name.lower()
        yield name.swapcase()
        yield name.replace(" ", "-")
        yield name.replace("-", " ")
        yield "-".join(name)
        yield f"  {name.replace(' ', '')}  "
        yield " ".join(name.upper())


@SETTINGS
@given(drawn=catalogues())
def test_every_name_finds_its_own_role(drawn: Drawn) -> None:
    for role in drawn.roles:
        for name in (role["id"], role["title"], *role["aliases"]):
            for written in variants(name):
                found = find_role(drawn.ladder, written)
                assert found.id == role["id"], (written, found.id, role["id"])


@SETTINGS
@given(drawn=catalogues())
def test_drawn_catalogues_respect_the_rules(drawn: Drawn) -> None:
    """The strategy itself: the rules the properties rely on hold in every draw."""
    levels = {r["id"]: r["level"] for r in drawn.roles}
    folded: dict[str, str] = {}
    for role in drawn.roles:
        targets = [m["to"] for m in role["moves"]]
        assert role["id"] not in targets
        assert len(targets) == len(set(targets))
        for move in role["moves"]:
            up = levels[move["to"]] - role["level"]
            if move["kind"] == "promotion":
                assert up > 0, (role["id"], move)
            elif move["kind"] == "lateral":
                assert up == 0, (role["id"], move)
        for name in (role["id"], role["title"], *role["aliases"]):
            assert folded.setdefault(normalise(name), role["id"]) == role["id"]


# --------------------------------------------------------------------------
# The cache: a ladder rebuilt from its cache entry answers exactly the same


@SETTINGS
@given(data=st.data())
def test_a_cached_ladder_answers_like_a_fresh_one(data: st.DataObject) -> None:
    drawn = data.draw(catalogues())
    fresh = drawn.ladder
    # Through the cache's own entry, as a second run reads it.
    whole = fresh.whole_catalog()
    content = repr(drawn.data).encode()
    names = marshal.dumps(names_of(whole))
    cache.put(content, index_of(whole, fresh.warnings),
              [*map(role_record, whole.roles), names])
    entry = cache.get(content)
    assert entry is not None
    stored_names = entry.record(len(fresh.ids))
    assert stored_names is not None
    cached = Ladder(fresh.source, entry.index, RoleStore(fresh.ids, entry=entry),
                    lambda: marshal.loads(stored_names))
    assert cached.names == fresh.names
    assert cached.edges == fresh.edges
    assert cached.incoming == fresh.incoming
    assert cached.order == fresh.order
    assert cached.warnings == fresh.warnings
    assert cached.whole_catalog() == fresh.whole_catalog()
    for role in drawn.roles:
        assert cached.roles[role["id"]] == fresh.roles[role["id"]]
        assert find_role(cached, role["title"]).id == role["id"]
    for _ in range(5):
        source, target = data.draw(pair(drawn))
        assert shortest_route(cached, source, target) == shortest_route(fresh, source, target)
