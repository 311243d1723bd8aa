"""The public status lookup: status, due date and next step; nothing else, to nobody else."""

from __future__ import annotations

import re
from typing import Any

import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from onestop.cases.models import Case, CaseStatus, Outcome
from onestop.cases.testing import APPLICANT, CaseTestCase
from onestop.circulation.tests.test_concurrency import ACCEPTED_AT, ALL_BROUGHT
from onestop.intake.services import case_intake
from onestop.portal.status import NEXT_STEP, case_status_public

NOW = "2026-09-29 09:00 +0800"
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
ECHO = re.compile(rb'name="number" value="[^"]*"')


@time_machine.travel(NOW, tick=False)
class StatusLookupTests(CaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.case = case_intake(
            actor=cls.tax_clerk,
            organisation=cls.tax,
            item_code="DJ-ZX",
            channel="counter",
            applicant=APPLICANT,
            checks=ALL_BROUGHT,
            outcome=Outcome.ACCEPTED,
            now=ACCEPTED_AT,
        )

    def setUp(self) -> None:
        cache.clear()

    def look_up(self, number: str, digits: str, **extra: Any) -> Any:
        return self.client.post(
            reverse("status_lookup", args=["tax"]),
            {"number": number, "phone_last4": digits},
            **extra,
        )

    def test_the_right_pair_shows_status_due_date_and_next_step(self) -> None:
        response = self.look_up(self.case.number, "5678")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "注销税务登记")
        self.assertContains(response, "办理中")
        self.assertContains(
            response,
            f"{self.case.due_at.astimezone(ACCEPTED_AT.tzinfo):%Y-%m-%d %H:%M}",
        )
        self.assertContains(response, "您的办件正在办理")

    def test_the_answer_in_english(self) -> None:
        response = self.look_up(self.case.number, "5678", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(response, "In progress")
        self.assertContains(response, str(NEXT_STEP[CaseStatus.IN_PROGRESS]))

    def test_a_lower_case_number_with_spaces_is_found(self) -> None:
        response = self.look_up(f" {self.case.number.lower()} ", "5678")
        self.assertIsNotNone(response.context["result"])

    def test_nothing_personal_is_shown(self) -> None:
        page = self.look_up(self.case.number, "5678").content.decode()
        for personal in (
            APPLICANT.name,
            APPLICANT.phone,
            "138****5678",
            APPLICANT.id_number,
            APPLICANT.contact_person,
            APPLICANT.email,
        ):
            self.assertNotIn(personal, page)

    def test_a_wrong_pair_and_an_unknown_number_get_the_same_answer(self) -> None:
        wrong_digits = self.look_up(self.case.number, "1234")
        unknown = self.look_up("TAX209901010001", "5678")
        nonsense = self.look_up("X", "0000")
        # Apart from the CSRF token and the number echoed in its own field, byte for byte.
        pages = [
            ECHO.sub(b"", CSRF.sub(b"", r.content))
            for r in (wrong_digits, unknown, nonsense)
        ]
        self.assertEqual(pages[0], pages[1])
        self.assertEqual(pages[1], pages[2])
        self.assertEqual(
            [r.status_code for r in (wrong_digits, unknown, nonsense)], [200] * 3
        )
        self.assertContains(wrong_digits, "没有找到与该受理编号和电话后四位相符的办件")
        self.assertNotContains(wrong_digits, "办理中")

    def test_the_generic_answer_in_english(self) -> None:
        response = self.look_up(self.case.number, "0000", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(
            response, "No case matches this receipt number and these phone digits."
        )

    def test_another_organisations_page_does_not_find_the_case(self) -> None:
        response = self.client.post(
            reverse("status_lookup", args=["uni"]),
            {"number": self.case.number, "phone_last4": "5678"},
        )
        self.assertIsNone(response.context["result"])
        self.assertTrue(response.context["not_found"])

    def test_the_numbers_never_travel_in_the_address(self) -> None:
        url = reverse("status_lookup", args=["tax"])
        response = self.client.get(
            url, {"number": self.case.number, "phone_last4": "5678"}
        )
        self.assertIsNone(response.context["result"])
        self.assertNotContains(response, "办理中")
        page = self.client.get(url)
        self.assertContains(page, 'method="post"')
        self.assertContains(page, "csrfmiddlewaretoken")

    def test_csrf_is_checked(self) -> None:
        client = Client(enforce_csrf_checks=True)
        response = client.post(
            reverse("status_lookup", args=["tax"]),
            {"number": self.case.number, "phone_last4": "5678"},
        )
        self.assertEqual(response.status_code, 403)

    def test_the_lookup_is_one_query(self) -> None:
        with self.assertNumQueries(1):
            found = case_status_public(
                organisation=self.tax, number=self.case.number, phone_last4="5678"
            )
        self.assertIsNotNone(found)
        with self.assertNumQueries(1):
            missing = case_status_public(
                organisation=self.tax, number="TAX209901010001", phone_last4="5678"
            )
        self.assertIsNone(missing)

    def test_four_digits_are_required(self) -> None:
        response = self.look_up(self.case.number, "56a8", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(response, "Enter four digits.")
        self.assertFalse(response.context["not_found"])

    def test_every_status_has_a_next_step_and_completion_depends_on_pickup(
        self,
    ) -> None:
        self.assertEqual(set(NEXT_STEP), set(CaseStatus))
        Case.objects.filter(pk=self.case.pk).update(status=CaseStatus.COMPLETED)
        response = self.look_up(self.case.number, "5678")
        self.assertContains(response, "请携带受理通知书到窗口领取")
        Case.objects.filter(pk=self.case.pk).update(pickup_way="mail")
        response = self.look_up(self.case.number, "5678", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(response, "The result is being sent to you by post.")


@time_machine.travel(NOW, tick=False)
class LookupRateLimitTests(CaseTestCase):
    def setUp(self) -> None:
        cache.clear()
        self.url = reverse("status_lookup", args=["tax"])

    def guess(self, n: int, **extra: Any) -> Any:
        return self.client.post(
            self.url, {"number": f"TAX20260929{n:04d}", "phone_last4": "0000"}, **extra
        )

    def test_the_eleventh_attempt_in_ten_minutes_is_refused_with_429(self) -> None:
        statuses = [self.guess(n).status_code for n in range(10)]
        self.assertEqual(statuses, [200] * 10)
        refused = self.guess(10)
        self.assertEqual(refused.status_code, 429)
        self.assertContains(refused, "尝试次数过多", status_code=429)
        english = self.guess(11, HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(english, "Too many attempts", status_code=429)

    def test_another_address_is_counted_apart(self) -> None:
        for n in range(11):
            self.guess(n)
        other = self.guess(12, REMOTE_ADDR="10.0.0.9")
        self.assertEqual(other.status_code, 200)

    def test_the_door_opens_again_after_the_window(self) -> None:
        for n in range(11):
            self.guess(n)
        with time_machine.travel("2026-09-29 09:11 +0800", tick=False):
            self.assertEqual(self.guess(20).status_code, 200)

    def test_looking_at_the_form_is_not_counted(self) -> None:
        for _ in range(20):
            self.client.get(self.url)
        self.assertEqual(self.guess(1).status_code, 200)
