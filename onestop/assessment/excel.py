"""Every score of a run with its inputs, as a workbook.

One row per score line: who, the indicator, the value and the records
behind it, the weight, full points, points and the working, so any total can
be recounted from the sheet (the totals sheet sums the lines). A second sheet
lists the totals and ranks, a third the definitions of the indicators used.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from onestop.assessment.models import Run, Score, ScoreLine, SubjectKind
from onestop.assessment.templatetags.assessment import working_text


def write_run(run: Run, *, people_too: bool) -> bytes:
    """The run as xlsx; person scores only when ``people_too`` (a supervisor)."""
    kinds = (
        SubjectKind.values if people_too else [SubjectKind.DEPARTMENT, SubjectKind.POST]
    )
    scores = run.scores.filter(subject_kind__in=kinds).order_by(
        "subject_kind", "rank", "subject_name"
    )
    lines = (
        ScoreLine.objects.filter(score__in=scores)
        .select_related("score", "item__indicator_version")
        .order_by("score__subject_kind", "score__rank", "score__subject_name", "id")
    )
    book = Workbook()
    _lines_sheet(book.active, lines)
    _totals_sheet(book.create_sheet(gettext("Totals")), scores)
    _definitions_sheet(book.create_sheet(gettext("Definitions")), lines)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _header(sheet: Worksheet, titles: list[str]) -> None:
    sheet.append(titles)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    for index in range(len(titles)):
        sheet.column_dimensions[chr(ord("A") + index)].width = 16


def _lines_sheet(sheet: Worksheet, lines: Iterable[ScoreLine]) -> None:
    sheet.title = gettext("Score lines")
    _header(sheet, [gettext("Assessed"), gettext("Name"), gettext("Department"),
                    gettext("Indicator"), gettext("Value"), gettext("Records counted"),
                    gettext("Weight"), gettext("Full points"), gettext("Points"),
                    gettext("Working")])  # fmt: skip
    labels = dict(SubjectKind.choices)
    for line in lines:
        score: Score = line.score
        sheet.append([
            str(labels[score.subject_kind]), score.subject_name, score.group_name,
            line.indicator_name, line.value, line.count, float(line.weight),
            float(line.full_points), float(line.points), working_text(line),
        ])  # fmt: skip
    sheet.column_dimensions["J"].width = 60


def _totals_sheet(sheet: Worksheet, scores: Iterable[Score]) -> None:
    _header(sheet, [gettext("Assessed"), gettext("Name"), gettext("Department"),
                    gettext("Score"), gettext("Rank")])  # fmt: skip
    labels = dict(SubjectKind.choices)
    for score in scores:
        sheet.append([str(labels[score.subject_kind]), score.subject_name,
                      score.group_name, float(score.total), score.rank])  # fmt: skip


def _definitions_sheet(sheet: Worksheet, lines: Iterable[ScoreLine]) -> None:
    _header(sheet, [gettext("Indicator"), gettext("Version"), gettext("Definition"),
                    gettext("Scoring rule")])  # fmt: skip
    seen: dict[int, Any] = {}
    for line in lines:
        version = line.item.indicator_version
        seen.setdefault(version.pk, version)
    for version in seen.values():
        sheet.append(
            [version.name, version.number, version.definition, str(version.rule)]
        )
    sheet.column_dimensions["C"].width = 60
