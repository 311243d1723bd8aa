"""Completed phone return visits (surveys' calls) as an inspection sampling source."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse

from onestop.inspection.models import Inspection, SampleMethod, TargetKind
from onestop.inspection.services import (
    RuleDraft,
    calibration_start,
    inspection_score,
    rule_save,
    sample_run,
)
from onestop.inspection.testing import InspectionTestCase, at
from onestop.surveys.models import CallAttempt, CallOutcome, Channel, Invitation
from onestop.surveys.services import return_visit_record
from onestop.surveys.testing import build_satisfaction

MARCH = (date(2025, 3, 1), date(2025, 3, 31))


class ReturnVisitSamplingTests(InspectionTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.sat = build_satisfaction(cls.tax_admin, cls.tax)
        cls.back = cls.tax_structure["back"]

    def call(
        self, caller: Any, when: str, outcome: str = CallOutcome.ANSWERED
    ) -> CallAttempt:
        n = Invitation.objects.count() + 1
        invitation = Invitation.objects.create(
            organisation=self.tax,
            questionnaire=self.sat,
            token=f"rv-{n}",
            channel=Channel.PHONE,
            department=self.back,
            respondent_name="王女士",
            respondent_phone=f"1390000{n:04d}",
            created_at=at("2025-03-01 08:00"),
        )
        q = {question.code: question for question in self.sat.questions.all()}
        answers = {
            q["Q1"].pk: 4,
            q["Q2_1"].pk: 4,
            q["Q2_2"].pk: 5,
            q["Q2_3"].pk: 3,
            q["Q3"].pk: 1,
            q["Q4"].pk: [1],
        }
        return return_visit_record(
            actor=caller,
            invitation=invitation,
            outcome=outcome,
            answers=answers if outcome == CallOutcome.ANSWERED else None,
            now=at(when),
        )

    def rule(self, **draft: Any) -> Any:
        fields = {"method": SampleMethod.PER_STAFF, "per_staff": 1, **draft}
        return rule_save(
            actor=self.tax_admin,
            organisation=self.tax,
            draft=RuleDraft(
                name="回访质检",
                scorecard=self.card,
                target_kind=TargetKind.RETURN_VISIT,
                **fields,
            ),
        )

    def draw(self, rule: Any) -> Any:
        return sample_run(
            actor=self.tax_admin,
            rule=rule,
            start=MARCH[0],
            end=MARCH[1],
            inspectors=[self.tax_inspector, self.tax_inspector2],
            now=at("2025-04-01 09:00"),
        )

    def test_draws_answered_calls_of_the_period_and_inspects_the_caller(self) -> None:
        first = self.call(self.tax_clerk, "2025-03-03 10:00")
        second = self.call(self.tax_clerk, "2025-03-04 10:00")
        other = self.call(self.tax_clerk2, "2025-03-05 10:00")
        self.call(self.tax_clerk2, "2025-03-06 10:00", CallOutcome.NO_ANSWER)
        self.call(self.tax_clerk2, "2025-04-02 10:00")  # outside the period
        run = self.draw(self.rule())
        # Three answered calls in March; one per caller drawn.
        self.assertEqual((run.population, run.drawn), (3, 2))
        drawn = {i.inspected_user_id: i for i in Inspection.objects.filter(run=run)}
        self.assertEqual(set(drawn), {self.tax_clerk.pk, self.tax_clerk2.pk})
        self.assertIn(drawn[self.tax_clerk.pk].return_visit_id, {first.pk, second.pk})
        self.assertEqual(drawn[self.tax_clerk2.pk].return_visit_id, other.pk)
        for inspection in drawn.values():
            self.assertEqual(inspection.target_kind, TargetKind.RETURN_VISIT)
            self.assertNotEqual(inspection.inspector_id, inspection.inspected_user_id)
        # tax_clerk2 sits on the front post; tax_clerk has none: the invitation's department.
        self.assertEqual(
            drawn[self.tax_clerk2.pk].department_id, self.tax_structure["front"].pk
        )
        self.assertEqual(drawn[self.tax_clerk.pk].department_id, self.back.pk)

    def test_a_call_already_inspected_is_not_drawn_again(self) -> None:
        self.call(self.tax_clerk, "2025-03-03 10:00")
        self.draw(self.rule())
        later = self.draw(
            self.rule(method=SampleMethod.PERCENT, per_staff=None, percent=100)
        )
        self.assertEqual((later.population, later.drawn), (0, 0))

    def test_percent_draws_a_share_of_each_questionnaires_calls(self) -> None:
        for day in range(3, 7):
            self.call(self.tax_clerk, f"2025-03-{day:02d} 10:00")
        run = self.draw(
            self.rule(method=SampleMethod.PERCENT, per_staff=None, percent=50)
        )
        self.assertEqual((run.population, run.drawn), (4, 2))

    def test_another_organisations_calls_are_not_drawn(self) -> None:
        uni_sat = build_satisfaction(self.uni_admin, self.uni)
        invitation = Invitation.objects.create(
            organisation=self.uni,
            questionnaire=uni_sat,
            token="rv-uni",
            channel=Channel.PHONE,
            created_at=at("2025-03-01 08:00"),
        )
        CallAttempt.objects.create(
            organisation=self.uni,
            invitation=invitation,
            outcome=CallOutcome.ANSWERED,
            called_at=at("2025-03-03 10:00"),
            caller=self.uni_clerk,
        )
        run = self.draw(self.rule())
        self.assertEqual(run.population, 0)

    def test_a_return_visit_inspection_names_only_its_call(self) -> None:
        call = self.call(self.tax_clerk, "2025-03-03 10:00")
        with self.assertRaises(IntegrityError), transaction.atomic():
            Inspection.objects.create(
                organisation=self.tax,
                scorecard=self.card,
                target_kind=TargetKind.RETURN_VISIT,
                return_visit=call,
                case=self.done_case("2025-03-03 11:00"),
                inspector=self.tax_inspector,
            )

    def test_scored_and_calibrated_and_shown_with_the_phone_masked(self) -> None:
        self.call(self.tax_clerk, "2025-03-03 10:00")
        run = self.draw(self.rule())
        inspection = Inspection.objects.get(run=run)
        inspection_score(
            actor=inspection.inspector, inspection=inspection, marks=self.marks()
        )
        inspection.refresh_from_db()
        self.assertEqual(inspection.total, 100)
        calibration = calibration_start(
            actor=self.tax_admin,
            inspection=inspection,
            inspectors=[self.tax_inspector, self.tax_inspector2],
            name="回访校准",
        )
        self.assertEqual(
            calibration.copies.get().return_visit_id, inspection.return_visit_id
        )
        self.login(self.tax_inspector)
        page = self.client.get(reverse("staff:inspection_detail", args=[inspection.pk]))
        phone = inspection.return_visit.invitation.respondent_phone
        self.assertContains(page, f"{phone[:3]}****{phone[-4:]}")
        self.assertNotContains(page, phone)
        self.assertContains(
            page,
            reverse(
                "staff:survey_response",
                args=[inspection.return_visit.invitation.response.pk],
            ),
        )
        # The inspected clerk sees their inspection, but not the survey's answers.
        self.login(self.tax_clerk)
        own = self.client.get(reverse("staff:inspection_detail", args=[inspection.pk]))
        self.assertContains(own, f"{phone[:3]}****{phone[-4:]}")
        self.assertNotContains(
            own,
            reverse(
                "staff:survey_response",
                args=[inspection.return_visit.invitation.response.pk],
            ),
        )
        self.login(self.uni_admin)
        self.assertEqual(
            self.client.get(
                reverse("staff:inspection_detail", args=[inspection.pk])
            ).status_code,
            404,
        )

    def test_the_rule_form_offers_return_visits(self) -> None:
        self.login(self.tax_admin)
        self.client.post(
            reverse("staff:inspection_rules"),
            {
                "name": "回访质检",
                "scorecard": self.card.pk,
                "target_kind": "return_visit",
                "method": "per_staff",
                "per_staff": 2,
            },
        )
        rule = self.tax.inspection_samplingrule_set.get()
        self.assertEqual(rule.target_kind, TargetKind.RETURN_VISIT)
