"""An organisation's own message wording is used, and a broken one is refused when saved."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from onestop.cases.models import Outcome
from onestop.cases.testing import APPLICANT, CaseTestCase
from onestop.circulation.tests.test_whole_case import at
from onestop.intake.checks import MaterialCheck
from onestop.intake.services import case_intake
from onestop.notifications.models import NotificationTemplate


class TemplateTests(CaseTestCase):
    def test_the_organisations_wording_is_used(self) -> None:
        NotificationTemplate.objects.create(
            organisation=self.tax,
            kind="receipt",
            channel="sms",
            body="【城东办税厅】{{ applicant }}：{{ item }}已受理，{{ due }}前办结。",
        )
        case = case_intake(
            actor=self.tax_clerk,
            organisation=self.tax,
            item_code="DJ-ZX",
            channel="counter",
            applicant=APPLICANT,
            checks=[
                MaterialCheck(position=p, received=True, form="original", count=2)
                for p in (1, 2, 3)
            ],
            outcome=Outcome.ACCEPTED,
            now=at("2026-09-28 10:00"),
        )
        sms = case.notifications.get(channel="sms")
        self.assertEqual(
            sms.body,
            "【城东办税厅】长春市示例商贸有限公司：注销税务登记已受理，2026-10-16 17:30前办结。",
        )

    def test_a_broken_template_is_refused_naming_the_field(self) -> None:
        template = NotificationTemplate(
            organisation=self.tax, kind="receipt", channel="sms", body="{% if %}坏模板"
        )
        with self.assertRaises(ValidationError) as caught:
            template.full_clean()
        self.assertIn("body", caught.exception.message_dict)
