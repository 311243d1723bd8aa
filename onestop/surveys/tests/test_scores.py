"""The contract with the quality evaluation (docs/quality.md): question scores on 0–100."""

from __future__ import annotations

from datetime import date

from onestop.common.scores import SourceScore
from onestop.surveys.models import Answer, Response
from onestop.surveys.scores import (
    question_scores,
    question_scores_by_department,
    scaled_questions,
)
from onestop.surveys.services import questionnaire_new_version, response_exclusion_set
from onestop.surveys.testing import SurveyTestCase

OCTOBER = {"start": date(2026, 10, 1), "end": date(2026, 10, 31)}


class QuestionScoreTests(SurveyTestCase):
    def scores(self, **extra: object) -> dict[int, SourceScore]:
        ids = [self.q1.pk, self.rows[0].pk, self.q3.pk, self.q4.pk]
        return question_scores(
            organisation=self.uni, question_ids=ids, **OCTOBER, **extra
        )  # type: ignore[arg-type]

    def test_a_five_point_mean_maps_onto_0_to_100(self) -> None:
        self.respond(overall=5, grid=(1, 2, 3))
        self.respond(overall=4, grid=(2, 2, 3), phone="")
        scores = self.scores()
        # Q1: mean 4.5 on 1–5 → (4.5 − 1) / 4 × 100 = 87.5; row 1: mean 1.5 → 12.5.
        self.assertEqual(scores[self.q1.pk], SourceScore(87.5, 2))
        self.assertEqual(scores[self.rows[0].pk], SourceScore(12.5, 2))
        # Single choice with points 0–10, "准时" = 10 points → 100.
        self.assertEqual(scores[self.q3.pk], SourceScore(100.0, 2))
        # Multiple choice has no score.
        self.assertEqual(scores[self.q4.pk], SourceScore(None, 0))

    def test_the_period_is_inclusive_and_other_days_do_not_count(self) -> None:
        self.respond("2026-10-01 08:00", overall=5)
        self.respond("2026-10-31 20:00", overall=3)
        self.respond("2026-11-01 09:00", overall=1)
        self.respond("2026-09-30 17:00", overall=1)
        self.assertEqual(self.scores()[self.q1.pk], SourceScore(75.0, 2))

    def test_screened_responses_do_not_count(self) -> None:
        self.respond(overall=5)
        fast = self.respond(overall=1, seconds=5)
        self.assertTrue(fast.is_excluded)
        self.assertEqual(self.scores()[self.q1.pk], SourceScore(100.0, 1))
        response_exclusion_set(
            actor=self.uni_inspector,
            response=fast,
            excluded=False,
            note="电话核实为真实评价",
        )
        self.assertEqual(self.scores()[self.q1.pk], SourceScore(50.0, 2))

    def test_a_department_filter_counts_only_its_answers(self) -> None:
        self.respond(overall=5, department=self.front)
        self.respond(overall=1, department=self.back)
        self.assertEqual(
            self.scores(department_id=self.front.pk)[self.q1.pk], SourceScore(100.0, 1)
        )

    def test_by_department_groups_every_pair_in_one_query(self) -> None:
        self.respond(overall=5, department=self.front)
        self.respond(overall=3, department=self.front)
        self.respond(overall=1)
        with self.assertNumQueries(2):
            scores = question_scores_by_department(
                organisation=self.uni, question_ids=[self.q1.pk], **OCTOBER
            )
        self.assertEqual(
            scores,
            {
                (self.front.pk, self.q1.pk): SourceScore(75.0, 2),
                (None, self.q1.pk): SourceScore(0.0, 1),
            },
        )

    def test_another_organisations_question_scores_nothing(self) -> None:
        self.respond(overall=5)
        scores = question_scores(
            organisation=self.tax, question_ids=[self.q1.pk], **OCTOBER
        )
        self.assertEqual(scores, {self.q1.pk: SourceScore(None, 0)})

    def test_answers_inserted_in_bulk_with_the_benchmark_fields_are_scored(
        self,
    ) -> None:
        response = self.respond(overall=3)
        Answer.objects.bulk_create(
            Answer(
                response=response,
                question=self.q1,
                organisation=self.uni,
                department=self.front,
                answered_on=date(2026, 10, 2),
                value=5.0,
            )
            for _n in range(3)
        )
        self.assertEqual(self.scores()[self.q1.pk], SourceScore(87.5, 4))

    def test_scaled_questions_lists_published_scaled_questions_only(self) -> None:
        draft = questionnaire_new_version(
            actor=self.uni_inspector, questionnaire=self.sat
        )
        self.assertEqual(draft.questions.count(), self.sat.questions.count())
        listed = scaled_questions(organisation=self.uni)
        self.assertEqual([q.code for q in listed], ["Q1", "Q2_1", "Q2_2", "Q2_3", "Q3"])
        self.assertIn("v1", listed[0].label)
        self.assertEqual(scaled_questions(organisation=self.tax), [])
        self.assertFalse(Response.objects.exists())
