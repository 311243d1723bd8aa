"""Invitations per case, SMS through notifications, sampling and phone return visits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import time_machine

from onestop.common.errors import ServiceError, ServiceErrors
from onestop.notifications.models import Notification
from onestop.ratings.testing import RatingTestCase, at
from onestop.surveys.errors import SurveyError
from onestop.surveys.models import (
    CallOutcome,
    Channel,
    Invitation,
    InvitationStatus,
    Response,
    SamplingRun,
)
from onestop.surveys.services import (
    RuleFields,
    invitation_for_case,
    return_visit_record,
    sampling_rule_create,
    sampling_run,
)
from onestop.surveys.services.invitations import sample_draw
from onestop.surveys.testing import build_satisfaction


class InvitationTests(RatingTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.sat = build_satisfaction(cls.tax_admin, cls.tax)

    def cases(self, count: int, day: str = "2026-10-12") -> list:  # type: ignore[type-arg]
        found = []
        for n in range(count):
            with time_machine.travel(at(f"{day} 09:{n:02d}"), tick=False):
                found.append(self.on_the_spot(f"{day} 09:{n:02d}"))
        return found

    def test_an_sms_invitation_goes_through_notifications_with_the_link(self) -> None:
        case = self.cases(1)[0]
        with self.captureOnCommitCallbacks(execute=True):
            invitation = invitation_for_case(
                actor=self.tax_admin,
                questionnaire=self.sat,
                case_number=case.number,
                channel=Channel.SMS,
            )
        message = Notification.objects.get(case=case, channel="sms")
        self.assertIn(f"/o/tax/survey/{invitation.token}/", message.body)
        self.assertIsNotNone(invitation.sent_at)
        self.assertEqual(invitation.department_id, case.item.department_id)
        self.assertGreaterEqual(len(invitation.token), 24)

    def test_a_case_is_invited_once_per_version_and_only_its_own_organisations(
        self,
    ) -> None:
        case = self.cases(1)[0]
        invitation_for_case(
            actor=self.tax_admin,
            questionnaire=self.sat,
            case_number=case.number,
            channel=Channel.LINK,
        )
        with self.assertRaises(ServiceError) as raised:
            invitation_for_case(
                actor=self.tax_admin,
                questionnaire=self.sat,
                case_number=case.number,
                channel=Channel.PHONE,
            )
        self.assertEqual(raised.exception.code, SurveyError.ALREADY_INVITED)
        uni_sat = build_satisfaction(self.uni_admin, self.uni)
        with self.assertRaises(ServiceError) as other:
            invitation_for_case(
                actor=self.uni_admin,
                questionnaire=uni_sat,
                case_number=case.number,
                channel=Channel.LINK,
            )
        self.assertEqual(other.exception.code, SurveyError.CASE_UNKNOWN)

    def test_sampling_draws_the_same_cases_again_and_invites_no_one_twice(self) -> None:
        cases = self.cases(20)
        rule = sampling_rule_create(
            actor=self.tax_admin,
            organisation=self.tax,
            fields=RuleFields(
                name="每月一成",
                questionnaire_code="SAT",
                percent=Decimal("10"),
                minimum=1,
                channel=Channel.PHONE,
            ),
        )
        first = sampling_run(actor=self.tax_admin, rule=rule, month=date(2026, 10, 1))
        self.assertEqual((first.population, first.drawn, first.created), (20, 2, 2))
        drawn = set(Invitation.objects.values_list("case_id", flat=True))
        again = sampling_run(actor=self.tax_admin, rule=rule, month=date(2026, 10, 1))
        self.assertEqual((again.drawn, again.created), (2, 0))
        self.assertEqual(Invitation.objects.count(), 2)
        self.assertEqual(
            {c.pk for c in sample_draw(rule, list(reversed(cases)))}, drawn
        )
        self.assertEqual(
            sampling_run(
                actor=self.tax_admin, rule=rule, month=date(2026, 9, 1)
            ).population,
            0,
        )
        self.assertEqual(SamplingRun.objects.count(), 3)

    def test_a_return_visit_records_every_attempt_and_the_answers(self) -> None:
        case = self.cases(1)[0]
        invitation = invitation_for_case(
            actor=self.tax_admin,
            questionnaire=self.sat,
            case_number=case.number,
            channel=Channel.PHONE,
        )
        return_visit_record(
            actor=self.tax_clerk,
            invitation=invitation,
            outcome=CallOutcome.NO_ANSWER,
            now=at("2026-10-13 10:00"),
        )
        q = {x.code: x.pk for x in self.sat.questions.all()}
        answers = {
            q["Q1"]: 5,
            q["Q2_1"]: 4,
            q["Q2_2"]: 5,
            q["Q2_3"]: 4,
            q["Q3"]: 1,
            q["Q4"]: ["1"],
        }
        with self.assertRaises(ServiceErrors):
            return_visit_record(
                actor=self.tax_clerk,
                invitation=invitation,
                outcome=CallOutcome.ANSWERED,
                answers={},
                now=at("2026-10-13 11:00"),
            )
        self.assertEqual(
            invitation.calls.count(), 1
        )  # the refused call left nothing behind
        return_visit_record(
            actor=self.tax_clerk,
            invitation=invitation,
            outcome=CallOutcome.ANSWERED,
            answers=answers,
            now=at("2026-10-13 11:00"),
        )
        invitation.refresh_from_db()
        self.assertEqual(
            (invitation.status, invitation.attempts), (InvitationStatus.RESPONDED, 2)
        )
        response = Response.objects.get(invitation=invitation)
        self.assertEqual(
            (response.channel, response.recorded_by), (Channel.PHONE, self.tax_clerk)
        )
        self.assertEqual(response.department_id, case.item.department_id)

    def test_a_wrong_number_closes_the_return_visit(self) -> None:
        case = self.cases(1)[0]
        invitation = invitation_for_case(
            actor=self.tax_admin,
            questionnaire=self.sat,
            case_number=case.number,
            channel=Channel.PHONE,
        )
        return_visit_record(
            actor=self.tax_clerk,
            invitation=invitation,
            outcome=CallOutcome.WRONG_NUMBER,
        )
        invitation.refresh_from_db()
        self.assertEqual(invitation.status, InvitationStatus.UNREACHABLE)
        with self.assertRaises(ServiceError):
            return_visit_record(
                actor=self.tax_clerk,
                invitation=invitation,
                outcome=CallOutcome.NO_ANSWER,
            )
