"""The words found, marked in a title or a snippet of the text.

Pure: no Django. Templates render each ``Fragment``, wrapping hits in
``<mark>``; escaping stays the template's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SNIPPET_LENGTH = 120


@dataclass(frozen=True)
class Fragment:
    text: str
    hit: bool = False


def _pattern(terms: list[str]) -> re.Pattern[str] | None:
    if not terms:
        return None
    alternatives = sorted(set(terms), key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in alternatives), re.IGNORECASE)


def highlight(text: str, terms: list[str]) -> list[Fragment]:
    """``text`` cut into plain fragments and hits, longest words matched first."""
    pattern = _pattern(terms)
    if pattern is None:
        return [Fragment(text)] if text else []
    fragments: list[Fragment] = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            fragments.append(Fragment(text[position : match.start()]))
        fragments.append(Fragment(match.group(), hit=True))
        position = match.end()
    if position < len(text):
        fragments.append(Fragment(text[position:]))
    return fragments


def snippet(
    text: str, terms: list[str], length: int = SNIPPET_LENGTH
) -> list[Fragment]:
    """About ``length`` characters of ``text`` around the first word found, marked."""
    flat = " ".join(text.split())
    pattern = _pattern(terms)
    first = pattern.search(flat) if pattern else None
    start = max(0, first.start() - length // 4) if first else 0
    piece = flat[start : start + length]
    fragments = highlight(piece, terms)
    if start > 0:
        fragments.insert(0, Fragment("…"))
    if start + length < len(flat):
        fragments.append(Fragment("…"))
    return fragments
