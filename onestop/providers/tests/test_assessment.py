"""The monthly provider assessment on the hand-checked May of providers.testing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import time_machine

from onestop.assessment.testing import at
from onestop.common.errors import ServiceError
from onestop.common.testing import OneStopTestCase
from onestop.providers.errors import ProviderError
from onestop.providers.models import AssessmentStatus, FeedbackReport, LineKind
from onestop.providers.services import (
    assessment_run,
    assessment_sign,
    deduction_record,
    report_check,
)
from onestop.providers.testing import (
    EXPECTED_AMOUNT,
    EXPECTED_KPI_POINTS,
    EXPECTED_SCORE,
    MAY,
    cleaning_month,
)


class MonthlyAssessmentTest(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cleaning_month(cls)

    def run_may(self, contract=None):
        return assessment_run(
            actor=self.uni_supervisor,
            contract=contract or self.contract,
            month=MAY,
            now=at("2025-06-03T09:00"),
        )

    def test_may_gives_exactly_the_hand_worked_kpi_points(self) -> None:
        assessment = self.run_may()
        kpis = [line for line in assessment.lines.all() if line.kind == LineKind.KPI]
        self.assertEqual(
            [(line.name, line.value, line.count, line.points) for line in kpis],
            [
                ("按时办结率", 95.0, 20, Decimal("37.50")),
                ("师生平均评价", 4.75, 4, Decimal("26.25")),
                ("信息员反映问题", 1.0, 1, Decimal("18.00")),
            ],
        )
        self.assertEqual(assessment.kpi_points, EXPECTED_KPI_POINTS)

    def test_deduction_lowers_the_score_and_the_payment_follows_the_formula(
        self,
    ) -> None:
        assessment = self.run_may()
        self.assertEqual(assessment.deducted_points, Decimal("1.50"))
        self.assertEqual(assessment.score, EXPECTED_SCORE)
        self.assertEqual(assessment.amount, EXPECTED_AMOUNT)
        self.assertEqual(
            [(line["kind"], line["amount"]) for line in assessment.payment_lines],
            [("base", "100000.00"), ("deduction", "-9750.00")],
        )
        deduction = assessment.lines.get(kind=LineKind.DEDUCTION)
        self.assertEqual(deduction.points, Decimal("-1.50"))
        self.assertIn("垃圾桶", deduction.name)
        self.assertIn("拍照", deduction.evidence)

    def test_competing_provider_is_scored_on_its_own_staff_only(self) -> None:
        rival = self.run_may(self.rival_contract)
        self.assertEqual(rival.score, Decimal("100.00"))
        self.assertEqual(rival.amount, Decimal("100000.00"))

    def test_each_run_is_a_new_version_and_a_signed_month_is_closed(self) -> None:
        first = self.run_may()
        second = self.run_may()
        self.assertEqual((first.version, second.version), (1, 2))
        assessment_sign(actor=self.uni_supervisor, assessment=second)
        with self.assertRaises(ServiceError) as refused:
            self.run_may()
        self.assertEqual(refused.exception.code, ProviderError.SIGNED)

    def test_signing_an_older_version_is_refused(self) -> None:
        first = self.run_may()
        self.run_may()
        with self.assertRaises(ServiceError) as refused:
            assessment_sign(actor=self.uni_supervisor, assessment=first)
        self.assertEqual(refused.exception.code, ProviderError.NOTHING_TO_SIGN)

    def test_signed_month_keeps_its_figures_after_a_later_check(self) -> None:
        signed = assessment_sign(actor=self.uni_supervisor, assessment=self.run_may())
        late = FeedbackReport.objects.create(
            organisation=self.uni,
            officer=self.officer,
            contract=self.contract,
            region=self.places["building"],
            description="卫生间无纸巾",
            observed_on=date(2025, 5, 28),
            submitted_at=at("2025-06-05T20:00"),
        )
        report_check(actor=self.uni_inspector, report=late, confirmed=True)
        signed.refresh_from_db()
        self.assertEqual(signed.status, AssessmentStatus.SIGNED)
        self.assertEqual(signed.amount, EXPECTED_AMOUNT)

    def test_month_not_over_cannot_be_assessed(self) -> None:
        with self.assertRaises(ServiceError) as refused:
            assessment_run(
                actor=self.uni_supervisor,
                contract=self.contract,
                month=MAY,
                now=at("2025-05-31T18:00"),
            )
        self.assertEqual(refused.exception.code, ProviderError.MONTH_NOT_OVER)

    def test_deduction_without_evidence_is_refused_and_nothing_kept(self) -> None:
        before = self.contract.deductions.count()
        with self.assertRaises(ServiceError) as refused:
            deduction_record(
                actor=self.uni_inspector,
                contract=self.contract,
                month=MAY,
                points=Decimal(2),
                reason="餐具消毒不合格",
                evidence=" ",
            )
        self.assertEqual(refused.exception.field, "evidence")
        self.assertEqual(self.contract.deductions.count(), before)

    @time_machine.travel(at("2025-06-03T09:00"))
    def test_confirmed_report_counts_against_the_provider_after_the_check(self) -> None:
        waiting = FeedbackReport.objects.create(
            organisation=self.uni,
            officer=self.officer,
            contract=self.contract,
            region=self.places["building"],
            description="洗衣房门口垃圾堆放",
            observed_on=date(2025, 5, 20),
            submitted_at=at("2025-05-20T20:00"),
        )
        self.assertEqual(self.run_may().lines.get(metric="officer_reports").value, 1.0)
        report_check(actor=self.uni_inspector, report=waiting, confirmed=True)
        line = self.run_may().lines.get(metric="officer_reports")
        self.assertEqual((line.value, line.points), (2.0, Decimal("16.00")))
