"""On-site satisfaction for the quality evaluation: 1–5 mapped to 0–100, per period
and per department of the technician who did the job."""

from __future__ import annotations

from datetime import date

import time_machine

from onestop.common.scores import SourceScore
from onestop.common.testing import make_user
from onestop.fieldservice import scores
from onestop.fieldservice.testing import make_technician
from onestop.fieldservice.tests.test_jobs import FieldTestCase
from onestop.organisations.services import membership_grant

NOV_1, NOV_30 = date(2026, 11, 1), date(2026, 11, 30)


class SatisfactionScoreTests(FieldTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.back = self.uni_structure["back"]
        self.tech.department = self.back
        self.tech.save(update_fields=["department"])
        other = make_user("field_other", first_name="赵")
        membership_grant(
            actor=None, organisation=self.uni, user=other, roles=["technician"]
        )
        self.other = make_technician(self.uni, other, "赵师傅")

    def signed(self, when: str, satisfaction: int, technician=None) -> None:  # type: ignore[no-untyped-def]
        job = self.book()
        job.technician = technician or self.tech
        job.save(update_fields=["technician"])
        with time_machine.travel(f"{when} +0800", tick=False):
            self.sign(job, satisfaction=satisfaction)

    def test_the_mean_rating_maps_from_one_to_five_onto_zero_to_a_hundred(
        self,
    ) -> None:
        for value, expected in ((1, 0.0), (2, 25.0), (3, 50.0), (4, 75.0), (5, 100.0)):
            with self.subTest(value):
                self.assertEqual(scores.to_percent(value), expected)
        self.assertIsNone(scores.to_percent(None))

    def test_the_periods_signed_records_give_the_score_and_its_count(self) -> None:
        self.signed("2026-11-13 15:00", 5)
        self.signed("2026-11-20 10:00", 4)
        self.signed("2026-11-30 23:30", 1, self.other)
        self.signed("2026-12-01 00:30", 1)  # the next day in Shanghai: December
        whole = scores.satisfaction_score(
            organisation=self.uni, start=NOV_1, end=NOV_30
        )
        self.assertEqual(whole.count, 3)
        assert whole.score is not None
        self.assertAlmostEqual(whole.score, (10 / 3 - 1) / 4 * 100)
        back = scores.satisfaction_score(
            organisation=self.uni, start=NOV_1, end=NOV_30, department_id=self.back.pk
        )
        self.assertEqual(back, SourceScore(87.5, 2))

    def test_by_department_groups_by_the_technicians_department(self) -> None:
        self.signed("2026-11-13 15:00", 5)
        self.signed("2026-11-14 15:00", 3)
        self.signed("2026-11-15 15:00", 2, self.other)
        grouped = scores.satisfaction_score_by_department(
            organisation=self.uni, start=NOV_1, end=NOV_30
        )
        self.assertEqual(
            grouped, {self.back.pk: SourceScore(75.0, 2), None: SourceScore(25.0, 1)}
        )

    def test_no_records_means_no_score_and_another_organisation_sees_none(
        self,
    ) -> None:
        self.signed("2026-11-13 15:00", 5)
        self.assertEqual(
            scores.satisfaction_score(organisation=self.tax, start=NOV_1, end=NOV_30),
            SourceScore(None, 0),
        )
        self.assertEqual(
            scores.satisfaction_score_by_department(
                organisation=self.tax, start=NOV_1, end=NOV_30
            ),
            {},
        )
