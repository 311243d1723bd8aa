"""The metrics recount the hand-checked May of tests/fixtures.py."""

from __future__ import annotations

from datetime import date

from onestop.assessment.metrics import METRICS, MetricValue, metric_values
from onestop.assessment.tests.fixtures import populate_may
from onestop.common.testing import OneStopTestCase

MAY = {"start": date(2025, 5, 1), "end": date(2025, 5, 31)}


class MetricValuesTests(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        populate_may(cls)

    def values(self, key: str, subject: str = "person", **kw: object) -> dict:
        return metric_values(
            organisation=self.uni, key=key, subject=subject, **MAY, **kw
        )

    def test_every_metric_per_person_matches_the_hand_count(self) -> None:
        clerk, tech = self.uni_clerk.pk, self.uni_technician.pk
        expected = {
            "on_time_rate": {clerk: MetricValue(100.0, 1), tech: MetricValue(75.0, 4)},
            "one_time_rate": {clerk: MetricValue(75.0, 4)},
            "average_rating": {clerk: MetricValue(3.0, 4), tech: MetricValue(5.0, 1)},
            "bad_ratings": {clerk: MetricValue(2.0, 2)},
            "complaints": {clerk: MetricValue(1.0, 1)},
            "overdue_rectifications": {self.uni_supervisor.pk: MetricValue(1.0, 1)},
            "handover_timeliness": {clerk: MetricValue(50.0, 2)},
            "average_wait_minutes": {clerk: MetricValue(15.0, 2)},
            "average_serving_minutes": {clerk: MetricValue(7.0, 2)},
        }
        for key, values in expected.items():
            with self.subTest(key):
                self.assertEqual(self.values(key), values)

    def test_post_and_department_read_the_step_record_itself(self) -> None:
        self.assertEqual(
            self.values("on_time_rate", "post"),
            {
                self.post_front.pk: MetricValue(100.0, 1),
                self.post_back.pk: MetricValue(75.0, 4),
            },
        )
        self.assertEqual(
            self.values("on_time_rate", "department"),
            {self.front.pk: MetricValue(100.0, 1), self.back.pk: MetricValue(75.0, 4)},
        )

    def test_person_figures_roll_up_to_the_posts_they_hold(self) -> None:
        self.assertEqual(
            self.values("average_rating", "post"),
            {
                self.post_front.pk: MetricValue(3.0, 4),
                self.post_back.pk: MetricValue(5.0, 1),
            },
        )
        self.assertEqual(
            self.values("one_time_rate", "department"),
            {self.front.pk: MetricValue(75.0, 4)},
        )

    def test_a_group_sums_its_people_and_lists_every_group_for_counts(self) -> None:
        people = {
            7: [self.uni_clerk.pk, self.uni_technician.pk],
            8: [self.uni_admin.pk],
        }
        self.assertEqual(
            self.values("average_rating", "group", people=people),
            {7: MetricValue(3.4, 5)},  # (12 + 5) / 5
        )
        self.assertEqual(
            self.values("bad_ratings", "group", people=people),
            {7: MetricValue(2.0, 2), 8: MetricValue(0.0, 0)},
        )

    def test_another_organisation_sees_none_of_this_work(self) -> None:
        for key in METRICS:
            if key == "qa_score":
                continue
            with self.subTest(key):
                got = metric_values(
                    organisation=self.tax, key=key, subject="person", **MAY
                )
                self.assertEqual(got, {})

    def test_april_work_is_not_counted_in_may(self) -> None:
        april = metric_values(
            organisation=self.uni, key="on_time_rate", subject="person",
            start=date(2025, 4, 1), end=date(2025, 4, 30),
        )  # fmt: skip
        self.assertEqual(april, {self.uni_technician.pk: MetricValue(0.0, 1)})

    def test_every_metric_has_a_source(self) -> None:
        from onestop.assessment.metrics import SOURCES

        self.assertEqual(set(METRICS), set(SOURCES))


class QaScoreTests(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        populate_may(cls)

    def test_no_inspection_means_no_qa_value(self) -> None:
        got = metric_values(
            organisation=self.uni, key="qa_score", subject="person", **MAY
        )
        self.assertEqual(got, {})

    def test_qa_scores_roll_up_weighted_by_inspections(self) -> None:
        from unittest import mock

        from onestop.common.scores import SourceScore

        found = {
            self.uni_clerk.pk: SourceScore(90.0, 3),
            self.uni_technician.pk: SourceScore(70.0, 1),
        }
        with mock.patch(
            "onestop.inspection.scores.staff_scores", return_value=found
        ) as call:
            people = {1: [self.uni_clerk.pk, self.uni_technician.pk]}
            got = metric_values(organisation=self.uni, key="qa_score", subject="group",
                                people=people, **MAY)  # fmt: skip
        call.assert_called_once_with(
            organisation=self.uni, start=MAY["start"], end=MAY["end"]
        )
        self.assertEqual(got, {1: MetricValue(85.0, 4)})  # (90 × 3 + 70) / 4
