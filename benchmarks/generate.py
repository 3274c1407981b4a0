"""Synthetic pmladder catalogues for scale benchmarks and tests.

``generate_catalog_text(n, seed)`` returns the TOML of a valid catalogue with
``n`` roles, the same text for the same arguments.  Sizes follow the bundled
catalogue's proportions: a ~300-character summary, five ~100-character
responsibilities, ten competency ratings, three aliases, and three or four
moves per role with notes.  Roles sit in a grid of tracks by levels (about 16
levels and 6 tracks from a few hundred roles up); every role below the top
has a promotion to the next level of its own track, and other moves go
sideways, across tracks and into management, so the moves form a layered
graph with many routes between the bottom and the top.

Names are unique after :func:`pmladder.catalog.normalise`: every id, title
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
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

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


def generate_catalog(n: int, seed: int = DEFAULT_SEED) -> Generated:
    """A valid catalogue of ``n`` roles, deterministic for a given ``seed``."""
    if n < 1:
        raise ValueError("a catalogue needs at least one role")
    rng = random.Random(seed)
    tracks, levels = _shape(n)
    cells = tracks * levels

    # Role i sits in cell i % cells, so every (track, level) cell has a role.
    track_of = [(i % cells) // levels for i in range(n)]
    level_of = [(i % cells) % levels + 1 for i in range(n)]
    by_cell: dict[tuple[int, int], list[int]] = {}
    by_level: dict[int, list[int]] = {}
    for i in range(n):
        by_cell.setdefault((track_of[i], level_of[i]), []).append(i)
        by_level.setdefault(level_of[i], []).append(i)

    def ident(i: int) -> str:
        return f"{TRACKS[track_of[i]][0]}-l{level_of[i]:02d}-r{i:05d}"

    leadership = tracks - 1 if tracks > 1 else None
    moves: list[list[tuple[int, str]]] = []
    for i in range(n):
        t, lv = track_of[i], level_of[i]
        chosen: list[tuple[int, str]] = []
        add = _Picker(rng, i, chosen)
        if lv < levels:
            add(by_cell[(t, lv + 1)], "promotion")
            other = rng.randrange(tracks)
            add(by_cell[(other, lv + 1)], "promotion")
        add(by_level[lv], "lateral")
        if leadership is not None and t != leadership:
            up = min(lv + 1, levels)
            add(by_cell[(leadership, up)], "management")
        else:
            add(by_cell[(rng.randrange(tracks), lv)], "specialisation")
        want = rng.randint(3, 4)
        for _ in range(4):
            if len(chosen) >= want:
                break
            add(by_level[lv], "lateral")
        moves.append(chosen[:want])

    bottom = 0
    distance = {bottom: 0}
    queue = deque([bottom])
    while queue:
        here = queue.popleft()
        for there, _ in moves[here]:
            if there not in distance:
                distance[there] = distance[here] + 1
                queue.append(there)
    top_candidates = [i for i in distance if level_of[i] == levels]
    # Prefer a top role on another track than the bottom one, the farthest away.
    top = max(top_candidates, key=lambda i: (track_of[i] != track_of[bottom], distance[i], i))

    out: list[str] = [
        "# Synthetic pmladder catalogue for benchmarks; generated, do not edit.",
        "format_version = 1",
        f"name = {_q(f'Synthetic ladder of {n} roles (seed {seed})')}",
        f"description = {_q(_prose(rng, 200))}",
        "",
        "[scale]",
        'name = "Proficiency"',
        f"description = {_q('How well a role handles a competency, lowest first.')}",
    ]
    for sid, sname, sdesc in SCALE:
        out += ["", "[[scale.levels]]", f"id = {_q(sid)}", f"name = {_q(sname)}",
                f"description = {_q(sdesc)}"]
    for tid, tname, _, _ in TRACKS[:tracks]:
        out += ["", "[[tracks]]", f"id = {_q(tid)}", f"name = {_q(tname)}",
                f"description = {_q(_prose(rng, 150))}"]
    for rank in range(1, levels + 1):
        out += ["", "[[levels]]", f"rank = {rank}", f"name = {_q(LEVEL_WORDS[rank - 1])}",
                f"description = {_q(_prose(rng, 120))}"]
    for cid, cname in COMPETENCIES:
        out += ["", "[[competencies]]", f"id = {_q(cid)}", f"name = {_q(cname)}",
                f"description = {_q(_prose(rng, 150))}"]
    for sid, stitle, publisher in SOURCES:
        out += ["", "[[sources]]", f"id = {_q(sid)}", f"title = {_q(stitle)}"]
        if publisher:
            out.append(f"publisher = {_q(publisher)}")

    top_scale = len(SCALE) - 1
    for i in range(n):
        t, lv = track_of[i], level_of[i]
        _, tname, abbr, tword = TRACKS[t]
        area = AREAS[i % len(AREAS)]
        word = LEVEL_WORDS[lv - 1]
        rated = rng.sample(COMPETENCIES, 10)
        base = (lv - 1) * top_scale / max(1, levels - 1)
        ratings = ", ".join(
            f"{cid} = {_q(SCALE[max(0, min(top_scale, round(base + rng.uniform(-1, 1))))][0])}"
            for cid, _ in rated
        )
        out += [
            "",
            "[[roles]]",
            f"id = {_q(ident(i))}",
            f"title = {_q(f'{word} {tword} Product Manager, {area} {i:05d}')}",
            "aliases = " + _list([
                f"{abbr}-{i:05d}",
                f"{tword} {area} PM no {i:05d}",
                f"L{lv} PM x{i:05d}",
            ]),
            f"track = {_q(TRACKS[t][0])}",
            f"level = {lv}",
            f"summary = {_q(_prose(rng, 300))}",
            "responsibilities = " + _list([_prose(rng, 100) for _ in range(5)]),
            f"competencies = {{ {ratings} }}",
            f"education = {_q(_prose(rng, 80))}",
            f"experience = {_q(_prose(rng, 80))}",
            f"experience_years = {lv - 1 + rng.choice((0, 0.5, 1))}",
            "frameworks = " + _list(rng.sample(FRAMEWORKS, 3)),
            "notes = " + _list([_prose(rng, 120)]),
            "sources = " + _list([s[0] for s in rng.sample(SOURCES, 2)]),
        ]
        for target, kind in moves[i]:
            out += [
                "",
                "[[roles.moves]]",
                f"to = {_q(ident(target))}",
                f"kind = {_q(kind)}",
                f"typical_years = {rng.choice((1, 1.5, 2, 2.5, 3))}",
                f"note = {_q(_prose(rng, 80))}",
            ]
    return Generated(
        text="\n".join(out) + "\n",
        roles=n,
        tracks=tracks,
        levels=levels,
        bottom=ident(bottom),
        top=ident(top),
        route_steps=distance[top],
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
