"""How every view words a figure or a claim: years, the estimate mark, a claim's basis.

Plain strings (no Rich), shared by the terminal pages, the Markdown export,
the HTML site and ``diff``, so each says ``2.5 years`` and ``(estimate)`` alike.
"""

from __future__ import annotations

from ..models import Basis

ESTIMATE = "estimate"
"""The word that marks a number or move as the catalogue's estimate, not a source's;
the site's script gets it in its data, as it gets the kinds' labels."""

ESTIMATE_MARK = f"({ESTIMATE})"
"""The mark after such a number or move, in the terminal and the pictures alike."""

UNRATED = "no competencies rated for this role"


def years(value: float) -> str:
    """``2.5`` -> ``2.5 years``; whole numbers without decimals."""
    return f"{value:g} {'year' if value == 1 else 'years'}"


def years_or_dash(value: float | None) -> str:
    """:func:`years`, or ``-`` when no figure is stated."""
    return "-" if value is None else years(value)


def meter(rank: int, steps: int) -> str:
    """A rating as filled and empty dots: step 3 of 5 is ``●●●○○``."""
    return "●" * rank + "○" * max(steps - rank, 0)


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``1 role``, ``3 roles``, ``2 competencies`` (with ``plural``)."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def estimated(basis: Basis | None) -> bool:
    """Whether output must mark the claim this basis belongs to as an estimate."""
    return basis is not None and basis.is_estimate


def marked(shown: str, basis: Basis | None, *, sep: str = " ", mark: str = ESTIMATE) -> str:
    """``shown`` followed by ``(estimate)`` when its basis says so; ``mark`` is the word
    in the brackets (an HTML page wraps it in a span)."""
    return f"{shown}{sep}({mark})" if estimated(basis) else shown


def route_time(value: float, estimate: bool) -> str:
    """A route's typical length, ``typically 8 years``, with ``, estimate`` when a move's
    time is one (the caller adds brackets): as path and compare both say it."""
    return f"typically {years(value)}" + (f", {ESTIMATE}" if estimate else "")


def experience_figure(value: float, basis: Basis | None) -> str:
    """``typically 5+ years`` with ``, estimate`` when it is one (the caller adds brackets)."""
    mark = f", {ESTIMATE}" if estimated(basis) else ""
    return f"typically {value:g}+ years{mark}"


def typical_time(
    value: float | None, basis: Basis | None, sep: str = " ", mark: str = ESTIMATE
) -> str:
    """A move's typical time: ``3 years (estimate)``, or ``unknown`` when none is stated."""
    if value is None:
        return "unknown"
    return marked(years(value), basis, sep=sep, mark=mark)


def basis_text(basis: Basis, titles: dict[str, str] | None = None) -> str:
    """``sources: a, b`` and/or ``estimate: reason``, for one line of output."""
    names = "; ".join(titles.get(s, s) if titles else s for s in basis.sources or ())
    if basis.estimate:
        informed = f" (drawing on {names})" if names else ""
        return f"{ESTIMATE}{informed}: {basis.estimate}"
    return f"stated by {names}"
