"""Building questionnaires: drafts, frozen published versions, new versions."""

from __future__ import annotations

from onestop.common.errors import ServiceError, ServiceErrors
from onestop.surveys.errors import SurveyError
from onestop.surveys.models import Kind, Questionnaire, Status
from onestop.surveys.services import (
    QuestionFields,
    question_add,
    question_move,
    questionnaire_new_version,
    questionnaire_publish,
    section_add,
)
from onestop.surveys.testing import SurveyTestCase


class VersionTests(SurveyTestCase):
    def test_a_published_version_is_frozen(self) -> None:
        section = self.sat.sections.get()
        with self.assertRaises(ServiceError) as raised:
            question_add(
                actor=self.uni_inspector,
                section=section,
                fields=QuestionFields(kind=Kind.TEXT, text="新问题"),
            )
        self.assertEqual(raised.exception.code, SurveyError.NOT_DRAFT)
        with self.assertRaises(ServiceError):
            section_add(
                actor=self.uni_inspector, questionnaire=self.sat, title="新部分"
            )

    def test_a_new_version_copies_everything_and_responses_keep_their_version(
        self,
    ) -> None:
        old = self.respond()
        draft = questionnaire_new_version(
            actor=self.uni_inspector, questionnaire=self.sat
        )
        self.assertEqual((draft.version, draft.status), (2, Status.DRAFT))
        self.assertEqual(
            sorted(draft.questions.values_list("code", flat=True)),
            sorted(self.sat.questions.values_list("code", flat=True)),
        )
        copied = draft.questions.get(code="Q3")
        self.assertEqual(
            [(c.label, c.points) for c in copied.choices.all()],
            [("准时", 10.0), ("迟到半小时内", 5.0), ("迟到更久", 0.0)],
        )
        self.assertEqual(draft.questions.get(code="Q2_1").parent.code, "Q2")
        question_add(
            actor=self.uni_inspector,
            section=draft.sections.get(),
            fields=QuestionFields(kind=Kind.LIKERT5, text="维修人员是否出示工作证"),
        )
        questionnaire_publish(actor=self.uni_inspector, questionnaire=draft)
        self.sat.refresh_from_db()
        self.assertEqual(self.sat.status, Status.RETIRED)
        old.refresh_from_db()
        self.assertEqual(old.questionnaire_id, self.sat.pk)
        self.assertEqual(self.sat.questions.count() + 1, draft.questions.count())

    def test_only_one_draft_at_a_time(self) -> None:
        questionnaire_new_version(actor=self.uni_inspector, questionnaire=self.sat)
        with self.assertRaises(ServiceError) as raised:
            questionnaire_new_version(actor=self.uni_inspector, questionnaire=self.sat)
        self.assertEqual(raised.exception.code, SurveyError.HAS_DRAFT)
        self.assertEqual(Questionnaire.objects.filter(code="SAT").count(), 2)

    def test_a_grid_needs_items_and_a_choice_needs_choices(self) -> None:
        draft = questionnaire_new_version(
            actor=self.uni_inspector, questionnaire=self.sat
        )
        section = draft.sections.get()
        with self.assertRaises(ServiceErrors) as raised:
            question_add(
                actor=self.uni_inspector,
                section=section,
                fields=QuestionFields(kind=Kind.MATRIX7, text="", lines=["只有一项"]),
            )
        self.assertEqual({e.field for e in raised.exception.errors}, {"text", "lines"})
        with self.assertRaises(ServiceError) as raised_one:
            question_add(
                actor=self.uni_inspector,
                section=section,
                fields=QuestionFields(
                    kind=Kind.SINGLE, text="是否", lines=["是 | 一", "否 | 0"]
                ),
            )
        self.assertEqual(raised_one.exception.code, SurveyError.POINTS_INVALID)

    def test_moving_a_question_up_swaps_it_with_the_one_before(self) -> None:
        draft = questionnaire_new_version(
            actor=self.uni_inspector, questionnaire=self.sat
        )
        q3 = draft.questions.get(code="Q3")
        question_move(actor=self.uni_inspector, question=q3, up=True)
        order = list(
            draft.questions.filter(parent=None)
            .order_by("position")
            .values_list("code", flat=True)
        )
        self.assertEqual(order, ["Q1", "Q3", "Q2", "Q4", "Q5"])

    def test_publishing_an_empty_draft_is_refused(self) -> None:
        from onestop.surveys.services import QuestionnaireFields, questionnaire_create

        empty = questionnaire_create(
            actor=self.uni_inspector,
            organisation=self.uni,
            fields=QuestionnaireFields(code="EMPTY", title="空问卷"),
        )
        with self.assertRaises(ServiceError) as raised:
            questionnaire_publish(actor=self.uni_inspector, questionnaire=empty)
        self.assertEqual(raised.exception.code, SurveyError.EMPTY)
