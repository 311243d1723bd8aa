"""The working of a month in words: what the page, the PDF and the workbook say.

KPI lines carry the scoring rule's English template and figures
(``onestop.compute.scoring``), translated here; payment lines carry their
kind and figures (``onestop.compute.payment``), worded here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext

from onestop.compute.payment import LineKind
from onestop.providers.kpis import metric_label
from onestop.providers.models import AssessmentLine, MonthlyAssessment
from onestop.providers.models import LineKind as RowKind


def money(amount: Decimal | str) -> str:
    """``90250.00`` → ``90,250.00`` (yuan, always two decimals)."""
    return f"{Decimal(amount):,.2f}"


def figure(value: Any) -> str:
    """A points or rate figure without trailing zeros: 37.50 → 37.5, 18.00 → 18."""
    text = f"{Decimal(str(value)):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def kpi_working(line: AssessmentLine) -> str:
    if not line.template:
        return ""
    return gettext(line.template) % line.params


@dataclass(frozen=True)
class PaymentStep:
    text: str
    amount: str


def _payment_text(line: dict[str, str], formula: dict[str, Any]) -> str:
    kind = LineKind(line["kind"])
    figures = {
        "points": figure(line["points"]),
        "rate": figure(line["rate"]),
        "full_at": figure(formula.get("full_at") or 0),
        "bonus_from": figure(formula.get("bonus_from") or formula.get("full_at") or 0),
    }
    texts = {
        LineKind.BASE: gettext("Monthly base amount"),
        LineKind.DEDUCTION: gettext(
            "%(points)s points below %(full_at)s × %(rate)s%% of the base per point"
        ),
        LineKind.FLOOR: gettext("Raised to the floor of %(rate)s%% of the base"),
        LineKind.BONUS: gettext(
            "%(points)s points above %(bonus_from)s × %(rate)s%% of the base per point"
        ),
        LineKind.BONUS_CAPPED: gettext(
            "%(points)s points above %(bonus_from)s: bonus capped at %(rate)s%% of the base"
        ),
    }
    return texts[kind] % figures


def payment_steps(assessment: MonthlyAssessment) -> list[PaymentStep]:
    return [
        PaymentStep(_payment_text(line, assessment.formula), money(line["amount"]))
        for line in assessment.payment_lines
    ]


@dataclass(frozen=True)
class KpiRow:
    line: AssessmentLine
    source: str
    working: str
    lost: Decimal


def kpi_rows(assessment: MonthlyAssessment) -> list[KpiRow]:
    return [
        KpiRow(
            line,
            metric_label(line.metric),
            kpi_working(line),
            line.full_points - line.points,
        )
        for line in assessment.lines.all()
        if line.kind == RowKind.KPI
    ]


def deduction_rows(assessment: MonthlyAssessment) -> list[AssessmentLine]:
    return [line for line in assessment.lines.all() if line.kind == RowKind.DEDUCTION]
