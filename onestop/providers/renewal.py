"""The renewal recommendation after N months (续签 / 有条件续签 / 重新招标).

篇7: "考核结果要作为后续管理费用支付以及合同签订的重要参考依据". The rule,
written on the contract: over the last ``review_after_months`` assessed
months, an average of at least ``renew_at`` → renew; at least
``conditions_at`` → renew with conditions (the KPIs that most often fell
short are named as the conditions); below → tender again. Until N months are
assessed there is no recommendation, only the count so far.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Verdict(models.TextChoices):
    RENEW = "renew", _("Renew")
    CONDITIONS = "conditions", _("Renew with conditions")
    RETENDER = "retender", _("Tender again")
    TOO_EARLY = "too_early", _("Too early to say")


@dataclass(frozen=True)
class MonthScore:
    month: date
    score: Decimal
    amount: Decimal
    signed: bool
    short_kpis: tuple[str, ...]  # KPIs that earned less than full points
    deductions: int


@dataclass(frozen=True)
class Recommendation:
    verdict: Verdict
    months: tuple[MonthScore, ...]
    needed: int
    average: Decimal | None
    lowest: MonthScore | None
    conditions: tuple[tuple[str, int], ...]  # (KPI, months it fell short)


def recommend(
    months: list[MonthScore], *, needed: int, renew_at: Decimal, conditions_at: Decimal
) -> Recommendation:
    """The verdict over the latest ``needed`` months of ``months`` (oldest first)."""
    window = tuple(months[-needed:]) if len(months) >= needed else tuple(months)
    if len(window) < needed or not window:
        return Recommendation(Verdict.TOO_EARLY, window, needed, None, None, ())
    average = (sum((m.score for m in window), Decimal(0)) / len(window)).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )
    lowest = min(window, key=lambda m: m.score)
    short = Counter(name for m in window for name in m.short_kpis)
    if average >= renew_at:
        verdict = Verdict.RENEW
    elif average >= conditions_at:
        verdict = Verdict.CONDITIONS
    else:
        verdict = Verdict.RETENDER
    conditions = tuple(short.most_common(3)) if verdict != Verdict.RENEW else ()
    return Recommendation(verdict, window, needed, average, lowest, conditions)
