"""What changed between two texts, line by line (``difflib``'s SequenceMatcher).

Pure: no Django. Agents read the result as added and removed lines, with
the unchanged lines around them for context.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import Enum


class Change(Enum):
    SAME = "same"
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True)
class DiffLine:
    change: Change
    text: str

    @property
    def kind(self) -> str:
        return self.change.value


def line_diff(old: str, new: str) -> list[DiffLine]:
    """The lines of ``new`` with those of ``old`` it dropped, in reading order."""
    before, after = old.splitlines(), new.splitlines()
    matcher = SequenceMatcher(a=before, b=after, autojunk=False)
    lines: list[DiffLine] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            lines += [DiffLine(Change.SAME, text) for text in after[j1:j2]]
            continue
        lines += [DiffLine(Change.REMOVED, text) for text in before[i1:i2]]
        lines += [DiffLine(Change.ADDED, text) for text in after[j1:j2]]
    return lines


def has_changes(lines: list[DiffLine]) -> bool:
    return any(line.change is not Change.SAME for line in lines)
