"""Synthetic pmladder catalogues for scale benchmarks and tests.

``generate_catalog_text(n, seed)`` returns the TOML of a valid catalogue with
``n`` roles, the same text for the same arguments.  The roles are grown from
copies of the real bundled roles, so their size is the size of real roles:
each generated role takes the prose of one bundled role (summary,
responsibilities, education, experience, frameworks, notes, sources and the
basis of its figures) and the bundled scale, competencies and sources, so the
catalogue grows with the bundled one.  Only the structure is synthetic: roles
sit in a grid of tracks by levels (about 16 levels and 6 tracks from a few
hundred roles up); every role below the top has a promotion to the next level
of its own track, and other moves go sideways, across tracks and into
management, so the moves form a layered graph with many routes between the
bottom and the top.  Ratings and experience rise with the level, so the
catalogue's numbers agree with each other as validate expects.

Names are unique after :func:`pmladder.names.normalise`: every id, title
and alias ends in the role's fixed-width serial number after letters that
differ between kinds of name.

Command line::

    python benchmarks/generate.py 10000 /tmp/ladder-10k.toml --seed 7
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import tomllib
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEED = 20240601
DEFAULT_SIZES = (1_000, 10_000)

SCALE = (
    ("aware", "Aware", "Knows the vocabulary and the basic ideas of the area."),
    ("foundational", "Foundational", "Carries out well-defined tasks with guidance."),
    ("working", "Working", "Handles the everyday work of the area without supervision."),
    ("advanced", "Advanced", "Copes with ambiguous, cross-team problems and coaches others."),
    ("expert", "Expert", "Sets the approach a department follows and makes the hard calls."),
    ("leading", "Leading", "Shapes how the whole organisation works in the area."),
)

TRACKS = (
    ("core", "Core product management", "CPM", "Core"),
    ("growth", "Growth", "GRO", "Growth"),
    ("platform", "Platform and technical", "PLT", "Platform"),
    ("data", "Data and analytics", "DAT", "Data"),
    ("design", "Product design operations", "DSO", "Design"),
    ("leadership", "Product leadership", "LDR", "Leadership"),
)

LEVEL_WORDS = (
    "Apprentice", "Associate", "Junior", "Intermediate", "Established", "Senior",
    "Staff", "Senior Staff", "Principal", "Senior Principal", "Distinguished",
    "Fellow", "Lead", "Group Lead", "Director", "Senior Director", "Vice President",
    "Senior Vice President", "Executive", "Chief",
)

COMPETENCIES = (
    ("discovery", "Product discovery"),
    ("strategy", "Product strategy"),
    ("prioritisation", "Prioritisation"),
    ("delivery", "Delivery and execution"),
    ("analytics", "Data and analytics"),
    ("technical", "Technical fluency"),
    ("design", "Design and user experience"),
    ("communication", "Communication"),
    ("stakeholders", "Stakeholder management"),
    ("leadership", "People leadership"),
    ("business", "Business acumen"),
    ("market", "Market and customer insight"),
)

AREAS = (
    "Checkout", "Onboarding", "Search", "Payments", "Identity", "Messaging", "Billing",
    "Recommendations", "Mobile", "Marketplace", "Insights", "Integrations", "Pricing",
    "Notifications", "Trust and Safety", "Developer Tools",
)

FRAMEWORKS = (
    "RICE", "Kano", "Jobs to be Done", "OKRs", "North Star Metric", "Opportunity Solution Tree",
    "Lean Canvas", "MoSCoW", "Design Sprint", "Dual-track Agile", "HEART", "AARRR",
)

WORDS = (
    "customers", "outcomes", "roadmap", "experiments", "metrics", "engineering", "design",
    "research", "strategy", "priorities", "stakeholders", "quality", "discovery", "launches",
    "pricing", "retention", "activation", "platform", "reliability", "insight", "teams",
    "budget", "vision", "trade-offs", "evidence", "hypotheses", "delivery", "market",
    "partners", "feedback", "adoption", "revenue", "scope", "risks", "decisions", "goals",
)

VERBS = (
    "owns", "shapes", "improves", "measures", "explains", "balances", "aligns", "tests",
    "reviews", "coaches", "plans", "ships", "questions", "simplifies", "connects",
)

SOURCES = (
    ("handbook", "Synthetic team handbook", "Benchmark Press"),
    ("survey", "Synthetic salary survey", "Benchmark Press"),
    ("interviews", "Synthetic interview notes", None),
)


@dataclass(frozen=True)
class Generated:
    """A generated catalogue and a route known to exist in it."""

    text: str
    """The catalogue as TOML."""
    roles: int
    """Number of roles."""
    tracks: int
    """Number of tracks used."""
    levels: int
    """Number of levels (ranks 1..levels)."""
    bottom: str
    """Id of a role on the lowest level."""
    top: str
    """Id of a role on the highest level that ``bottom`` can reach by moves."""
    route_steps: int
    """Fewest moves from ``bottom`` to ``top``."""


def _q(value: str) -> str:
    # A JSON string of ordinary text is a valid TOML basic string.
    return json.dumps(value, ensure_ascii=False)


def _list(values: Sequence[str]) -> str:
    return "[" + ", ".join(_q(v) for v in values) + "]"


def _prose(rng: random.Random, length: int) -> str:
    """Sentences of plausible words, about ``length`` characters long."""
    sentences: list[str] = []
    size = 0
    while size < length:
        words = [rng.choice(WORDS) for _ in range(rng.randint(4, 9))]
        sentence = f"{words[0].capitalize()} {rng.choice(VERBS)} {' '.join(words[1:])}."
        sentences.append(sentence)
        size += len(sentence) + 1
    text = " ".join(sentences)
    if len(text) > length + 40:
        text = text[: length + 40].rsplit(" ", 1)[0].rstrip(",.") + "."
    return text


class _Picker:
    """Adds a move to a random new target among candidates, never to the role itself."""

    def __init__(self, rng: random.Random, role: int, chosen: list[tuple[int, str]]) -> None:
        self.rng = rng
        self.taken = {role}
        self.chosen = chosen

    def __call__(self, candidates: Sequence[int], kind: str) -> None:
        free = [c for c in candidates if c not in self.taken]
        if free:
            target = self.rng.choice(free)
            self.taken.add(target)
            self.chosen.append((target, kind))


def _shape(n: int) -> tuple[int, int]:
    """(tracks, levels) for ``n`` roles: about 16 levels and 6 tracks when there are enough."""
    levels = max(1, min(16, math.isqrt(n) // 2))
    tracks = max(1, min(len(TRACKS), n // (4 * levels)))
    return tracks, levels


def _bundled() -> dict[str, Any]:
    """The bundled catalogue as data, read once."""
    global _BUNDLED
    if _BUNDLED is None:
        text = (ROOT / "src" / "pmladder" / "data" / "catalog.toml").read_text(encoding="utf-8")
        _BUNDLED = tomllib.loads(text)
    return _BUNDLED


_BUNDLED: dict[str, Any] | None = None


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _q(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_q(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _toml_table(path: str, table: dict[str, Any], out: list[str], array: bool) -> None:
    """Write ``table`` under ``[path]`` (or ``[[path]]``): scalars first, then sub-tables."""
    out += ["", f"[[{path}]]" if array else f"[{path}]"]
    nested: list[tuple[str, Any]] = []
    for key, value in table.items():
        # Ratings and bases read best inline; other tables and lists of tables nest.
        inline = key == "competencies" or key.endswith("basis")
        tables = isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
        if (isinstance(value, dict) and not inline) or tables:
            nested.append((key, value))
        else:
            out.append(f"{_q(key)} = {_toml_value(value)}")
    for key, value in nested:
        if isinstance(value, dict):
            _toml_table(f"{path}.{key}", value, out, array=False)
        else:
            for item in value:
                _toml_table(f"{path}.{key}", item, out, array=True)


class _Grid:
    """Where each role sits: role i in cell i % (tracks x levels), so every cell has one."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.tracks, self.levels = _shape(n)
        cells = self.tracks * self.levels
        self.track_of = [(i % cells) // self.levels for i in range(n)]
        self.level_of = [(i % cells) % self.levels + 1 for i in range(n)]
        self.by_cell: dict[tuple[int, int], list[int]] = {}
        self.by_level: dict[int, list[int]] = {}
        for i in range(n):
            self.by_cell.setdefault((self.track_of[i], self.level_of[i]), []).append(i)
            self.by_level.setdefault(self.level_of[i], []).append(i)

    def ident(self, i: int) -> str:
        return f"{TRACKS[self.track_of[i]][0]}-l{self.level_of[i]:02d}-r{i:05d}"


def _moves(grid: _Grid, rng: random.Random) -> list[list[tuple[int, str]]]:
    """Each role's moves as (target role, kind): up its track and another, sideways,
    into management or a specialisation; three or four each."""
    leadership = grid.tracks - 1 if grid.tracks > 1 else None
    moves: list[list[tuple[int, str]]] = []
    for i in range(grid.n):
        t, lv = grid.track_of[i], grid.level_of[i]
        chosen: list[tuple[int, str]] = []
        add = _Picker(rng, i, chosen)
        if lv < grid.levels:
            add(grid.by_cell[(t, lv + 1)], "promotion")
            other = rng.randrange(grid.tracks)
            add(grid.by_cell[(other, lv + 1)], "promotion")
        add(grid.by_level[lv], "lateral")
        if leadership is not None and t != leadership:
            up = min(lv + 1, grid.levels)
            add(grid.by_cell[(leadership, up)], "management")
        else:
            add(grid.by_cell[(rng.randrange(grid.tracks), lv)], "specialisation")
        want = rng.randint(3, 4)
        for _ in range(4):
            if len(chosen) >= want:
                break
            add(grid.by_level[lv], "lateral")
        moves.append(chosen[:want])
    return moves


def _farthest_top(grid: _Grid, moves: list[list[tuple[int, str]]], bottom: int) -> tuple[int, int]:
    """(a top-level role ``bottom`` reaches, the fewest moves to it): on another track
    than the bottom one if possible, the farthest away."""
    distance = {bottom: 0}
    queue = deque([bottom])
    while queue:
        here = queue.popleft()
        for there, _ in moves[here]:
            if there not in distance:
                distance[there] = distance[here] + 1
                queue.append(there)
    candidates = [i for i in distance if grid.level_of[i] == grid.levels]
    top = max(candidates, key=lambda i: (grid.track_of[i] != grid.track_of[bottom],
                                         distance[i], i))
    return top, distance[top]


def _head(grid: _Grid, bundled: dict[str, Any], rng: random.Random, seed: int) -> list[str]:
    """The catalogue's lines before its roles: name, scale, tracks, levels, competencies."""
    out: list[str] = [
        "# Synthetic pmladder catalogue for benchmarks, grown from the bundled roles;",
        "# generated, do not edit.",
        "format_version = 1",
        f"name = {_q(f'Synthetic ladder of {grid.n} roles (seed {seed})')}",
        f"description = {_q(_prose(rng, 200))}",
    ]
    _toml_table("scale", bundled["scale"], out, array=False)
    for tid, tname, _, _ in TRACKS[:grid.tracks]:
        _toml_table("tracks", {"id": tid, "name": tname, "description": _prose(rng, 150)},
                    out, array=True)
    for rank in range(1, grid.levels + 1):
        level = {"rank": rank, "name": LEVEL_WORDS[rank - 1], "description": _prose(rng, 120)}
        _toml_table("levels", level, out, array=True)
    for competency in bundled.get("competencies", []):
        _toml_table("competencies", competency, out, array=True)
    for source in bundled.get("sources", []):
        _toml_table("sources", source, out, array=True)
    return out


def _role(grid: _Grid, i: int, bundled: dict[str, Any],
          moves: list[tuple[int, str]]) -> dict[str, Any]:
    """Role ``i``: its place and names, the prose of one bundled role, rising ratings."""
    t, lv = grid.track_of[i], grid.level_of[i]
    _, _, abbr, tword = TRACKS[t]
    area = AREAS[i % len(AREAS)]
    word = LEVEL_WORDS[lv - 1]
    model = bundled["roles"][i % len(bundled["roles"])]
    scale = [step["id"] for step in bundled["scale"]["levels"]]
    top_step = len(scale) - 1
    role: dict[str, Any] = {
        "id": grid.ident(i),
        "title": f"{word} {tword} Product Manager, {area} {i:05d}",
        "aliases": [f"{abbr}-{i:05d}", f"{tword} {area} PM no {i:05d}", f"L{lv} PM x{i:05d}"],
        "track": TRACKS[t][0],
        "level": lv,
    }
    for key in ("summary", "responsibilities"):
        role[key] = model[key]
    # Ratings rise with the level for every competency, so no promotion lowers one.
    role["competencies"] = {
        c["id"]: scale[min(top_step, (lv - 1 + k % 3) * top_step // (grid.levels + 1))]
        for k, c in enumerate(bundled.get("competencies", []))
        if k % 7 != 6
    }
    for key in ("education", "experience"):
        if key in model:
            role[key] = model[key]
    # Two years per level: promotions take two years, so the figures agree.
    role["experience_years"] = 2 * (lv - 1)
    for key in ("experience_years_basis", "frameworks", "notes", "sources"):
        if key in model:
            role[key] = model[key]
    notes = [m for r in bundled["roles"] for m in r.get("moves", [])]
    role["moves"] = []
    for target, kind in moves:
        template = notes[(i + target) % len(notes)] if notes else {}
        move: dict[str, Any] = {"to": grid.ident(target), "kind": kind, "typical_years": 2}
        for key in ("note", "basis", "typical_years_basis"):
            if key in template:
                move[key] = template[key]
        role["moves"].append(move)
    return role


def generate_catalog(n: int, seed: int = DEFAULT_SEED) -> Generated:
    """A valid catalogue of ``n`` roles, deterministic for a given ``seed``."""
    if n < 1:
        raise ValueError("a catalogue needs at least one role")
    rng = random.Random(seed)
    grid = _Grid(n)
    bundled = _bundled()
    moves = _moves(grid, rng)
    bottom = 0
    top, steps = _farthest_top(grid, moves, bottom)
    out = _head(grid, bundled, rng, seed)
    for i in range(n):
        _toml_table("roles", _role(grid, i, bundled, moves[i]), out, array=True)
    return Generated(
        text="\n".join(out) + "\n",
        roles=n,
        tracks=grid.tracks,
        levels=grid.levels,
        bottom=grid.ident(bottom),
        top=grid.ident(top),
        route_steps=steps,
    )


def generate_catalog_text(n: int, seed: int = DEFAULT_SEED) -> str:
    """The TOML of a valid catalogue of ``n`` roles, the same for the same ``seed``."""
    return generate_catalog(n, seed).text


def write_catalog(path: Path, n: int, seed: int = DEFAULT_SEED) -> Generated:
    """Generate a catalogue of ``n`` roles into ``path`` (UTF-8)."""
    generated = generate_catalog(n, seed)
    path.write_text(generated.text, encoding="utf-8")
    return generated


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic pmladder catalogue.")
    parser.add_argument("roles", type=int, help="number of roles, e.g. 10000")
    parser.add_argument("path", type=Path, help="where to write the TOML")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    generated = write_catalog(args.path, args.roles, args.seed)
    size = args.path.stat().st_size
    print(
        f"wrote {args.path}: {generated.roles} roles, {generated.tracks} tracks, "
        f"{generated.levels} levels, {size / 1e6:.1f} MB; "
        f"route {generated.bottom} -> {generated.top} ({generated.route_steps} moves)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
