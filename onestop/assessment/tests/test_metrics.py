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


class GroupItemRestrictionTests(OneStopTestCase):
    """``item_ids`` narrows a group to the records of its catalogue items' cases."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        populate_may(cls)
        from onestop.common.testing import make_item

        cls.other_item = make_item(cls.uni, cls.uni_structure, code="U-002",
                                   name="宿舍维修")  # fmt: skip

    def group(self, key: str, items: list[int], **kw: object) -> dict:
        people = {1: [self.uni_clerk.pk, self.uni_technician.pk]}
        return metric_values(organisation=self.uni, key=key, subject="group",
                             people=people, item_ids={1: items}, **MAY, **kw)  # fmt: skip

    def test_the_groups_item_keeps_every_case_record(self) -> None:
        item = [self.item.pk]
        self.assertEqual(self.group("on_time_rate", item), {1: MetricValue(80.0, 5)})
        self.assertEqual(self.group("average_rating", item), {1: MetricValue(3.4, 5)})
        self.assertEqual(self.group("complaints", item), {1: MetricValue(1.0, 1)})
        self.assertEqual(self.group("one_time_rate", item), {1: MetricValue(75.0, 4)})

    def test_another_items_cases_do_not_count(self) -> None:
        other = [self.other_item.pk]
        self.assertEqual(self.group("on_time_rate", other), {})
        self.assertEqual(self.group("average_rating", other), {})
        self.assertEqual(self.group("bad_ratings", other), {1: MetricValue(0.0, 0)})

    def test_records_tied_to_no_case_do_not_count_for_a_restricted_group(self) -> None:
        item = [self.item.pk]
        self.assertEqual(self.group("handover_timeliness", item), {})
        self.assertEqual(self.group("average_wait_minutes", item), {})
        self.assertEqual(self.group("qa_score", item), {})

    def test_hall_numbers_and_handovers_count_through_their_case(self) -> None:
        from onestop.assessment.testing import at, make_case, make_handover
        from onestop.queueing.models import Ticket

        case = make_case(
            self.item, clerk=self.uni_clerk, received_at=at("2025-05-02 09:00")
        )
        Ticket.objects.filter(organisation=self.uni).update(case=case)
        line = make_handover(self.uni, giver=self.uni_technician, receiver=self.uni_clerk,
                             department=self.front, handed_over_at=at("2025-05-20 10:00"),
                             due_at=at("2025-05-21 17:30"),
                             received_at=at("2025-05-21 09:00"))  # fmt: skip
        line.reference = case.number
        line.save(update_fields=["reference"])
        item, other = [self.item.pk], [self.other_item.pk]
        self.assertEqual(self.group("average_wait_minutes", item),
                         {1: MetricValue(15.0, 2)})  # fmt: skip
        self.assertEqual(self.group("average_wait_minutes", other), {})
        self.assertEqual(self.group("handover_timeliness", item),
                         {1: MetricValue(100.0, 1)})  # fmt: skip

    def test_a_group_left_out_of_item_ids_counts_all_its_work(self) -> None:
        people = {1: [self.uni_clerk.pk], 2: [self.uni_clerk.pk]}
        got = metric_values(organisation=self.uni, key="average_rating", subject="group",
                            people=people, item_ids={2: [self.other_item.pk]}, **MAY)  # fmt: skip
        self.assertEqual(got, {1: MetricValue(3.0, 4)})

    def test_item_ids_are_refused_for_other_subjects(self) -> None:
        with self.assertRaises(ValueError):
            metric_values(organisation=self.uni, key="average_rating", subject="person",
                          item_ids={1: [self.item.pk]}, **MAY)  # fmt: skip
