"""The engine applies the service policy: a VIP's case gets the tighter limit."""

from __future__ import annotations

from django.utils import timezone

from onestop.cases.testing import APPLICANT
from onestop.customers.testing import make_customer, make_vip_segment
from onestop.customers.tests.test_services import OTHER_PHONE, CustomerTestCase
from onestop.intake.checks import Applicant

PLAIN = Applicant(kind="organisation", name="普通商贸", phone=OTHER_PHONE)


class PolicyAppliedByTheEngineTests(CustomerTestCase):
    def setUp(self) -> None:
        self.vip = make_customer(
            self.tax,
            name=APPLICANT.name,
            id_number=APPLICANT.id_number,
            attributes={"年纳税额": "1800000"},
        )
        make_customer(
            self.tax,
            name="普通商贸",
            phone=OTHER_PHONE,
            attributes={"年纳税额": "9000"},
        )
        make_vip_segment(self.tax, limit_days=3)

    def test_a_vips_case_gets_three_days_due_on_the_working_day_calendar(self) -> None:
        case = self.intake()  # Monday 28 September 2026
        self.assertEqual(case.limit_days, 3)
        # 29 and 30 September count; 1-7 October are the National Day holiday;
        # the third working day is Thursday 8 October, due at the close.
        due = timezone.localtime(case.due_at)
        self.assertEqual(due.strftime("%Y-%m-%d %H:%M"), "2026-10-08 17:30")

    def test_a_non_vips_case_keeps_the_catalogues_ten_days(self) -> None:
        case = self.intake(PLAIN)
        self.assertEqual(case.limit_days, 10)
        due = timezone.localtime(case.due_at)
        self.assertEqual(due.strftime("%Y-%m-%d %H:%M"), "2026-10-16 17:30")

    def test_a_policy_looser_than_the_catalogue_does_not_lengthen_the_limit(
        self,
    ) -> None:
        from onestop.customers.models import ServicePolicy

        ServicePolicy.objects.update(time_limit_days=15)
        self.assertEqual(self.intake().limit_days, 10)

    def test_the_case_page_shows_the_policy_in_force(self) -> None:
        case = self.intake()
        self.login(self.tax_admin)
        page = self.client.get(f"/staff/cases/{case.number}/")
        self.assertContains(page, 'id="customer-policy"')
        self.assertContains(page, "VIP纳税人")
        self.assertContains(page, 'data-clock="case-due"')
        plain = self.intake(PLAIN)
        page = self.client.get(f"/staff/cases/{plain.number}/")
        self.assertNotContains(page, "VIP纳税人")


class PriorityTests(CustomerTestCase):
    setUp = PolicyAppliedByTheEngineTests.setUp

    def test_the_queue_and_the_switch_learn_a_vips_priority_from_a_number(self) -> None:
        from onestop.customers.policies import priority_policy_for

        vip = priority_policy_for(
            organisation_id=self.tax.pk, id_number=APPLICANT.id_number
        )
        self.assertEqual((vip.priority, vip.routing_tier), (1, "VIP"))
        self.assertIsNone(
            priority_policy_for(organisation_id=self.tax.pk, phone=OTHER_PHONE)
        )
        self.assertIsNone(
            priority_policy_for(
                organisation_id=self.uni.pk, id_number=APPLICANT.id_number
            )
        )
