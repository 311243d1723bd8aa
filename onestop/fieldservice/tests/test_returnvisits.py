"""Signed visits feed return visits: a reproducible monthly draw, phone invitations
made by the surveys app, the link kept on the job."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import time_machine
from django.urls import reverse

from onestop.common.errors import ServiceError, ServiceErrors
from onestop.fieldservice import returnvisits
from onestop.fieldservice.models import Job, ReturnVisitRule
from onestop.fieldservice.tests.test_jobs import FieldTestCase
from onestop.surveys.models import Channel, InvitationStatus
from onestop.surveys.services import return_visit_record
from onestop.surveys.testing import build_satisfaction

NOVEMBER = date(2026, 11, 1)


class ReturnVisitTests(FieldTestCase):
    def setUp(self) -> None:
        super().setUp()
        build_satisfaction(self.uni_inspector, self.uni)
        self.tech.department = self.uni_structure["back"]
        self.tech.save(update_fields=["department"])

    def signed_jobs(self, count: int) -> list[Job]:
        jobs = []
        with time_machine.travel("2026-11-13 15:00 +0800", tick=False):
            for n in range(count):
                job = self.book(8 + n % 8, 9 + n % 8)
                job.technician = self.tech
                job.save(update_fields=["technician"])
                self.sign(job, satisfaction=1 + n % 5)
                jobs.append(job)
        return jobs

    def rule(self, percent: str = "30") -> None:
        returnvisits.return_visit_rule_set(
            organisation=self.uni,
            actor=self.uni_supervisor,
            questionnaire_code="SAT",
            percent=percent,
            is_active=True,
        )

    def draw(self) -> returnvisits.ReturnVisitDraw:
        return returnvisits.return_visits_draw(
            organisation=self.uni, actor=self.uni_supervisor, month=NOVEMBER
        )

    def test_the_share_of_the_months_signed_jobs_gets_a_phone_return_visit(
        self,
    ) -> None:
        self.signed_jobs(7)
        self.rule("30")
        draw = self.draw()
        self.assertEqual((draw.signed, draw.drawn, draw.created), (7, 3, 3))
        self.assertEqual(math.ceil(7 * 0.3), 3)
        drawn = Job.objects.filter(return_visit__isnull=False).select_related(
            "return_visit", "order"
        )
        self.assertEqual(drawn.count(), 3)
        for job in drawn:
            invitation = job.return_visit
            assert invitation is not None
            self.assertEqual(invitation.channel, Channel.PHONE)
            self.assertIsNone(invitation.case)
            self.assertEqual(invitation.respondent_phone, job.order.phone)
            self.assertEqual(invitation.department, self.uni_structure["back"])
            self.assertEqual(invitation.questionnaire.code, "SAT")

    def test_drawing_the_month_again_picks_the_same_jobs_and_invites_nobody_twice(
        self,
    ) -> None:
        self.signed_jobs(6)
        self.rule("50")
        self.draw()
        first = set(
            Job.objects.filter(return_visit__isnull=False).values_list(
                "pk", "return_visit"
            )
        )
        again = self.draw()
        self.assertEqual((again.drawn, again.created), (3, 0))
        second = set(
            Job.objects.filter(return_visit__isnull=False).values_list(
                "pk", "return_visit"
            )
        )
        self.assertEqual(first, second)

    def test_the_order_of_the_draw_is_fixed_by_the_seed(self) -> None:
        jobs = self.signed_jobs(5)
        self.rule("40")
        rule = ReturnVisitRule.objects.get(organisation=self.uni)
        picked = returnvisits.sample_jobs(rule, list(reversed(jobs)))
        self.assertEqual(picked, returnvisits.sample_jobs(rule, jobs))
        self.assertEqual(len(picked), 2)

    def test_jobs_signed_in_another_month_are_not_drawn(self) -> None:
        self.signed_jobs(2)
        self.rule("100")
        draw = returnvisits.return_visits_draw(
            organisation=self.uni, actor=None, month=date(2026, 12, 1)
        )
        self.assertEqual((draw.signed, draw.drawn), (0, 0))
        self.assertFalse(Job.objects.filter(return_visit__isnull=False).exists())

    def test_a_rule_needs_a_published_questionnaire_and_a_share(self) -> None:
        with self.assertRaises(ServiceErrors) as caught:
            returnvisits.return_visit_rule_set(
                organisation=self.uni,
                actor=None,
                questionnaire_code="NOPE",
                percent="150",
                is_active=True,
            )
        fields = {error.field for error in caught.exception.errors}
        self.assertEqual(fields, {"questionnaire_code", "percent"})

    def test_without_an_active_rule_nothing_is_drawn(self) -> None:
        self.signed_jobs(1)
        with self.assertRaises(ServiceError) as caught:
            self.draw()
        self.assertEqual(caught.exception.code.code, "no_return_visit_rule")

    def test_the_job_page_shows_the_return_visit_and_its_answer(self) -> None:
        (job,) = self.signed_jobs(1)
        self.rule("100")
        self.draw()
        job.refresh_from_db()
        self.login(self.uni_supervisor)
        url = reverse("staff:fs_job_record", args=[job.pk])
        self.assertContains(self.client.get(url), 'data-status="open"')
        assert job.return_visit is not None
        return_visit_record(
            actor=self.uni_clerk,
            invitation=job.return_visit,
            outcome="answered",
            answers={
                q.pk: 5
                for q in job.return_visit.questionnaire.questions.filter(kind="likert5")
            }
            | self.grid_answers(job),
        )
        job.return_visit.refresh_from_db()
        self.assertEqual(job.return_visit.status, InvitationStatus.RESPONDED)
        page = self.client.get(url)
        self.assertContains(page, 'data-status="responded"')
        order_page = self.client.get(reverse("staff:fs_order", args=[self.order.pk]))
        self.assertContains(order_page, 'data-status="responded"')

    def grid_answers(self, job: Job) -> dict[int, object]:
        assert job.return_visit is not None
        answers: dict[int, object] = {}
        for question in job.return_visit.questionnaire.questions.all():
            if question.kind == "matrix5":
                for row in question.rows.all():
                    answers[row.pk] = 4
            elif question.kind == "single":
                answers[question.pk] = 1
            elif question.kind == "multiple":
                answers[question.pk] = [1]
        return answers

    def test_the_staff_page_sets_the_rule_and_draws_the_month_with_the_count(
        self,
    ) -> None:
        self.signed_jobs(4)
        self.login(self.uni_supervisor)
        url = reverse("staff:fs_return_visits")
        bad = self.client.post(
            url, {"action": "rule", "questionnaire_code": "SAT", "percent": "0"}
        )
        self.assertContains(bad, 'data-field="percent"', status_code=400)
        self.client.post(
            url,
            {
                "action": "rule",
                "questionnaire_code": "SAT",
                "percent": "50",
                "is_active": "on",
            },
        )
        response = self.client.post(
            url, {"action": "draw", "month": "2026-11"}, follow=True
        )
        message = [str(m) for m in response.context["messages"]][-1]
        self.assertIn("2026-11", message)
        self.assertIn("4", message)  # of the 4 signed visits, 2 drawn
        self.assertContains(response, "data-job=", count=2)
        self.assertEqual(Job.objects.filter(return_visit__isnull=False).count(), 2)

    def test_a_clerk_may_not_draw(self) -> None:
        self.login(self.uni_clerk)
        response = self.client.get(reverse("staff:fs_return_visits"))
        self.assertEqual(response.status_code, 403)

    def test_surveys_never_imports_field_service(self) -> None:
        import onestop.surveys

        root = Path(onestop.surveys.__file__).parent
        for source in root.rglob("*.py"):
            with self.subTest(str(source.relative_to(root))):
                self.assertNotIn("fieldservice", source.read_text(encoding="utf-8"))
