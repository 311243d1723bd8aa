"""A phone return visit to a named person without a case (used by field service)."""

from __future__ import annotations

from onestop.common.errors import ServiceError
from onestop.surveys.models import Channel, InvitationStatus
from onestop.surveys.services import invitation_for_phone_call
from onestop.surveys.testing import SurveyTestCase, at, build_satisfaction


class PhoneInvitationTests(SurveyTestCase):
    def test_a_person_without_a_case_is_invited_to_a_phone_return_visit(self) -> None:
        invitation = invitation_for_phone_call(
            actor=self.uni_clerk,
            questionnaire=self.sat,
            respondent_name="华中大学后勤集团 张老师",
            respondent_phone="13812345678",
            department_id=self.back.pk,
            now=at("2026-11-20 10:00"),
        )
        self.assertEqual(invitation.channel, Channel.PHONE)
        self.assertIsNone(invitation.case)
        self.assertEqual(invitation.status, InvitationStatus.OPEN)
        self.assertEqual(invitation.department, self.back)
        self.assertEqual(invitation.masked_phone, "138****5678")
        self.assertEqual(invitation.created_by, self.uni_clerk)

    def test_a_draft_questionnaire_or_a_missing_phone_is_refused(self) -> None:
        draft = build_satisfaction(self.uni_inspector, self.tax, publish=False)
        with self.assertRaises(ServiceError):
            invitation_for_phone_call(
                actor=None,
                questionnaire=draft,
                respondent_name="某人",
                respondent_phone="13812345678",
            )
        with self.assertRaises(ServiceError) as caught:
            invitation_for_phone_call(
                actor=None,
                questionnaire=self.sat,
                respondent_name="某人",
                respondent_phone=" ",
            )
        self.assertEqual(caught.exception.field, "respondent_phone")
        self.assertFalse(self.sat.invitations.exists())
