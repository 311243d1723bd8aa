"""The pages: the public answer page, the builder, return visits, import, results,
the drill-down and the SERVQUAL report — and that each stays within its organisation."""

from __future__ import annotations

from datetime import date

import time_machine
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from onestop.surveys.links import survey_path
from onestop.surveys.models import Channel, Invitation, Questionnaire, Response
from onestop.surveys.services import invitation_links_create, servqual_create
from onestop.surveys.testing import SurveyTestCase, at


class PublicPageTests(SurveyTestCase):
    def setUp(self) -> None:
        cache.clear()
        self.invitation = invitation_links_create(
            actor=self.uni_inspector, questionnaire=self.sat, count=1
        )[0]
        self.url = survey_path(self.invitation)

    def form_data(self, started: str, **changes: object) -> dict[str, object]:
        data: dict[str, object] = {
            "started": started,
            self.q1.field_name: "4",
            self.q3.field_name: "1",
            self.q4.field_name: ["1", "3"],
        }
        data.update(
            {
                row.field_name: v
                for row, v in zip(self.rows, ("4", "5", "3"), strict=True)
            }
        )
        data.update(changes)
        return data

    def test_answering_once_then_thanks_and_a_second_post_changes_nothing(self) -> None:
        with time_machine.travel(at("2026-10-10 10:00"), tick=False):
            page = self.client.get(self.url)
        self.assertContains(page, "总体满意度")
        started = page.context["started"]
        with time_machine.travel(at("2026-10-10 10:03"), tick=False):
            done = self.client.post(self.url, self.form_data(started))
            self.assertRedirects(done, self.url, fetch_redirect_response=False)
            response = Response.objects.get(invitation=self.invitation)
            self.assertEqual((response.seconds, response.is_excluded), (180, False))
            self.assertContains(self.client.get(self.url), "data-answered")
            self.client.post(
                self.url, self.form_data(started, **{self.q1.field_name: "1"})
            )
        self.assertEqual(Response.objects.count(), 1)

    def test_a_missing_answer_is_marked_and_the_other_answers_are_kept(self) -> None:
        with time_machine.travel(at("2026-10-10 10:00"), tick=False):
            started = self.client.get(self.url).context["started"]
            page = self.client.post(
                self.url, self.form_data(started, **{self.q1.field_name: ""})
            )
        self.assertEqual(page.status_code, 400)
        self.assertContains(page, "errorlist", status_code=400)
        self.assertContains(
            page, f'name="{self.q3.field_name}" value="1" checked', status_code=400
        )
        self.assertFalse(Response.objects.exists())

    def test_a_token_of_another_organisation_or_a_made_up_one_finds_nothing(
        self,
    ) -> None:
        self.assertEqual(
            self.client.get(f"/o/tax/survey/{self.invitation.token}/").status_code, 404
        )
        self.assertEqual(self.client.get("/o/uni/survey/not-a-token/").status_code, 404)


class StaffPageTests(SurveyTestCase):
    def test_the_builder_adds_a_question_to_a_new_version_and_publishes_it(
        self,
    ) -> None:
        self.login(self.uni_inspector)
        response = self.client.post(
            reverse("staff:survey_new_version", args=[self.sat.pk])
        )
        draft = Questionnaire.objects.get(code="SAT", version=2)
        self.assertRedirects(
            response, reverse("staff:survey_questionnaire", args=[draft.pk])
        )
        section = draft.sections.get()
        self.client.post(
            reverse("staff:survey_question_add", args=[draft.pk]),
            {
                "section": section.pk,
                "kind": "likert7",
                "text": "维修后是否清理现场",
                "required": "on",
                "lines": "",
            },
        )
        self.assertTrue(
            draft.questions.filter(text="维修后是否清理现场", scale_max=7).exists()
        )
        self.client.post(reverse("staff:survey_publish", args=[draft.pk]))
        draft.refresh_from_db()
        self.assertEqual(draft.status, "published")
        page = self.client.get(reverse("staff:survey_questionnaire", args=[draft.pk]))
        self.assertNotContains(page, 'id="question-form"')

    def test_a_bad_question_shows_its_problem(self) -> None:
        self.login(self.uni_inspector)
        self.client.post(reverse("staff:survey_new_version", args=[self.sat.pk]))
        draft = Questionnaire.objects.get(code="SAT", version=2)
        page = self.client.post(
            reverse("staff:survey_question_add", args=[draft.pk]),
            {
                "section": draft.sections.get().pk,
                "kind": "single",
                "text": "选一个",
                "lines": "只有一个",
            },
        )
        self.assertEqual(page.status_code, 400)
        self.assertContains(page, "每行一个", status_code=400)

    def test_the_drill_down_lists_screened_answers_marked_but_not_counted(self) -> None:
        self.respond(overall=5)
        self.respond(overall=1, seconds=3)
        self.login(self.uni_supervisor)
        page = self.client.get(
            reverse("staff:survey_question_answers", args=[self.q1.pk]),
            {"start": "2026-10-01", "end": "2026-10-31", "department": ""},
        )
        self.assertContains(page, 'data-counted="1"')
        self.assertContains(page, 'class="excluded"', count=1)
        self.assertContains(page, "100.0")

    def test_return_visit_worklist_and_entry_by_a_clerk(self) -> None:
        invitation = Invitation.objects.create(
            organisation=self.uni,
            questionnaire=self.sat,
            token="tok-phone-1",
            channel=Channel.PHONE,
            respondent_name="张老师",
            respondent_phone="13900001234",
            created_at=at("2026-10-09 09:00"),
        )
        self.login(self.uni_clerk)
        worklist = self.client.get(reverse("staff:survey_return_visits"))
        self.assertContains(worklist, "139****1234")
        self.assertNotContains(worklist, "13900001234")
        url = reverse("staff:survey_return_visit", args=[invitation.pk])
        page = self.client.get(url)
        data = {
            "outcome": "answered",
            "department": self.back.pk,
            "started": page.context["started"],
            self.q1.field_name: "5",
            self.q3.field_name: "2",
            self.q4.field_name: "1",
        }
        data.update(
            {
                row.field_name: v
                for row, v in zip(self.rows, ("4", "5", "5"), strict=True)
            }
        )
        self.assertRedirects(
            self.client.post(url, data), reverse("staff:survey_return_visits")
        )
        response = Response.objects.get(invitation=invitation)
        self.assertEqual(
            (response.department_id, response.channel), (self.back.pk, Channel.PHONE)
        )
        self.assertEqual(
            self.client.get(reverse("staff:survey_questionnaires")).status_code, 403
        )

    def test_import_page_lists_row_problems(self) -> None:
        self.login(self.uni_inspector)
        upload = SimpleUploadedFile(
            "ivr.csv",
            b"external_id,answered_on,Q1\nA-1,2026-10-01,8\n",
            content_type="text/csv",
        )
        page = self.client.post(
            reverse("staff:survey_import", args=[self.sat.pk]),
            {"channel": "ivr", "file": upload},
        )
        self.assertEqual(page.status_code, 400)
        self.assertContains(page, 'id="problems"', status_code=400)
        self.assertContains(page, "Q1", status_code=400)
        self.assertFalse(Response.objects.exists())
        template = self.client.get(
            reverse("staff:survey_import_template", args=[self.sat.pk])
        )
        self.assertEqual(
            template["Content-Type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )

    def test_rates_and_responses_pages_show_the_figures(self) -> None:
        invitation_links_create(
            actor=self.uni_inspector,
            questionnaire=self.sat,
            count=3,
            now=at("2026-10-02 09:00"),
        )
        self.respond()
        self.login(self.uni_supervisor)
        rates = self.client.get(
            reverse("staff:survey_rates"), {"start": "2026-10-01", "end": "2026-10-31"}
        )
        self.assertEqual(rates.context["rows"][0].invited, 3)
        responses = self.client.get(
            reverse("staff:survey_responses", args=[self.sat.pk]),
            {"start": "2026-10-01", "end": "2026-10-31"},
        )
        self.assertContains(responses, "data-response=", count=1)

    def test_servqual_button_and_report_page(self) -> None:
        self.login(self.uni_inspector)
        self.client.post(
            reverse("staff:survey_servqual_new"), {"audience": "customers"}
        )
        servqual = Questionnaire.objects.get(code="SERVQUAL", organisation=self.uni)
        page = self.client.get(reverse("staff:survey_servqual", args=[servqual.pk]))
        self.assertContains(page, 'data-dimension="reliability"')
        qr = self.client.get(
            reverse(
                "staff:survey_invitation_qr",
                args=[
                    invitation_links_create(
                        actor=self.uni_inspector, questionnaire=servqual, count=1
                    )[0].pk,
                    "png",
                ],
            )
        )
        self.assertEqual(qr.content[:4], b"\x89PNG")

    def test_another_organisation_sees_none_of_it(self) -> None:
        servqual = servqual_create(actor=self.uni_inspector, organisation=self.uni)
        response = self.respond()
        invitation = invitation_links_create(
            actor=self.uni_inspector, questionnaire=self.sat, count=1
        )[0]
        self.login(self.tax_admin)
        for name, args in (
            ("staff:survey_questionnaire", [self.sat.pk]),
            ("staff:survey_responses", [self.sat.pk]),
            ("staff:survey_response", [response.pk]),
            ("staff:survey_question_answers", [self.q1.pk]),
            ("staff:survey_invitations", [self.sat.pk]),
            ("staff:survey_invitation_qr", [invitation.pk, "svg"]),
            ("staff:survey_import", [self.sat.pk]),
            ("staff:survey_servqual", [servqual.pk]),
        ):
            with self.subTest(name):
                self.assertEqual(
                    self.client.get(reverse(name, args=args)).status_code, 404
                )
        self.assertEqual(
            self.client.post(
                reverse("staff:survey_publish", args=[self.sat.pk])
            ).status_code,
            404,
        )
        listing = self.client.get(reverse("staff:survey_questionnaires"))
        self.assertNotContains(listing, "维修服务满意度回访")
        self.assertEqual(date(2026, 10, 1).year, 2026)
