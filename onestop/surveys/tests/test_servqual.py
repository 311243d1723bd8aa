"""The SERVQUAL instrument: created by one call, its report, gap 1."""

from __future__ import annotations

from datetime import date

from onestop.common.errors import ServiceError
from onestop.common.testing import OneStopTestCase
from onestop.compute.evaluation import SERVQUAL_DIMENSIONS
from onestop.surveys.errors import SurveyError
from onestop.surveys.models import (
    Audience,
    Channel,
    Kind,
    Questionnaire,
    ServqualPart,
    Status,
)
from onestop.surveys.scores import expectation_means, servqual_report
from onestop.surveys.services import Respondent, response_record, servqual_create
from onestop.surveys.testing import at

OCTOBER = {"start": date(2026, 10, 1), "end": date(2026, 10, 31)}
POINTS = {
    "tangibles": 10,
    "reliability": 30,
    "responsiveness": 20,
    "assurance": 20,
    "empathy": 20,
}


class ServqualTests(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.customers = servqual_create(actor=cls.uni_inspector, organisation=cls.uni)
        cls.management = servqual_create(
            actor=cls.uni_inspector, organisation=cls.uni, audience=Audience.MANAGEMENT
        )
        # The figures below use round, uniform answers; screen those in one test only.
        Questionnaire.objects.update(straightline_items=99)
        cls.customers.refresh_from_db()
        cls.management.refresh_from_db()

    def ids(self, questionnaire: Questionnaire, part: str) -> dict[object, int]:
        rows = questionnaire.questions.filter(servqual_part=part, parent__isnull=False)
        key = "dimension" if part == ServqualPart.IMPORTANCE else "servqual_item"
        return dict(rows.values_list(key, "pk"))

    def answer(
        self,
        expect: list[int],
        perceive: list[int],
        points: dict[str, int],
        when: str = "2026-10-10 10:00",
        **extra: object,
    ):  # type: ignore[no-untyped-def]
        e, p, i = (
            self.ids(self.customers, part)
            for part in (
                ServqualPart.EXPECTATION,
                ServqualPart.PERCEPTION,
                ServqualPart.IMPORTANCE,
            )
        )
        answers = {
            **{e[n]: v for n, v in zip(range(1, 23), expect, strict=True)},
            **{p[n]: v for n, v in zip(range(1, 23), perceive, strict=True)},
            **{i[d]: v for d, v in points.items()},
        }
        return response_record(
            questionnaire=self.customers,
            respondent=Respondent(channel=Channel.LINK, **extra),
            answers=answers,
            now=at(when),
        )  # type: ignore[arg-type]

    def test_the_instrument_has_22_items_in_five_dimensions_worded_for_the_organisation(
        self,
    ) -> None:
        q = self.customers
        self.assertEqual((q.status, q.audience), (Status.PUBLISHED, Audience.CUSTOMERS))
        perception = q.questions.filter(
            servqual_part=ServqualPart.PERCEPTION, parent__isnull=False
        )
        self.assertEqual(perception.count(), 22)
        self.assertEqual(
            {r.servqual_item: r.dimension for r in perception},
            dict(SERVQUAL_DIMENSIONS),
        )
        self.assertTrue(
            all(r.text.startswith("北方大学后勤服务中心") for r in perception)
        )
        self.assertTrue(all((r.scale_min, r.scale_max) == (1, 7) for r in perception))
        self.assertEqual(q.questions.filter(kind=Kind.POINTS).count(), 5)
        management = self.management
        self.assertEqual(management.questions.filter(kind=Kind.ROW).count(), 22)
        self.assertFalse(
            management.questions.filter(servqual_part=ServqualPart.PERCEPTION).exists()
        )

    def test_a_second_instrument_for_the_same_audience_is_refused(self) -> None:
        with self.assertRaises(ServiceError) as raised:
            servqual_create(actor=self.uni_inspector, organisation=self.uni)
        self.assertEqual(raised.exception.code, SurveyError.SERVQUAL_EXISTS)

    def test_importance_points_must_add_up_to_100(self) -> None:
        with self.assertRaises(ServiceError) as raised:
            self.answer([6] * 22, [5] * 22, {**POINTS, "empathy": 25})
        self.assertEqual(raised.exception.code, SurveyError.POINTS_SUM)

    def test_the_report_gives_gaps_means_weighted_score_and_alpha(self) -> None:
        # Respondent A: expects 6, perceives 5 everywhere except reliability 3.
        # Respondent B: expects 7, perceives 6 everywhere except reliability 4.
        a_p = [
            3 if SERVQUAL_DIMENSIONS[n] == "reliability" else 5 for n in range(1, 23)
        ]
        b_p = [
            4 if SERVQUAL_DIMENSIONS[n] == "reliability" else 6 for n in range(1, 23)
        ]
        a_e, b_e = [6] * 22, [7] * 22
        # Vary one item so the expectation totals of each dimension differ per respondent.
        self.answer(a_e, a_p, POINTS, phone="13800000001")
        self.answer(b_e, b_p, POINTS, phone="13800000002")
        report = servqual_report(
            organisation=self.uni, questionnaire=self.customers, **OCTOBER
        )
        assert report.result is not None
        self.assertEqual(report.respondents, 2)
        self.assertAlmostEqual(report.result.dimension_gaps["reliability"], -3.0)
        self.assertAlmostEqual(report.result.dimension_gaps["tangibles"], -1.0)
        self.assertAlmostEqual(report.expectation_means["reliability"], 6.5)
        self.assertAlmostEqual(report.perception_means["reliability"], 3.5)
        # Weighted: each respondent 0.1×−1 + 0.3×−3 + 0.6×−1 = −1.6.
        self.assertAlmostEqual(report.result.weighted_score, -1.6)
        # Items move together across the two respondents: α = 1 for every dimension.
        self.assertEqual(report.alpha["reliability"], 1.0)
        row = next(r for r in report.rows if r.key == "reliability")
        self.assertAlmostEqual(row.weighted, -3.0 * 30 / 100)
        self.assertEqual(report.largest_gap.key, "reliability")  # type: ignore[union-attr]
        self.assertIn("3.00", report.finding)

    def test_straight_lined_responses_are_left_out_of_the_report(self) -> None:
        Questionnaire.objects.filter(pk=self.customers.pk).update(straightline_items=22)
        self.customers.refresh_from_db()
        flat = self.answer([7] * 22, [7] * 22, POINTS)
        self.assertTrue(flat.is_excluded)
        report = servqual_report(
            organisation=self.uni, questionnaire=self.customers, **OCTOBER
        )
        self.assertEqual((report.respondents, report.result), (0, None))
        self.assertEqual(report.finding, "")

    def test_alpha_is_left_empty_when_it_cannot_be_computed(self) -> None:
        self.answer([6] * 22, [5] * 21 + [4], POINTS)
        report = servqual_report(
            organisation=self.uni, questionnaire=self.customers, **OCTOBER
        )
        self.assertEqual(report.respondents, 1)
        self.assertIsNone(report.alpha["tangibles"])

    def test_expectation_means_per_item_for_customers_and_management(self) -> None:
        self.answer([6] * 22, [5] * 22, POINTS, phone="13800000001")
        self.answer(
            [4] * 22,
            [5] * 22,
            POINTS,
            phone="13800000002",
        )
        rows = dict(
            self.management.questions.filter(kind=Kind.ROW).values_list(
                "servqual_item", "pk"
            )
        )
        response_record(
            questionnaire=self.management,
            respondent=Respondent(channel=Channel.LINK),
            answers={pk: 3 + item % 2 for item, pk in rows.items()},
            now=at("2026-10-12 09:00"),
        )
        customers = expectation_means(
            organisation=self.uni, audience="customers", **OCTOBER
        )
        management = expectation_means(
            organisation=self.uni, audience="management", **OCTOBER
        )
        self.assertEqual(customers, {n: 5.0 for n in range(1, 23)})
        self.assertEqual(management[1], 4.0)
        self.assertEqual(management[2], 3.0)
        self.assertEqual(
            expectation_means(organisation=self.tax, audience="customers", **OCTOBER),
            {},
        )
