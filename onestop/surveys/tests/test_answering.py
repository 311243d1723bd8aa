"""Taking responses: checks per question, and screening that keeps but excludes."""

from __future__ import annotations

from onestop.common.errors import ServiceError, ServiceErrors
from onestop.surveys.errors import SurveyError
from onestop.surveys.models import Answer, Channel, Response, ScreenReason
from onestop.surveys.services import Respondent, response_exclusion_set, response_record
from onestop.surveys.testing import SurveyTestCase


class AnswerCheckTests(SurveyTestCase):
    def test_every_bad_answer_is_named_and_nothing_is_saved(self) -> None:
        with self.assertRaises(ServiceErrors) as raised:
            self.respond(overall=9, grid=(0, 5, 3))
        self.assertEqual(
            {e.field for e in raised.exception.errors},
            {self.q1.field_name, self.rows[0].field_name},
        )
        with self.assertRaises(ServiceError) as raised_one:
            self.respond(overall=6)
        self.assertEqual(raised_one.exception.code, SurveyError.ANSWER_OUT_OF_SCALE)
        self.assertFalse(Response.objects.exists())
        self.assertFalse(Answer.objects.exists())

    def test_a_missing_required_answer_names_its_question(self) -> None:
        answers = self.answers()
        del answers[self.q3.pk]
        with self.assertRaises(ServiceError) as raised:
            response_record(
                questionnaire=self.sat,
                respondent=Respondent(channel=Channel.LINK),
                answers=answers,
            )
        self.assertEqual(
            (raised.exception.code, raised.exception.field),
            (SurveyError.ANSWER_REQUIRED, self.q3.field_name),
        )

    def test_an_unknown_choice_is_refused(self) -> None:
        with self.assertRaises(ServiceError) as raised:
            response_record(
                questionnaire=self.sat,
                respondent=Respondent(channel=Channel.LINK),
                answers={**self.answers(), self.q3.pk: 7},
            )
        self.assertEqual(raised.exception.code, SurveyError.CHOICE_UNKNOWN)

    def test_answers_are_stored_with_their_date_department_and_choices(self) -> None:
        response = self.respond("2026-10-10 23:30", department=self.front)
        answers = {a.question_id: a for a in response.answers.all()}
        self.assertEqual(answers[self.q1.pk].value, 4.0)
        self.assertEqual(answers[self.q3.pk].value, 10.0)
        self.assertEqual(answers[self.q4.pk].choices, [1, 2])
        self.assertEqual({a.department_id for a in answers.values()}, {self.front.pk})
        self.assertEqual(str(response.answered_on), "2026-10-10")
        self.assertNotIn(self.q5.pk, answers)  # optional text left empty


class ScreeningTests(SurveyTestCase):
    def test_the_same_phone_again_within_the_window_is_excluded_but_kept(self) -> None:
        first = self.respond("2026-10-01 10:00", phone="13800001111")
        second = self.respond("2026-10-20 10:00", phone="13800001111")
        later = self.respond("2026-11-25 10:00", phone="13800001111")
        self.assertFalse(first.is_excluded)
        self.assertEqual(second.screen_reasons, [ScreenReason.DUPLICATE])
        self.assertFalse(later.is_excluded)  # 36 days after the second
        self.assertTrue(all(a.is_excluded for a in second.answers.all()))
        self.assertEqual(Response.objects.count(), 3)

    def test_the_same_answer_to_every_item_of_a_long_enough_grid_is_straight_lining(
        self,
    ) -> None:
        flat = self.respond(grid=(5, 5, 5))
        varied = self.respond(grid=(5, 5, 4))
        self.assertEqual(flat.screen_reasons, [ScreenReason.STRAIGHT_LINE])
        self.assertFalse(varied.is_excluded)

    def test_answering_faster_than_the_threshold_is_excluded(self) -> None:
        fast = self.respond(seconds=12)
        self.assertEqual(fast.screen_reasons, [ScreenReason.TOO_FAST])
        self.assertEqual(fast.seconds, 12)
        self.assertFalse(self.respond(seconds=20).is_excluded)

    def test_an_inspector_can_let_a_screened_response_count_with_a_reason(self) -> None:
        flat = self.respond(grid=(5, 5, 5))
        with self.assertRaises(ServiceError):
            response_exclusion_set(
                actor=self.uni_inspector, response=flat, excluded=False, note=" "
            )
        response_exclusion_set(
            actor=self.uni_inspector,
            response=flat,
            excluded=False,
            note="回访核实：确实都很满意",
        )
        flat.refresh_from_db()
        self.assertFalse(flat.is_excluded)
        self.assertFalse(
            Answer.objects.filter(response=flat, is_excluded=True).exists()
        )
        self.assertEqual(flat.screen_note, "回访核实：确实都很满意")
