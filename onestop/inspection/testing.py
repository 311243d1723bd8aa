"""Inspection fixtures for tests: the tax hall's service scorecard, inspectors, done cases."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from onestop.cases.models import Case, Outcome
from onestop.cases.testing import APPLICANT, CaseTestCase, _on_post, all_received
from onestop.common.testing import make_item
from onestop.inspection.models import Inspection, ItemMode, Scorecard, ScorecardKind
from onestop.inspection.services import (
    DeductionDraft,
    ItemDraft,
    MarkInput,
    ScorecardDraft,
    SectionDraft,
    scorecard_create,
)
from onestop.intake.services import case_intake

SH = ZoneInfo("Asia/Shanghai")
D = Decimal


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


SERVICE_CARD = ScorecardDraft(
    name="窗口服务质检表",
    sections=(
        SectionDraft(
            "服务规范",
            (
                ItemDraft(
                    "使用文明用语、一次性告知",
                    D(10),
                    deductions=(
                        DeductionDraft("未使用文明用语", D(3)),
                        DeductionDraft("未一次性告知", D(5)),
                    ),
                ),
                ItemDraft("主动告知办理进度", D(5), mode=ItemMode.PASS_FAIL),
            ),
        ),
        SectionDraft(
            "信息安全",
            (
                ItemDraft(
                    "未泄露个人信息",
                    D(10),
                    mode=ItemMode.PASS_FAIL,
                    is_critical=True,
                ),
            ),
        ),
    ),
)

MYSTERY_CARD = ScorecardDraft(
    name="办税服务厅暗访清单",
    kind=ScorecardKind.MYSTERY,
    sections=(
        SectionDraft(
            "窗口",
            (
                ItemDraft("工作人员佩戴工牌", D(1), mode=ItemMode.PASS_FAIL),
                ItemDraft("首问负责、主动引导", D(1), mode=ItemMode.PASS_FAIL),
            ),
        ),
    ),
)


class InspectionTestCase(CaseTestCase):
    """The tax hall with 发票领用 (on the spot), two inspectors and its service scorecard."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.invoice_item = make_item(
            cls.tax, cls.tax_structure, code="FP-LY", name="发票领用", promised=None
        )
        post = cls.tax_structure["post"]
        cls.tax_inspector = _on_post(cls.tax, "tax_inspector", ["inspector"], None)
        cls.tax_inspector2 = _on_post(cls.tax, "tax_inspector2", ["inspector"], None)
        cls.tax_clerk2 = _on_post(cls.tax, "tax_clerk2", ["clerk"], post)
        cls.card = scorecard_create(
            actor=cls.tax_admin, organisation=cls.tax, draft=SERVICE_CARD
        )

    def done_case(self, when: str, clerk: Any = None) -> Case:
        return case_intake(
            actor=clerk or self.tax_clerk,
            organisation=self.tax,
            item_code="FP-LY",
            channel="counter",
            applicant=APPLICANT,
            checks=all_received(2),
            outcome=Outcome.ON_THE_SPOT,
            now=at(when),
        )

    def items(self, card: Scorecard | None = None) -> list[Any]:
        return list((card or self.card).items.order_by("section__position", "position"))

    def inspection_of(self, case: Case, inspector: Any = None) -> Inspection:
        return Inspection.objects.create(
            organisation=self.tax,
            scorecard=self.card,
            target_kind="case",
            case=case,
            inspected_user=case.first_responsible,
            department=self.tax_structure["front"],
            inspector=inspector or self.tax_inspector,
        )

    def marks(
        self,
        points: str = "10",
        progress: bool = True,
        safe: bool = True,
        cut: str = "",
    ) -> list[MarkInput]:
        """Marks for the service card; ``cut`` names a deduction of the first item."""
        polite, progress_item, privacy = self.items()
        deductions = tuple(
            (d.pk, "录音 03:12") for d in polite.deductions.all() if d.name == cut
        )
        return [
            MarkInput(polite.pk, points=D(points), deductions=deductions),
            MarkInput(progress_item.pk, passed=progress),
            MarkInput(privacy.pk, passed=safe),
        ]
