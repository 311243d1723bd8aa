"""The scorecard editor's outline: a scorecard written as lines of text, and back.

    # 服务规范
    使用文明用语、一次性告知 | 10 | 未使用文明用语 -3; 未一次性告知 -5
    主动告知办理进度 | 5 | pass
    # 信息安全
    未泄露个人信息 | 10 | critical

A line starting with ``#`` opens a section; every other line is an item:
its text, its maximum points, then optionally ``pass`` (scored pass/fail),
``critical`` (pass/fail, and failing zeroes the inspection) and deductions,
each a reason and its points, separated by semicolons.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from onestop.inspection.models import ItemMode
from onestop.inspection.services.scorecards import (
    DeductionDraft,
    ItemDraft,
    ScorecardDraft,
    SectionDraft,
)

PASS_WORDS = {"pass", "pass/fail", "通过", "是否"}
CRITICAL_WORDS = {"critical", "否决", "一票否决"}
_DEDUCTION = re.compile(r"^(?P<name>.+?)\s*[-−－]\s*(?P<points>\d+(?:\.\d)?)$")


class OutlineError(ValueError):
    pass


def outline_parse(text: str) -> list[SectionDraft]:
    """Sections of the outline; ``OutlineError`` names the first line it cannot read."""
    sections: list[tuple[str, list[ItemDraft]]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            sections.append((line.lstrip("#").strip(), []))
            continue
        if not sections:
            raise OutlineError(
                _("Line %(line)s: start with a section line, e.g. “# 服务规范”.")
                % {"line": number}
            )
        sections[-1][1].append(_item(line, number))
    return [SectionDraft(title, tuple(items)) for title, items in sections]


def _item(line: str, number: int) -> ItemDraft:
    parts = [p.strip() for p in line.split("|")]
    if len(parts) < 2:
        raise OutlineError(
            _("Line %(line)s: write the item, a bar and its maximum points.")
            % {"line": number}
        )
    mode, critical, deductions = ItemMode.POINTS, False, []
    for part in parts[2:]:
        word = part.lower()
        if word in PASS_WORDS:
            mode = ItemMode.PASS_FAIL
        elif word in CRITICAL_WORDS:
            mode, critical = ItemMode.PASS_FAIL, True
        elif part:
            deductions.extend(_deductions(part, number))
    return ItemDraft(
        text=parts[0],
        max_points=_points(parts[1], number),
        mode=mode,
        is_critical=critical,
        deductions=tuple(deductions),
    )


def _points(text: str, number: int) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise OutlineError(
            _("Line %(line)s: “%(text)s” is not a number of points.")
            % {"line": number, "text": text}
        ) from None


def _deductions(text: str, number: int) -> list[DeductionDraft]:
    found = []
    for piece in re.split(r"[;；]", text):
        piece = piece.strip()
        if not piece:
            continue
        match = _DEDUCTION.match(piece)
        if match is None:
            raise OutlineError(
                _(
                    "Line %(line)s: write each deduction as a reason and its points, "
                    "e.g. “未一次性告知 -5”."
                )
                % {"line": number}
            )
        found.append(DeductionDraft(match["name"], Decimal(match["points"])))
    return found


def outline_of(draft: ScorecardDraft) -> str:
    lines = []
    for section in draft.sections:
        lines.append(f"# {section.title}")
        for item in section.items:
            parts = [item.text, _plain(item.max_points)]
            if item.is_critical:
                parts.append("critical")
            elif item.mode == ItemMode.PASS_FAIL:
                parts.append("pass")
            if item.deductions:
                parts.append(
                    "; ".join(f"{d.name} -{_plain(d.points)}" for d in item.deductions)
                )
            lines.append(" | ".join(parts))
    return "\n".join(lines)


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")
