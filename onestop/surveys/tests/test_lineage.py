"""Scores survive a new questionnaire version: a question's answers to every
version count together, keyed by the id asked for; new questions stay apart."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.urls import reverse

from onestop.common.scores import SourceScore
from onestop.surveys.models import Channel, Kind, Question
from onestop.surveys.scores import (
    question_scores,
    question_scores_by_department,
    scaled_questions,
)
from onestop.surveys.services import (
    QuestionFields,
    Respondent,
    question_add,
    question_delete,
    questionnaire_new_version,
    questionnaire_publish,
    response_record,
)
from onestop.surveys.testing import SurveyTestCase, at

OCTOBER = {"start": date(2026, 10, 1), "end": date(2026, 10, 31)}


class LineageTestCase(SurveyTestCase):
    """v1 answered once, then v2 (with a new question Q6) published and answered."""

    def setUp(self) -> None:
        super().setUp()
        self.respond("2026-10-05 10:00", overall=5, department=self.front)
        draft = questionnaire_new_version(
            actor=self.uni_inspector, questionnaire=self.sat
        )
        self.q6_draft = question_add(
            actor=self.uni_inspector,
            section=draft.sections.get(),
            fields=QuestionFields(kind=Kind.LIKERT5, text="办事效率"),
        )
        self.v2 = questionnaire_publish(actor=self.uni_inspector, questionnaire=draft)
        self.v2q = {q.code: q for q in self.v2.questions.all()}

    def respond_v2(
        self, when: str, overall: int, q6: int = 1, department: Any = None
    ) -> None:
        v2 = self.v2q
        answers = {
            v2["Q1"].pk: overall,
            v2["Q2_1"].pk: 4,
            v2["Q2_2"].pk: 5,
            v2["Q2_3"].pk: 3,
            v2["Q3"].pk: 1,
            v2["Q4"].pk: [1],
            v2["Q6"].pk: q6,
        }
        now = at(when)
        response_record(
            questionnaire=self.v2,
            respondent=Respondent(
                channel=Channel.LINK,
                department_id=department.pk if department else None,
            ),
            answers=answers,
            now=now,
            started_at=now - timedelta(seconds=120),
        )


class LineageScoreTests(LineageTestCase):
    def test_copies_point_at_the_first_versions_question(self) -> None:
        self.assertEqual(self.v2q["Q1"].lineage_id, self.q1.pk)
        self.assertEqual(self.v2q["Q2_2"].lineage_id, self.rows[1].pk)
        self.assertIsNone(self.v2q["Q6"].lineage_id)
        v3 = questionnaire_new_version(actor=self.uni_inspector, questionnaire=self.v2)
        # A third version still points at the first, not at the second.
        self.assertEqual(v3.questions.get(code="Q1").lineage_id, self.q1.pk)
        self.assertEqual(v3.questions.get(code="Q6").lineage_id, self.v2q["Q6"].pk)

    def test_answers_to_v1_and_v2_both_count_whichever_id_is_asked(self) -> None:
        self.respond_v2("2026-10-20 10:00", overall=3)
        v1_id, v2_id = self.q1.pk, self.v2q["Q1"].pk
        # (5 + 3) / 2 = 4 on 1–5 → 75.
        self.assertEqual(
            question_scores(organisation=self.uni, question_ids=[v1_id], **OCTOBER),
            {v1_id: SourceScore(75.0, 2)},
        )
        self.assertEqual(
            question_scores(
                organisation=self.uni, question_ids=[v2_id, v1_id], **OCTOBER
            ),
            {v2_id: SourceScore(75.0, 2), v1_id: SourceScore(75.0, 2)},
        )
        # A grid row too: v1 answered 5 on row 2 (4, 5, 3 default), v2 answered 5.
        row = self.rows[1].pk
        self.assertEqual(
            question_scores(organisation=self.uni, question_ids=[row], **OCTOBER),
            {row: SourceScore(100.0, 2)},
        )

    def test_a_question_added_in_v2_is_not_mixed_with_another(self) -> None:
        self.respond_v2("2026-10-20 10:00", overall=3, q6=2)
        q6 = self.v2q["Q6"].pk
        scores = question_scores(
            organisation=self.uni, question_ids=[q6, self.q1.pk], **OCTOBER
        )
        self.assertEqual(scores[q6], SourceScore(25.0, 1))
        self.assertEqual(scores[self.q1.pk], SourceScore(75.0, 2))

    def test_a_question_deleted_and_added_again_in_a_new_version_starts_afresh(
        self,
    ) -> None:
        draft = questionnaire_new_version(
            actor=self.uni_inspector, questionnaire=self.v2
        )
        question_delete(
            actor=self.uni_inspector, question=draft.questions.get(code="Q1")
        )
        fresh = question_add(
            actor=self.uni_inspector,
            section=draft.sections.get(),
            fields=QuestionFields(kind=Kind.LIKERT5, text="总体满意度", code="Q1"),
        )
        self.assertIsNone(fresh.lineage_id)
        self.assertEqual(
            question_scores(organisation=self.uni, question_ids=[fresh.pk], **OCTOBER),
            {fresh.pk: SourceScore(None, 0)},
        )

    def test_by_department_pools_the_versions_in_two_queries(self) -> None:
        self.respond_v2("2026-10-20 10:00", overall=4, department=self.front)
        self.respond_v2("2026-10-21 10:00", overall=1)
        v2_id = self.v2q["Q1"].pk
        with self.assertNumQueries(2):
            scores = question_scores_by_department(
                organisation=self.uni, question_ids=[v2_id], **OCTOBER
            )
        self.assertEqual(
            scores,
            {
                # v1: 5, v2: 4 → 4.5 → 87.5.
                (self.front.pk, v2_id): SourceScore(87.5, 2),
                (None, v2_id): SourceScore(0.0, 1),
            },
        )

    def test_versions_on_different_scales_are_each_mapped_onto_0_to_100(self) -> None:
        # Make the v2 copy of Q1 a 7-point question (as if its scale had changed).
        Question.objects.filter(pk=self.v2q["Q1"].pk).update(scale_max=7)
        self.respond_v2("2026-10-20 10:00", overall=7)
        # v1: 5 on 1–5 → 100; v2: 7 on 1–7 → 100.
        self.assertEqual(
            question_scores(
                organisation=self.uni, question_ids=[self.q1.pk], **OCTOBER
            ),
            {self.q1.pk: SourceScore(100.0, 2)},
        )

    def test_scaled_questions_name_the_lineage(self) -> None:
        listed = {
            (q.version, q.code): q.lineage_id
            for q in scaled_questions(organisation=self.uni)
        }
        self.assertEqual(listed[(1, "Q1")], self.q1.pk)
        self.assertEqual(listed[(2, "Q1")], self.q1.pk)
        self.assertEqual(listed[(2, "Q6")], self.v2q["Q6"].pk)

    def test_another_organisation_cannot_reach_the_lineage(self) -> None:
        self.respond_v2("2026-10-20 10:00", overall=3)
        self.assertEqual(
            question_scores(
                organisation=self.tax, question_ids=[self.v2q["Q1"].pk], **OCTOBER
            ),
            {self.v2q["Q1"].pk: SourceScore(None, 0)},
        )


class LineageDrillDownTests(LineageTestCase):
    def test_the_drill_down_lists_the_answers_to_every_version(self) -> None:
        self.respond_v2("2026-10-20 10:00", overall=3)
        self.login(self.uni_supervisor)
        for question in (self.q1, self.v2q["Q1"]):
            with self.subTest(version=question.questionnaire_id):
                page = self.client.get(
                    reverse("staff:survey_question_answers", args=[question.pk]),
                    {"start": "2026-10-01", "end": "2026-10-31"},
                )
                self.assertContains(page, 'data-counted="2"')
                self.assertContains(page, "data-answer=", count=2)
                self.assertContains(page, "<td>v1</td>")
                self.assertContains(page, "<td>v2</td>")
                self.assertContains(page, "75.0")

    def test_a_new_question_drill_down_lists_only_its_own_answers(self) -> None:
        self.respond_v2("2026-10-20 10:00", overall=3)
        self.login(self.uni_supervisor)
        page = self.client.get(
            reverse("staff:survey_question_answers", args=[self.v2q["Q6"].pk]),
            {"start": "2026-10-01", "end": "2026-10-31"},
        )
        self.assertContains(page, "data-answer=", count=1)
        self.assertNotContains(page, "<td>v1</td>")
