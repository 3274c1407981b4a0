"""Full-text search over the roles of a catalogue, ranked deterministically.

Pure functions over a :class:`~pmladder.index.Ladder`: no I/O, no Typer, no Rich.

How a search works
------------------

The text is split on white space into words (case is ignored; punctuation at
either end of a word is dropped, inside it is kept, so ``A/B`` and ``go-to-market``
work). A role matches when **every** word occurs somewhere in it: in its title,
an alias, a framework, a competency it rates (the competency's name and the
role's rating, e.g. ``Data analysis and metrics: Expert``), a responsibility,
its summary, or its education and experience.

Each occurrence of a word has a *quality*: 3 for a whole word, 2 for the start
of a longer word (``analy`` in ``analysis``), 1 inside a word (``rice`` in
``price``). Words are matched inside other words only when they start no word
anywhere in the catalogue, so ``RICE`` finds the RICE framework and not
``pricing``, while ``script`` still finds ``JavaScript``.

Scoring: an occurrence is worth ``FIELD_WEIGHTS[field] * quality``. A word
scores the best of its occurrences in the role; the role scores the sum over
the words, plus, for a query of several words, the best occurrence of the
whole phrase (``user stories`` as written scores more than ``stories ... user``).

Ranking: highest score first; then the role with more matching fields; then
catalogue order. Nothing depends on hashing or timing, so the order is the same
on every run and every machine.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .errors import NotFoundError, UsageError
from .index import Ladder
from .models import Role

FIELD_WEIGHTS: dict[str, int] = {
    "title": 10,
    "alias": 9,
    "framework": 6,
    "competency": 5,
    "responsibility": 3,
    "summary": 2,
    "education": 1,
    "experience": 1,
}
"""How much an occurrence in each field is worth, before its quality."""

WORD, PREFIX, INSIDE = 3, 2, 1
"""Quality of an occurrence: whole word, start of a word, inside a word."""

SNIPPET_WIDTH = 72
"""Longest snippet of a field shown around a match (ellipses not counted)."""

MAX_QUERY = 500
"""Longest search text accepted, in characters."""

_WORD_CHARS = re.compile(r"[^\W_]+(?:['/&+.-][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class Match:
    """Where the search words occur in one field of a role."""

    field: str
    """``title``, ``alias``, ``framework``, ``competency``, ``responsibility``,
    ``summary``, ``education`` or ``experience``."""
    index: int
    """Position of the item in its list (aliases, frameworks, ...); 0 for single fields."""
    text: str
    """The whole field."""
    spans: tuple[tuple[int, int], ...]
    """(start, end) character offsets of each occurrence in ``text``."""
    snippet: str
    """A short piece of ``text`` around the first occurrence, with ``…`` where cut."""
    highlights: tuple[tuple[int, int], ...]
    """(start, end) offsets of the occurrences inside ``snippet``."""
    score: int
    """What this field contributes: the best occurrence of each word, summed."""
    words: tuple[str, ...]
    """The search words that occur in this field."""


@dataclass(frozen=True, slots=True)
class Hit:
    """A role that matches every word, with its score and where the words occur."""

    role: str
    title: str
    track: str
    level: int
    score: int
    matches: tuple[Match, ...]
    """Matching fields, best first (then in field order)."""


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    words: tuple[str, ...]
    """The words searched for, folded to lower case."""
    hits: tuple[Hit, ...]
    """Matching roles, best first."""


def fold(value: str) -> str:
    """Lower-case ``value`` character by character, keeping every offset valid."""
    lowered = value.lower()
    if len(lowered) == len(value):
        return lowered
    out = []
    for ch in value:
        low = ch.lower()
        out.append(low if len(low) == 1 else ch)
    return "".join(out)


def words_of(query: str) -> tuple[str, ...]:
    """The distinct search words of ``query``, folded, in the order typed."""
    out: list[str] = []
    for raw in query.split():
        word = raw.strip("\"'.,;:!?()[]{}")
        word = fold(word or raw)
        if word not in out:
            out.append(word)
    return tuple(out)


def fields(ladder: Ladder, role: Role) -> Iterator[tuple[str, int, str]]:
    """Every searchable (field, index, text) of ``role``, in field order."""
    yield "title", 0, role.title
    for i, alias in enumerate(role.aliases):
        yield "alias", i, alias
    for i, framework in enumerate(role.frameworks):
        yield "framework", i, framework
    order = ladder.competency_order
    rated = sorted(role.competencies.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
    for i, (comp, level) in enumerate(rated):
        name = ladder.competency_names.get(comp, comp)
        yield "competency", i, f"{name}: {ladder.scale_names.get(level, level)}"
    for i, item in enumerate(role.responsibilities):
        yield "responsibility", i, item
    yield "summary", 0, role.summary
    if role.education:
        yield "education", 0, role.education
    if role.experience:
        yield "experience", 0, role.experience


def _occurrences(
    folded: str, word: str, inside: bool
) -> Iterator[tuple[int, int, int]]:
    """(start, end, quality) of each occurrence of ``word`` in ``folded``."""
    start = folded.find(word)
    while start != -1:
        end = start + len(word)
        starts_word = start == 0 or not folded[start - 1].isalnum()
        ends_word = end == len(folded) or not folded[end].isalnum()
        if starts_word:
            yield start, end, WORD if ends_word else PREFIX
        elif inside:
            yield start, end, INSIDE
        start = folded.find(word, start + 1)


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return tuple(out)


def snippet(
    text: str, spans: tuple[tuple[int, int], ...], width: int = SNIPPET_WIDTH
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A piece of ``text`` of at most ``width`` characters around the first span.

    Returns the snippet (with ``…`` where text was cut) and the spans shifted
    into it; spans cut by the window are clipped, spans outside it dropped.
    Line breaks and tabs become spaces, one for one, so offsets stay valid.
    """
    flat = "".join(" " if ch in "\n\r\t" else ch for ch in text)
    if len(flat) <= width:
        return flat, spans
    first_start, first_end = spans[0] if spans else (0, 0)
    lead = max(0, min(first_start - width // 3, len(flat) - width))
    if lead > 0:
        # Begin at the next word rather than in the middle of one.
        space = flat.find(" ", lead, first_start)
        if space != -1:
            lead = space + 1
    stop = min(len(flat), lead + width)
    if stop < len(flat):
        space = flat.rfind(" ", first_end, stop)
        if space != -1:
            stop = space
    prefix = "…" if lead > 0 else ""
    suffix = "…" if stop < len(flat) else ""
    offset = len(prefix) - lead
    shown = tuple(
        (max(s, lead) + offset, min(e, stop) + offset)
        for s, e in spans
        if max(s, lead) < min(e, stop)
    )
    return prefix + flat[lead:stop] + suffix, shown


def _starts_somewhere(ladder: Ladder, word: str) -> bool:
    for role in ladder.every_role():
        for _field, _index, value in fields(ladder, role):
            folded = fold(value)
            if word in folded and any(True for _ in _occurrences(folded, word, inside=False)):
                return True
    return False


def _score_role(
    ladder: Ladder, role: Role, words: tuple[str, ...], inside: dict[str, bool], phrase: str | None
) -> Hit | None:
    best: dict[str, int] = dict.fromkeys(words, 0)
    phrase_best = 0
    matches: list[tuple[int, int, Match]] = []
    for position, (field, index, value) in enumerate(fields(ladder, role)):
        folded = fold(value)
        weight = FIELD_WEIGHTS[field]
        spans: list[tuple[int, int]] = []
        field_score = 0
        present: list[str] = []
        for word in words:
            found = list(_occurrences(folded, word, inside[word]))
            if not found:
                continue
            present.append(word)
            top = max(q for _, _, q in found) * weight
            field_score += top
            best[word] = max(best[word], top)
            spans.extend((s, e) for s, e, _ in found)
        if phrase is not None:
            found = list(_occurrences(folded, phrase, inside=True))
            if found:
                phrase_best = max(phrase_best, max(q for _, _, q in found) * weight)
        if spans:
            merged = _merge(spans)
            # The snippet centres on the first occurrence of the best word.
            cut, highlights = snippet(value, merged)
            matches.append(
                (
                    -field_score,
                    position,
                    Match(
                        field, index, value, merged, cut, highlights, field_score,
                        tuple(present),
                    ),
                )
            )
    if not all(best.values()):
        return None
    matches.sort(key=lambda m: (m[0], m[1]))
    return Hit(
        role=role.id,
        title=role.title,
        track=role.track,
        level=role.level,
        score=sum(best.values()) + phrase_best,
        matches=tuple(m for _, _, m in matches),
    )


def vocabulary(ladder: Ladder) -> list[str]:
    """Every distinct word (two letters or more) of the searchable fields, sorted."""
    vocab: set[str] = set()
    for role in ladder.every_role():
        for _field, _index, value in fields(ladder, role):
            for word in _WORD_CHARS.findall(fold(value)):
                if len(word) > 1:
                    vocab.add(word)
    return sorted(vocab)


def search(ladder: Ladder, query: str) -> SearchResult:
    """The roles matching every word of ``query``, best first.

    Raise :class:`UsageError` for an empty query and :class:`NotFoundError`
    (with close words from the catalogue) when no role matches.
    """
    if len(query) > MAX_QUERY:
        raise UsageError(
            f"the search text is too long ({len(query)} characters, at most {MAX_QUERY})"
        )
    words = words_of(query)
    if not words:
        raise UsageError(
            "search needs some text to look for", hints=["for example: pmladder search SQL"]
        )
    inside = {w: not _starts_somewhere(ladder, w) for w in words}
    phrase = fold(" ".join(query.split())) if len(words) > 1 else None
    hits = []
    for role in ladder.every_role():
        hit = _score_role(ladder, role, words, inside, phrase)
        if hit is not None:
            hits.append((-hit.score, -len(hit.matches), ladder.order[role.id], hit))
    hits.sort(key=lambda h: h[:3])
    if not hits:
        raise NotFoundError(
            f"no role matches {query.strip()!r}", hints=_hints(ladder, words, inside)
        )
    return SearchResult(query=query, words=words, hits=tuple(h[3] for h in hits))


def _hints(ladder: Ladder, words: tuple[str, ...], inside: dict[str, bool]) -> list[str]:
    hints: list[str] = []
    vocab: list[str] | None = None
    alone: list[str] = []
    for word in words:
        # With one word, nothing matched it; with several, see which match alone.
        roles = [] if len(words) == 1 else [
            r.id
            for r in ladder.every_role()
            if _score_role(ladder, r, (word,), inside, None) is not None
        ]
        if roles:
            shown = ", ".join(roles[:5]) + (", ..." if len(roles) > 5 else "")
            alone.append(f"{word!r} alone matches {shown}")
            continue
        if vocab is None:
            vocab = vocabulary(ladder)
        close = difflib.get_close_matches(word, vocab, n=3, cutoff=0.7)
        if close:
            hints.append(f"{word!r} is not in the catalogue; did you mean: {', '.join(close)}?")
        else:
            hints.append(f"{word!r} is not in the catalogue")
    if len(words) > 1 and alone:
        hints.append("every word must occur in the same role: " + "; ".join(alone))
    hints.append("run 'pmladder list' to see every role")
    return hints
