"""Rated cases for tests: the tax hall's casework plus an item done on the spot."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from onestop.cases.models import Case, Outcome
from onestop.cases.testing import APPLICANT, CaseTestCase, all_received
from onestop.circulation.services import case_act
from onestop.common.testing import make_item
from onestop.intake.checks import MaterialCheck
from onestop.intake.services import Decision, case_intake
from onestop.ratings.models import Rating, RatingChannel
from onestop.ratings.services import rating_submit

SH = ZoneInfo("Asia/Shanghai")
COMPLETE = [
    MaterialCheck(position=p, received=True, form="original", count=2)
    for p in (1, 2, 3)
]


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def local(moment: datetime | None) -> str:
    assert moment is not None
    return moment.astimezone(SH).strftime("%Y-%m-%d %H:%M")


class RatingTestCase(CaseTestCase):
    """The tax hall with 注销税务登记 (promised) and 发票领用 (done on the spot)."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.invoice_item = make_item(
            cls.tax, cls.tax_structure, code="FP-LY", name="发票领用", promised=None
        )

    def on_the_spot(self, when: str, actor: Any = None, code: str = "FP-LY") -> Case:
        return case_intake(
            actor=actor or self.tax_clerk,
            organisation=self.tax,
            item_code=code,
            channel="counter",
            applicant=APPLICANT,
            checks=all_received(2),
            outcome=Outcome.ON_THE_SPOT,
            now=at(when),
        )

    def accepted(self, when: str) -> Case:
        return case_intake(
            actor=self.tax_clerk,
            organisation=self.tax,
            item_code="DJ-ZX",
            channel="counter",
            applicant=APPLICANT,
            checks=COMPLETE,
            outcome=Outcome.ACCEPTED,
            now=at(when),
        )

    def rejected(self, when: str) -> Case:
        return case_intake(
            actor=self.tax_clerk,
            organisation=self.tax,
            item_code="DJ-ZX",
            channel="counter",
            applicant=APPLICANT,
            checks=COMPLETE,
            outcome=Outcome.REJECTED,
            decision=Decision(
                reason="尚有未结清税款", legal_basis="《税收征收管理法》"
            ),
            now=at(when),
        )

    def completed(self, accepted: str, done: str) -> Case:
        """Accepted, 审核 approved and the case completed at ``done``."""
        case = self.accepted(accepted)
        for action in ("approve", "complete"):
            case = case_act(
                actor=self.handler,
                case=case,
                action=action,
                expected_version=case.lock_version,
                now=at(done),
            )
        return case

    def rate(
        self,
        case: Case,
        level: int,
        when: str,
        channel: str = RatingChannel.RECEIPT,
        **extra: Any,
    ) -> Rating:
        with self.captureOnCommitCallbacks(execute=True):
            return rating_submit(
                case=case, level=level, channel=channel, now=at(when), **extra
            )
