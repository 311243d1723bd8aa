"""The window screen, my work, the case page and the board, through their forms."""

from __future__ import annotations

from typing import Any

import time_machine
from django.urls import reverse
from django.utils import timezone

from onestop.cases.models import Case, CaseEvent, CaseStatus, Outcome
from onestop.cases.testing import APPLICANT, CaseTestCase
from onestop.circulation.tests.test_whole_case import at
from onestop.intake.checks import MaterialCheck
from onestop.intake.services import case_intake

NOW = "2026-09-28 10:00 +0800"


def intake_post(outcome: str, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "applicant_kind": "organisation",
        "applicant_name": APPLICANT.name,
        "applicant_phone": APPLICANT.phone,
        "applicant_id_number": APPLICANT.id_number,
        "applicant_email": "",
        "applicant_address": "",
        "contact_person": "王会计",
        "channel": "counter",
        "pickup_way": "window",
        "pickup_note": "",
        "m-TOTAL_FORMS": 3,
        "m-INITIAL_FORMS": 3,
        "m-MIN_NUM_FORMS": 0,
        "m-MAX_NUM_FORMS": 1000,
        "outcome": outcome,
        "reason": "",
        "legal_basis": "",
        "competent_body": "",
        "contact": "",
    }
    for index, position in enumerate((1, 2, 3)):
        data.update(
            {
                f"m-{index}-position": position,
                f"m-{index}-applies": "on",
                f"m-{index}-received": "on",
                f"m-{index}-form": "original",
                f"m-{index}-count": 2,
                f"m-{index}-defect_reason": "",
            }
        )
    data.update(overrides)
    return data


@time_machine.travel(NOW, tick=False)
class WindowScreenTests(CaseTestCase):
    def test_accepting_at_the_window_opens_the_case_and_shows_its_receipt(self) -> None:
        self.login(self.tax_clerk)
        response = self.client.post(
            reverse("staff:intake_form", args=["DJ-ZX"]), intake_post("accepted")
        )
        case = Case.objects.get()
        self.assertRedirects(
            response,
            reverse("staff:document", args=[case.number, case.documents.get().number]),
            fetch_redirect_response=False,
        )
        self.assertEqual(case.status, CaseStatus.IN_PROGRESS)
        self.assertEqual(case.first_responsible, self.tax_clerk)

    def test_a_missing_material_cannot_be_accepted_and_nothing_is_written(self) -> None:
        self.login(self.tax_clerk)
        data = intake_post("accepted", **{"m-0-received": ""})
        del data["m-0-received"]
        response = self.client.post(
            reverse("staff:intake_form", args=["DJ-ZX"]),
            data,
            HTTP_ACCEPT_LANGUAGE="en",
        )
        self.assertContains(
            response,
            "Materials are missing or defective (注销税务登记申请表): issue a one-time notice.",
        )
        self.assertFalse(Case.objects.exists())

    def test_a_bad_phone_is_named_on_its_field(self) -> None:
        self.login(self.tax_clerk)
        response = self.client.post(
            reverse("staff:intake_form", args=["DJ-ZX"]),
            intake_post("accepted", applicant_phone="12345"),
        )
        self.assertIn("applicant_phone", response.context["applicant_form"].errors)
        self.assertFalse(Case.objects.exists())

    def test_an_unknown_item_is_not_found(self) -> None:
        self.login(self.tax_clerk)
        response = self.client.get(reverse("staff:intake_form", args=["NO-SUCH"]))
        self.assertEqual(response.status_code, 404)

    def test_another_organisations_item_cannot_be_taken_in(self) -> None:
        self.login(self.uni_clerk)
        response = self.client.post(
            reverse("staff:intake_form", args=["DJ-ZX"]), intake_post("accepted")
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(Case.objects.exists())


@time_machine.travel(NOW, tick=False)
class CasePageTests(CaseTestCase):
    def setUp(self) -> None:
        self.case = case_intake(
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
        self.url = reverse("staff:case", args=[self.case.number])

    def test_case_page_shows_clocks_masked_applicant_and_offered_actions(self) -> None:
        self.login(self.handler)
        page = self.client.get(self.url).content.decode()
        self.assertIn("2026-10-16 17:30", page)  # the case's deadline
        self.assertIn("913501********0Y43", page)
        self.assertNotIn(APPLICANT.id_number, page)
        self.assertIn('data-action="approve"', page)
        self.assertNotIn('data-action="complete"', page)  # not on the last step
        self.assertNotIn(
            'data-action="extend_approve"', page
        )  # the handler is no supervisor

    def test_a_person_not_on_the_step_is_offered_no_step_action(self) -> None:
        self.login(self.outsider)
        page = self.client.get(self.url).content.decode()
        self.assertNotIn('data-action="approve"', page)

    def test_approving_through_the_page_moves_the_case_on(self) -> None:
        self.login(self.handler)
        response = self.client.post(
            reverse("staff:case_action", args=[self.case.number, "approve"]),
            {"approve-expected_version": 1, "approve-comment": "材料齐全"},
        )
        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        self.case.refresh_from_db()
        self.assertEqual(self.case.current_step.name, "审批")

    def test_a_stale_page_is_refused_with_who_changed_it(self) -> None:
        self.login(self.handler)
        url = reverse("staff:case_action", args=[self.case.number, "approve"])
        self.client.post(url, {"approve-expected_version": 1})
        response = self.client.post(
            url, {"approve-expected_version": 1}, HTTP_ACCEPT_LANGUAGE="en"
        )
        self.assertContains(
            response, "Someone else changed this case (tax_handler, 2026-09-28 10:00)."
        )
        self.assertEqual(
            CaseEvent.objects.filter(case=self.case, action="approve").count(), 1
        )

    def test_an_action_not_allowed_now_is_refused(self) -> None:
        self.login(self.tax_supervisor)
        response = self.client.post(
            reverse("staff:case_action", args=[self.case.number, "hand_over"]),
            {
                "hand_over-expected_version": 1,
                "hand_over-way": "window",
                "hand_over-collected_by": "王会计",
            },
            HTTP_ACCEPT_LANGUAGE="en",
        )
        self.assertContains(
            response,
            "“Hand over the result” is not possible while the case is “In progress”.",
        )
        self.case.refresh_from_db()
        self.assertEqual(
            (self.case.status, self.case.lock_version), (CaseStatus.IN_PROGRESS, 1)
        )

    def test_my_work_lists_the_case_for_the_people_on_its_step_only(self) -> None:
        self.login(self.handler)
        self.assertContains(self.client.get(reverse("staff:work")), self.case.number)
        self.login(self.outsider)
        self.assertNotContains(self.client.get(reverse("staff:work")), self.case.number)

    def test_a_row_of_my_work_says_when_what_and_where(self) -> None:
        self.login(self.handler)
        page = self.client.get(reverse("staff:work")).content.decode()
        due = timezone.localtime(self.case.due_at).strftime("%m-%d %H:%M")
        step_due = timezone.localtime(self.case.current_step.due_at)
        link = reverse("staff:case", args=[self.case.number])
        self.assertInHTML(f'<td><a href="{link}">{self.case.number}</a></td>', page)
        for shown in (due, step_due.strftime("%m-%d %H:%M"), "办理中", "T审核科"):
            self.assertIn(shown, page)

    def test_the_board_shows_overdue_cases_by_department(self) -> None:
        with time_machine.travel("2026-10-19 09:00 +0800", tick=False):
            self.login(self.tax_supervisor)
            page = self.client.get(reverse("staff:board")).content.decode()
        self.assertIn(self.case.number, page)
        self.assertIn("T审核科", page)
        self.assertIn('<tr class="clock-red">', page)

    def test_another_organisation_sees_nothing_of_the_case(self) -> None:
        self.login(self.uni_admin)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        response = self.client.post(
            reverse("staff:case_action", args=[self.case.number, "approve"]),
            {"approve-expected_version": 1},
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(
            self.client.post(
                reverse("staff:supplement", args=[self.case.number])
            ).status_code,
            404,
        )
        self.assertNotContains(self.client.get(reverse("staff:work")), self.case.number)
        self.case.refresh_from_db()
        self.assertEqual(self.case.lock_version, 1)


@time_machine.travel(NOW, tick=False)
class SupervisorWorkTests(CaseTestCase):
    def test_a_pending_extension_waits_in_the_supervisors_work(self) -> None:
        from onestop.circulation.services import case_act

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
        self.login(self.tax_supervisor)
        self.assertNotContains(self.client.get(reverse("staff:work")), case.number)
        case_act(
            actor=self.handler,
            case=case,
            action="extend_request",
            days=3,
            reason="需现场核查",
            expected_version=1,
            now=at("2026-09-28 10:00"),
        )
        self.assertContains(self.client.get(reverse("staff:work")), case.number)
