"""From the online queue to a case: the window screen opens filled in, and the link is kept."""

from __future__ import annotations

from typing import Any

import time_machine
from django.urls import reverse

from onestop.cases.models import Case, CaseStatus, Channel
from onestop.circulation.tests.test_pages import intake_post
from onestop.common.testing import make_item
from onestop.portal.models import ApplicationStatus, OnlineApplication
from onestop.portal.testing import PortalTestCase, application_post, png

NOW = "2026-09-28 10:00 +0800"


@time_machine.travel(NOW, tick=False)
class IntakeQueueTests(PortalTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.post(
            reverse("online_apply", args=["tax", "DJ-ZX"]),
            application_post(material_3=png()),
        )
        self.application = OnlineApplication.objects.get()
        self.form_url = (
            reverse("staff:intake_form", args=["DJ-ZX"])
            + f"?application={self.application.pk}"
        )

    def accept(self, **overrides: Any) -> Any:
        data = intake_post("accepted", channel="online", **overrides)
        return self.client.post(self.form_url, data)

    def test_the_queue_lists_waiting_applications_with_a_link_to_the_window_screen(
        self,
    ) -> None:
        self.login(self.tax_clerk)
        page = self.client.get(reverse("staff:online_applications"))
        self.assertContains(page, self.application.reference)
        self.assertContains(page, "长春市示例商贸有限公司")
        self.assertContains(page, "138****5678")
        self.assertNotContains(page, "13812345678")
        self.assertContains(page, self.form_url.replace("&", "&amp;"))

    def test_the_queue_is_in_chinese_and_english(self) -> None:
        self.login(self.tax_clerk)
        url = reverse("staff:online_applications")
        self.assertContains(self.client.get(url), "受理审查")
        english = self.client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(english, "Check and take in")

    def test_another_organisations_staff_see_none_of_it(self) -> None:
        self.login(self.uni_clerk)
        page = self.client.get(reverse("staff:online_applications"))
        self.assertNotContains(page, self.application.reference)
        make_item(self.uni, self.uni_structure, code="DJ-ZX")  # same code, other hall
        response = self.client.get(self.form_url)
        self.assertEqual(response.status_code, 404)

    def test_the_public_cannot_see_the_queue(self) -> None:
        response = self.client.get(reverse("staff:online_applications"))
        self.assertEqual(response.status_code, 302)
        self.login(self.handler)
        response = self.client.get(reverse("staff:online_applications"))
        self.assertEqual(response.status_code, 403)

    def test_the_window_screen_opens_with_the_applicant_and_the_files(self) -> None:
        self.login(self.tax_clerk)
        page = self.client.get(self.form_url)
        self.assertEqual(page.status_code, 200)
        applicant_form = page.context["applicant_form"]
        self.assertEqual(
            applicant_form["applicant_name"].value(), "长春市示例商贸有限公司"
        )
        self.assertEqual(applicant_form["applicant_phone"].value(), "13812345678")
        self.assertEqual(applicant_form["channel"].value(), Channel.ONLINE)
        lines = page.context["checklist"].forms
        self.assertEqual(
            [
                (f["received"].value(), f["count"].value(), f["form"].value())
                for f in lines
            ],
            [(True, 1, "electronic"), (True, 1, "electronic"), (True, 2, "electronic")],
        )
        for position in (1, 2, 3):
            self.assertContains(
                page,
                reverse(
                    "staff:online_application_file",
                    args=[self.application.pk, position],
                ),
            )
        self.assertContains(page, self.application.reference)

    def test_a_line_without_a_file_is_left_unticked(self) -> None:
        self.application.uploads.filter(position=3).delete()
        self.login(self.tax_clerk)
        lines = self.client.get(self.form_url).context["checklist"].forms
        self.assertFalse(lines[2]["received"].value())
        self.assertIsNone(lines[2].upload)

    def test_taking_it_in_makes_the_case_and_marks_the_application(self) -> None:
        self.login(self.tax_clerk)
        response = self.accept()
        case = Case.objects.get()
        self.assertEqual(response.status_code, 302)
        self.assertEqual(case.channel, Channel.ONLINE)
        self.assertEqual(case.status, CaseStatus.IN_PROGRESS)
        self.application.refresh_from_db()
        self.assertEqual(self.application.status, ApplicationStatus.PROCESSED)
        self.assertEqual(self.application.case, case)
        self.assertIsNotNone(self.application.processed_at)
        queue = self.client.get(reverse("staff:online_applications"))
        self.assertNotContains(queue, f"?application={self.application.pk}")
        self.assertContains(queue, case.number)

    def test_the_applicant_sees_the_receipt_number_once_taken_in(self) -> None:
        self.login(self.tax_clerk)
        self.accept()
        self.client.logout()
        page = self.client.get(
            reverse("online_application", args=["tax", self.application.token])
        )
        self.assertContains(page, Case.objects.get().number)
        self.assertNotContains(page, "撤回申请")

    def test_the_same_application_cannot_open_a_second_case(self) -> None:
        self.login(self.tax_clerk)
        self.accept()
        response = self.accept()
        self.assertEqual(response.status_code, 200)
        number = Case.objects.get().number
        self.assertContains(response, f"已受理为办件 {number}")
        self.assertEqual(Case.objects.count(), 1)  # the second case was rolled back

    def test_a_withdrawn_application_cannot_be_taken_in(self) -> None:
        self.client.post(
            reverse("online_application_withdraw", args=["tax", self.application.token])
        )
        self.login(self.tax_clerk)
        response = self.client.post(
            self.form_url,
            intake_post("accepted", channel="online"),
            HTTP_ACCEPT_LANGUAGE="en",
        )
        self.assertContains(
            response, "The applicant has withdrawn this online application."
        )
        self.assertFalse(Case.objects.exists())

    def test_the_window_screen_without_an_application_is_unchanged(self) -> None:
        self.login(self.tax_clerk)
        page = self.client.get(reverse("staff:intake_form", args=["DJ-ZX"]))
        self.assertIsNone(page.context["application"])
        self.assertEqual(page.context["applicant_form"]["channel"].value(), "counter")
        self.assertFalse(page.context["checklist"].forms[0]["received"].value())

    def test_a_nonsense_application_parameter_is_not_found(self) -> None:
        self.login(self.tax_clerk)
        url = reverse("staff:intake_form", args=["DJ-ZX"])
        self.assertEqual(self.client.get(url + "?application=x1").status_code, 404)
        self.assertEqual(self.client.get(url + "?application=999").status_code, 404)
